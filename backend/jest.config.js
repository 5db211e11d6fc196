/** Unit tests of pure logic, colocated with the code (rulebook, validation, calendars). */
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'backend',
  rootDir: 'src',
  testRegex: '.*\\.spec\\.ts$',
  testEnvironment: 'node',
  transform: require('../test/swc.config'),
};
