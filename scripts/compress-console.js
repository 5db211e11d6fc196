'use strict';
// Precompresses the built console (brotli and gzip, at their highest levels) so the server sends
// each file's .br or .gz as the browser accepts, without compressing anything per request
// (backend/src/app.ts serves them with @fastify/static's preCompressed). Run by the console's
// build (`npm run build -w frontend`); an argument names another build directory.
const { readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const zlib = require('node:zlib');

const root = resolve(process.argv[2] || join(__dirname, '..', 'frontend', 'dist', 'tilsagn-console', 'browser'));
// Text compresses; fonts (woff2 is compressed already), images and archives do not gain.
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|map|ico|xml|webmanifest)$/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(entry.name)) yield path;
  }
}

if (!statSync(root).isDirectory()) throw new Error(`${root} is not a directory`);
let count = 0;
let before = 0;
let after = 0;
for (const path of files(root)) {
  const bytes = readFileSync(path);
  const br = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [zlib.constants.BROTLI_PARAM_MODE]: /\.(js|css|html|json|svg|txt|map)$/.test(path)
        ? zlib.constants.BROTLI_MODE_TEXT
        : zlib.constants.BROTLI_MODE_GENERIC,
    },
  });
  const gz = zlib.gzipSync(bytes, { level: zlib.constants.Z_BEST_COMPRESSION });
  // Every text file gets both, however small: @fastify/static finds the index of a directory (/)
  // only through its compressed twin when the browser accepts compression.
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gz);
  count++;
  before += bytes.length;
  after += br.length;
}
process.stdout.write(
  `[tilsagn] precompressed ${count} console files: ${Math.round(before / 1024)} kB, ${Math.round(after / 1024)} kB as brotli\n`,
);
