import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestApp, TestContext } from '../support/app';

let ctx: TestContext;
const dir = mkdtempSync(join(tmpdir(), 'console-'));

/** A bundle as the console's build names it (content hash in the name), big enough to be worth compressing. */
const BUNDLE = 'main-T6DY3MDY.js';
const bundleText = `export const greeting = ${JSON.stringify('hei '.repeat(2000))};\n`;

beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="nb"><title>Tilsagn</title></html>');
  mkdirSync(join(dir, 'i18n'));
  writeFileSync(join(dir, 'i18n', 'nb.json'), '{"hello":"hei"}');
  writeFileSync(join(dir, BUNDLE), bundleText);
  // The build's own step makes the .br and .gz files.
  execFileSync(process.execPath, [resolve(__dirname, '../../scripts/compress-console.js'), dir]);
  ctx = await startTestApp({ CONSOLE_DIR: dir });
});

/** A GET with this Accept-Encoding, the body as bytes (decoded by the client from the encoding sent). */
function getRaw(path: string, acceptEncoding: string) {
  return ctx.http
    .get(path)
    .set('accept-encoding', acceptEncoding)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}
afterAll(() => ctx.close());

describe('serving the console', () => {
  it('serves the console at /, its files, and index.html for its routes; the API keeps answering in JSON', async () => {
    const root = await ctx.http.get('/');
    expect(root.status).toBe(200);
    expect(root.text).toContain('<title>Tilsagn</title>');
    expect(root.headers['content-security-policy']).toContain("default-src 'self'");
    const deep = await ctx.http.get('/cases/123?tab=costs');
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<title>Tilsagn</title>');
    const file = await ctx.http.get('/i18n/nb.json');
    expect(file.body).toEqual({ hello: 'hei' });
    const api = await ctx.http.get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
    expect((await ctx.http.get('/health')).body.status).toBe('ok');
    // The API documentation beside the console (both serve static files).
    const docs = await ctx.http.get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
    expect((await ctx.http.get('/api/docs/openapi.json')).body.info.title).toBe('Tilsagn API');
  });

  it('keeps case data out of browser caches: API answers are no-store, the console files are not', async () => {
    const queue = await ctx.http.get('/api/applications').set('authorization', `Bearer ${await ctx.token('kari')}`);
    expect(queue.status).toBe(200);
    const root = await ctx.http.get('/');
    // A trailing slash is the same path, as it was under Express.
    const slash = await ctx.http.get('/api/applications/').set('authorization', `Bearer ${await ctx.token('kari')}`);
    expect(slash.status).toBe(200);
    expect(slash.body.items).toEqual(queue.body.items);
    expect(queue.headers['cache-control']).toBe('no-store');
    expect(queue.headers.etag).toBeUndefined();
    // helmet's headers on API answers and console files alike.
    for (const res of [queue, root]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    const file = await ctx.http.get('/i18n/nb.json');
    expect(file.headers['cache-control']).not.toBe('no-store');
  });

  it('sends the files precompressed as the browser accepts them: brotli, else gzip, else as they are', async () => {
    const br = await getRaw(`/${BUNDLE}`, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    // The bytes sent are the build's .br file (the client decodes them back to the bundle).
    expect(Number(br.headers['content-length'])).toBe(readFileSync(join(dir, `${BUNDLE}.br`)).length);
    expect(Number(br.headers['content-length'])).toBeLessThan(bundleText.length / 10);
    expect(br.body.toString()).toBe(bundleText);

    const gz = await getRaw(`/${BUNDLE}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Number(gz.headers['content-length'])).toBe(readFileSync(join(dir, `${BUNDLE}.gz`)).length);
    expect(gz.body.toString()).toBe(bundleText);

    const plain = await getRaw(`/${BUNDLE}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(bundleText);

    // index.html too, at / and for the console's routes.
    for (const path of ['/', '/cases/123']) {
      const page = await getRaw(path, 'br');
      expect(page.headers['content-encoding']).toBe('br');
      expect(page.body.toString()).toContain('<title>Tilsagn</title>');
    }
  });

  it('caches hashed bundles as immutable for a year and revalidates everything else', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const bundle = await getRaw(`/${BUNDLE}`, encoding);
      expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['/', '/index.html', '/queue', '/i18n/nb.json']) {
      const res = await getRaw(path, 'br');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });
});

/**
 * The console as built (when it is: `npm run build -w frontend`, which `npm start` and the
 * browser journeys run): every text file has its brotli and gzip twins, and the login page's
 * first load carries no page but the app's frame: the shell and every page are lazy.
 */
const BUILT = resolve(__dirname, '../../frontend/dist/tilsagn-console/browser');
(existsSync(join(BUILT, 'index.html')) ? describe : describe.skip)('the built console', () => {
  it('is precompressed, and its first load is the frame only', () => {
    if (!existsSync(join(BUILT, 'index.html.br')))
      throw new Error(`${BUILT} was built before the build precompressed it: npm run build -w frontend`);
    const index = readFileSync(join(BUILT, 'index.html'), 'utf8');
    const initial = [...index.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(initial.length).toBeGreaterThan(0);
    for (const file of initial) {
      expect(existsSync(join(BUILT, `${file}.br`))).toBe(true);
      expect(existsSync(join(BUILT, `${file}.gz`))).toBe(true);
    }
    const brotliBytes = initial.reduce((sum, f) => sum + readFileSync(join(BUILT, `${f}.br`)).length, 0);
    // 161 kB compressed (699 kB raw) before the shell went lazy; about 100 kB after; 133 kB with
    // the sessions shared between tabs, the problem texts, the shortcuts and FormatJS's ICU
    // formatter (about 7 kB) that every page's texts go through.
    expect(brotliBytes).toBeLessThan(140_000);
    const lazy = readdirSync(BUILT).filter((f) => /^chunk-.*\.js$/.test(f) && !initial.includes(f));
    expect(lazy.length).toBeGreaterThan(5);
  });
});
