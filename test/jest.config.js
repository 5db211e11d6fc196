/** Integration suites: the HTTP application on a real PostgreSQL, one database per test file. */
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'integration',
  rootDir: '.',
  testMatch: ['<rootDir>/integration/**/*.spec.ts'],
  testEnvironment: 'node',
  transform: require('./swc.config'),
  testTimeout: 60_000,
};
