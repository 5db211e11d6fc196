/** End-to-end journeys in Debian's Chromium (playwright-core) against the built console and API. */
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'e2e',
  rootDir: '.',
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
  testEnvironment: 'node',
  transform: require('./swc.config'),
  testTimeout: 120_000,
};
