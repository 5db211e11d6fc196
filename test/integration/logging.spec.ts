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
  it('logs each request as one JSON line with its request id and outcome, never the token, and leaves health probes out', async () => {
    lines.length = 0;
    const token = await ctx.token('kari');
    await ctx.http.get('/health');
    await ctx.http.get('/health?probe=k8s');
    const res = await ctx.http
      .get('/api/applications?limit=1')
      .set('authorization', `Bearer ${token}`)
      .set('x-request-id', 'trace-7')
      .set('user-agent', 'portal/2.1');
    expect(res.status).toBe(200);
    await settle();
    const mine = lines.filter((l) => l.requestId === 'trace-7');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', url: '/api/applications?limit=1', userAgent: 'portal/2.1' },
      res: { statusCode: 200 },
    });
    expect(mine[0].req.remoteAddress).toMatch(/127\.0\.0\.1/);
    expect(mine[0].responseTime).toBeGreaterThan(0);
    expect(lines.some((l) => String(l.req?.url).startsWith('/health'))).toBe(false);
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
      expect(logged).toMatchObject({
        level: 50,
        requestId: res.body.requestId,
        err: { type: expect.any(String), stack: expect.any(String) },
      });
      expect(res.body.detail).not.toMatch(/reference_gone|column/);
    } finally {
      await ctx.db.query(`ALTER TABLE application RENAME COLUMN reference_gone TO reference`);
    }
  });
});
