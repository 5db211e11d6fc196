'use strict';
// Builds the backend and the console when their build is missing or older than their sources.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let latest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === '.angular') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => newest(join(root, s)) > built);
}

function build(name, output, sources, command) {
  if (!stale(join(root, output), sources)) return;
  process.stdout.write(`[tilsagn] building the ${name} (its build is missing or older than its sources)\n`);
  const started = Date.now();
  execSync(command, { cwd: root, stdio: 'inherit' });
  process.stdout.write(`[tilsagn] ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function buildIfStale({ console: withConsole = true } = {}) {
  build(
    'backend',
    'backend/dist/backend/src/main.js',
    ['backend/src', 'backend/tools', 'migrations', 'backend/tsconfig.json'],
    'npm run build -w backend',
  );
  if (withConsole) {
    build(
      'console',
      'frontend/dist/tilsagn-console/browser/index.html',
      ['frontend/src', 'frontend/public', 'frontend/angular.json'],
      'npm run build -w frontend',
    );
  }
}

module.exports = { buildIfStale };
if (require.main === module) buildIfStale();
