/** End-to-end journeys in Debian's Chromium (playwright-core) against the built console and API. */
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'e2e',
  rootDir: '.',
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
  testEnvironment: 'node',
  transform: require('./swc.config'),
  // The journeys read the console's texts as it formats them (frontend core/i18n/icu-format.ts),
  // with FormatJS's intl-messageformat, which is plain ESM: compiled to CommonJS like the rest.
  transformIgnorePatterns: ['node_modules/(?!(intl-messageformat|@formatjs)/)'],
  testTimeout: 120_000,
};
