import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestContext } from '../support/app';

let ctx: TestContext;
const dir = mkdtempSync(join(tmpdir(), 'console-'));

beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="nb"><title>Tilsagn</title></html>');
  mkdirSync(join(dir, 'i18n'));
  writeFileSync(join(dir, 'i18n', 'nb.json'), '{"hello":"hei"}');
  ctx = await startTestApp({ CONSOLE_DIR: dir });
});
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
});
