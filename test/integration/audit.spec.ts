import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

describe('the audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
    await newApplication(ctx);
    await expect(ctx.db.query(`UPDATE audit_event SET actor = 'someone'`)).rejects.toThrow(/append-only/);
    await expect(ctx.db.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(ctx.db.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });

  it('chains events in order, also when written concurrently', async () => {
    const shared = await newApplication(ctx);
    const leder0 = await as(ctx, 'leder');
    await Promise.all(
      ['kari', 'ola', 'ingrid', null, 'kari'].map((u) => leder0.post(`/api/applications/${shared.id}/assign`, { assignee: u })),
    );
    await Promise.all(Array.from({ length: 8 }, () => newApplication(ctx)));
    const leder = await as(ctx, 'leder');
    const res = await leder.get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      events: expect.any(Number),
      streams: expect.any(Number),
      brokenStreams: 0,
      firstBrokenAt: null,
      broken: [],
    });
    expect(res.body.events).toBeGreaterThanOrEqual(9);
  });

  it('names the first broken link when a row has been tampered with', async () => {
    const apps = [await newApplication(ctx), await newApplication(ctx)];
    const [target] = await ctx.db.query(`SELECT id FROM audit_event WHERE application_id = $1`, [apps[0].id]);
    // Someone with superuser rights switches the guard off and rewrites history.
    await ctx.db.query(`ALTER TABLE audit_event DISABLE TRIGGER tg_audit_event_append_only`);
    await ctx.db.query(`UPDATE audit_event SET actor = 'mallory' WHERE id = $1`, [target.id]);
    await ctx.db.query(`ALTER TABLE audit_event ENABLE TRIGGER tg_audit_event_append_only`);
    const leder = await as(ctx, 'leder');
    const res = await leder.get('/api/audit/verify');
    expect(res.body).toMatchObject({
      ok: false,
      firstBrokenAt: {
        id: Number(target.id),
        applicationId: apps[0].id,
        streamSeq: 1,
        problem: 'content',
        reason: 'content does not match its hash',
      },
    });
  });

  it('notices an event removed from the middle of a chain', async () => {
    await ctx.close();
    ctx = await startTestApp(); // a clean log, without the tampering above
    const app = await newApplication(ctx);
    const leder = await as(ctx, 'leder');
    for (const u of ['kari', 'ola', 'ingrid']) await leder.post(`/api/applications/${app.id}/assign`, { assignee: u });
    await ctx.db.query(`ALTER TABLE audit_event DISABLE TRIGGER tg_audit_event_append_only`);
    await ctx.db.query(`DELETE FROM audit_event WHERE application_id = $1 AND stream_seq = 2`, [app.id]);
    await ctx.db.query(`ALTER TABLE audit_event ENABLE TRIGGER tg_audit_event_append_only`);
    const res = await leder.get('/api/audit/verify');
    expect(res.body.ok).toBe(false);
    expect(res.body.firstBrokenAt).toEqual({
      id: null,
      applicationId: app.id,
      streamSeq: 2,
      problem: 'missing',
      reason: 'the event at this position is missing: it was deleted',
    });
  });
});
