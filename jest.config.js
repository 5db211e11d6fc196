/**
 * Every jest suite of the repository; `npm test` runs them all (scripts/test.js).
 * One PostgreSQL serves the whole run (globalSetup), each test file gets its own database.
 */
/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    '<rootDir>/backend/jest.config.js',
    '<rootDir>/test/jest.config.js',
    '<rootDir>/frontend/jest.config.js',
    '<rootDir>/test/e2e.jest.config.js',
  ],
};
