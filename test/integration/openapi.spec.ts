import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../../backend/src/app';
import { startTestApp, TestContext } from '../support/app';

const SPEC = join(__dirname, '../../backend/openapi.json');
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

describe('the OpenAPI document', () => {
  it('is served at /api/docs and matches the committed backend/openapi.json (UPDATE_OPENAPI=1 npm test rewrites it)', async () => {
    const generated = `${JSON.stringify(openApiDocument(ctx.app), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(SPEC, generated);
    expect(existsSync(SPEC)).toBe(true);
    expect(generated).toBe(readFileSync(SPEC, 'utf8'));
    const served = await ctx.http.get('/api/docs/openapi.json');
    expect(served.status).toBe(200);
    const paths = Object.keys(served.body.paths);
    for (const p of ['/api/auth/login', '/api/applications', '/api/applications/{id}', '/api/applications/{id}/what-if', '/health']) {
      expect(paths).toContain(p);
    }
    const ui = await ctx.http.get('/api/docs/');
    expect(ui.status).toBe(200);
  });
});
