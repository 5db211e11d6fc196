'use strict';
// `npm test`: every suite (backend unit tests, integration on a real
// PostgreSQL, console component tests, browser journeys) in one jest run,
// then one closing line with the totals.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { buildIfStale } = require('./build-if-stale');

const root = join(__dirname, '..');
const artifacts = join(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
buildIfStale();

const results = join(artifacts, 'jest-results.json');
const args = [require.resolve('jest/bin/jest'), '--ci', '--json', `--outputFile=${results}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: process.env.TZ || 'UTC' } });

if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  console.log(
    `\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped (${r.numTotalTestSuites} suites)`,
  );
}
process.exit(run.status ?? 1);
