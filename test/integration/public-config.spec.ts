import { startTestApp, TestContext } from '../support/app';

/**
 * GET /api/config: what the console may know before sign-in. `demo` tells it the server runs with
 * demo data (the embedded database of `npm start`), so it can show a "demo" banner.
 */
describe('GET /api/config', () => {
  let ctx: TestContext | undefined;
  afterEach(async () => {
    await ctx?.close();
    ctx = undefined;
  });

  it('says demo: true, without a token, when the server runs with demo data', async () => {
    ctx = await startTestApp({ SEED_DEMO: 'true' });
    const res = await ctx.http.get('/api/config');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ demo: true });
  });

  it('says demo: false otherwise (a database of its own, production)', async () => {
    ctx = await startTestApp({ DATABASE_URL: 'postgres://tilsagn_app@db.internal/tilsagn' });
    expect(ctx.config.seedDemo).toBe(false);
    expect((await ctx.http.get('/api/config')).body).toEqual({ demo: false });
  });
});
