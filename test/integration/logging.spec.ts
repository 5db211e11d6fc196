import { Writable } from 'node:stream';
import { startTestApp, TestContext } from '../support/app';

const lines: Record<string, any>[] = [];
let ctx: TestContext;

beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  ctx = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: destination });
});
afterAll(() => ctx.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('request logs', () => {
  it('logs each request as JSON with its request id and outcome, never the token, and leaves health probes out', async () => {
    lines.length = 0;
    const token = await ctx.token('kari');
    await ctx.http.get('/health');
    const res = await ctx.http.get('/api/applications?limit=1').set('authorization', `Bearer ${token}`).set('x-request-id', 'trace-7');
    expect(res.status).toBe(200);
    await settle();
    const mine = lines.filter((l) => l.requestId === 'trace-7');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(mine[0].req).toMatchObject({ method: 'GET', url: '/api/applications?limit=1' });
    expect(mine[1].res).toEqual({ statusCode: 200 });
    expect(mine[1].responseTime).toBeGreaterThan(0);
    expect(lines.some((l) => l.req?.url === '/health')).toBe(false);
    expect(JSON.stringify(lines)).not.toContain(token);
  });

  it('logs an unexpected error with its stack under the request id the 500 quotes', async () => {
    lines.length = 0;
    const token = await ctx.token('kari');
    // A case view that fails in the database stands in for any unexpected error.
    await ctx.db.query(`ALTER TABLE application RENAME COLUMN reference TO reference_gone`);
    try {
      const res = await ctx.http.get('/api/applications?limit=1').set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(500);
      await settle();
      const logged = lines.find((l) => l.msg === 'unhandled error');
      expect(logged).toMatchObject({ level: 50, requestId: res.body.requestId, err: { type: expect.any(String), stack: expect.any(String) } });
      expect(res.body.detail).not.toMatch(/reference_gone|column/);
    } finally {
      await ctx.db.query(`ALTER TABLE application RENAME COLUMN reference_gone TO reference`);
    }
  });
});
