/** Every jest suite of the repository; `npm test` runs them all (see scripts/test.js). */
/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/backend/jest.config.js', '<rootDir>/test/jest.config.js'],
};
