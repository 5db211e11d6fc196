import { JobsService } from '../../backend/src/jobs/jobs.service';
import { toOsloDate } from '../../backend/src/sla/business-days';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';
import { askApplicant, caseInReview, outboxOf } from '../support/portal';

/**
 * The background jobs of the dialogue (docs/jobs-and-outbox.md): a reply-by date passed without an
 * answer puts the case in the "Svarfrist passert" list, and a case undecided a month after receipt
 * gets one preliminary reply (forvaltningsloven § 11 a) in the portal's outbox. The sweeps run
 * every minute; here the test starts them itself, as an operator could.
 */

let ctx: TestContext;
let jobs: JobsService;

beforeAll(async () => {
  ctx = await startTestApp();
  jobs = ctx.app.get(JobsService);
});
afterAll(() => ctx.close());

const DAY = 86_400_000;

async function timeline(id: string, kind: string): Promise<any[]> {
  const res = await (await as(ctx, 'kari')).get(`/api/applications/${id}/timeline?kind=${kind}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function replyOverdueList(): Promise<string[]> {
  const res = await (await as(ctx, 'kari')).get('/api/applications?replyOverdue=true&limit=200');
  expect(res.status).toBe(200);
  return res.body.items.map((c: any) => c.id);
}

describe('a late reply', () => {
  it('puts the case in the replyOverdue list ("Svarfrist passert") with an audit event, once, when the reply-by date has passed', async () => {
    const late = await caseInReview(ctx);
    const lateRequest = await askApplicant(ctx, late);
    const onTime = await caseInReview(ctx);
    await askApplicant(ctx, onTime);
    // The reply-by date of the first passed three days ago; the second's is two weeks ahead.
    const threeDaysAgo = toOsloDate(new Date(Date.now() - 3 * DAY));
    await ctx.db.query(`UPDATE information_request SET reply_by = $2 WHERE id = $1`, [lateRequest, threeDaysAgo]);
    expect(await replyOverdueList()).not.toContain(late);

    await jobs.runNow('late-reply');

    const list = await replyOverdueList();
    expect(list).toContain(late);
    expect(list).not.toContain(onTime);
    const events = await timeline(late, 'reply-overdue');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'reply-overdue', data: { requestId: lateRequest, replyBy: threeDaysAgo } });
    const requests = (await (await as(ctx, 'kari')).get(`/api/applications/${late}/information-requests`)).body;
    expect(requests[0].overdueAt).toEqual(expect.any(String));
    // The case's header can say so: "Svarfrist passert".
    expect((await (await as(ctx, 'kari')).get(`/api/applications/${late}`)).body.informationRequest.overdueAt).toBe(requests[0].overdueAt);
    // Again: nothing new to mark.
    await jobs.runNow('late-reply');
    expect(await timeline(late, 'reply-overdue')).toHaveLength(1);

    // The applicant answers late: the case is back in review and leaves the list.
    const reply = await ctx.http
      .post(`/api/applications/${late}/information-requests/${lateRequest}/reply`)
      .set('authorization', `Bearer ${await ctx.token('portal')}`)
      .send({ message: 'Her er budsjettet.' });
    expect(reply.status).toBe(201);
    expect(await replyOverdueList()).not.toContain(late);
  });

  it('refuses a replyOverdue that is not true or false', async () => {
    const res = await (await as(ctx, 'kari')).get('/api/applications?replyOverdue=maybe');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: '$.replyOverdue', message: 'replyOverdue must be true or false' }]);
  });
});

describe('the preliminary reply (forvaltningsloven § 11 a)', () => {
  it('goes to the outbox once for a case received 32 days ago, with the expected decision date, and not for a newer case', async () => {
    const old = await newApplication(ctx);
    const recent = await newApplication(ctx);
    await ctx.db.query(`UPDATE application SET received_at = now() - interval '32 days' WHERE id = $1`, [old.id]);
    await ctx.db.query(`UPDATE application SET received_at = now() - interval '20 days' WHERE id = $1`, [recent.id]);
    const [{ sla_due_on: due }] = await ctx.db.query(`SELECT sla_due_on FROM application WHERE id = $1`, [old.id]);

    await jobs.runNow('preliminary-reply');
    await jobs.runNow('preliminary-reply');

    const messages = await outboxOf(ctx, old.id);
    expect(messages.map((m) => m.kind)).toEqual(['preliminary_reply']);
    const { payload } = messages[0];
    expect(payload).toMatchObject({ reference: old.reference, expectedDecisionBy: due, lang: 'nb' });
    expect(payload.message).toContain('Foreløpig svar');
    expect(payload.message).toContain(`innen ${due.split('-').reverse().join('.')}`);
    expect(payload.message).toContain('forvaltningsloven § 11 a');
    expect(await outboxOf(ctx, recent.id)).toEqual([]);
    const events = await timeline(old.id, 'preliminary-reply');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ data: { messageId: messages[0].id, expectedDecisionBy: due } });

    // The portal reads it like any other message.
    const page = await ctx.http.get('/api/portal/outbox?limit=500').set('authorization', `Bearer ${await ctx.token('portal')}`);
    expect(page.status).toBe(200);
    expect(page.body.items.filter((m: any) => m.applicationId === old.id)).toEqual([
      {
        id: messages[0].id,
        applicationId: old.id,
        externalRef: old.externalRef,
        kind: 'preliminary_reply',
        createdAt: expect.any(String),
        payload,
      },
    ]);
  });

  it('is not sent for a decided or withdrawn case', async () => {
    const withdrawn = await caseInReview(ctx);
    const kari = await as(ctx, 'kari');
    expect(
      (await kari.post(`/api/applications/${withdrawn}/status`, { status: 'withdrawn', comment: 'Søker trakk søknaden.' })).status,
    ).toBe(200);
    await ctx.db.query(`UPDATE application SET received_at = now() - interval '40 days' WHERE id = $1`, [withdrawn]);
    await jobs.runNow('preliminary-reply');
    expect(await outboxOf(ctx, withdrawn)).toEqual([]);
  });
});

describe('the admin view', () => {
  it('lists each job with its counts for a manager and an administrator, and is refused to a caseworker', async () => {
    const leder = await as(ctx, 'leder');
    const res = await leder.get('/api/admin/jobs');
    expect(res.status).toBe(200);
    expect(res.body.runningHere).toBe(false); // JOBS is off in this suite
    expect(res.body.queues.map((q: any) => q.name).sort()).toEqual(['deadline-soon', 'late-reply', 'preliminary-reply']);
    for (const queue of res.body.queues) {
      expect(queue).toEqual({
        name: expect.any(String),
        description: expect.any(String),
        // The sweeps every minute; the deadline notifications once a day.
        schedule: queue.name === 'deadline-soon' ? '0 5 * * *' : '* * * * *',
        pending: expect.any(Number),
        active: 0,
        failed: 0,
        retrying: 0,
        backlog: null,
      });
    }
    expect(res.body.failures).toEqual([]);
    expect((await (await as(ctx, 'admin')).get('/api/admin/jobs')).body).toEqual(res.body);
    expect((await (await as(ctx, 'kari')).get('/api/admin/jobs')).status).toBe(403);
  });

  it('lets an administrator run a failed job again now, with every attempt ahead of it, recorded in the access log', async () => {
    // A run of late-reply that failed for good: graphile-worker's own permanently_fail_jobs marks it.
    const [{ id }] = await ctx.db.query(`SELECT (graphile_worker.add_job('late-reply', '{}'::json, max_attempts := 3)).id::text AS id`);
    await ctx.db.query(`SELECT graphile_worker.permanently_fail_jobs(ARRAY[$1::bigint], 'connect ECONNREFUSED 10.0.0.5:443')`, [id]);
    const admin = await as(ctx, 'admin');
    const before = (await admin.get('/api/admin/jobs')).body;
    expect(before.queues.find((q: any) => q.name === 'late-reply').failed).toBe(1);
    expect(before.failures).toEqual([
      expect.objectContaining({
        subject: 'job',
        id,
        name: 'late-reply',
        attempts: 3,
        maxAttempts: 3,
        lastError: 'connect ECONNREFUSED 10.0.0.5:443',
        nextAttemptAt: null,
      }),
    ]);

    // A manager sees the jobs but may not change the queue; nor may a caseworker.
    expect((await (await as(ctx, 'leder')).post(`/api/admin/jobs/${id}/retry`)).status).toBe(403);
    expect((await (await as(ctx, 'kari')).post(`/api/admin/jobs/${id}/retry`)).status).toBe(403);

    const res = await admin.post(`/api/admin/jobs/${id}/retry`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, name: 'late-reply', attempts: 0, maxAttempts: 3, runAt: expect.any(String) });
    expect(Math.abs(Date.parse(res.body.runAt) - Date.now())).toBeLessThan(60_000);
    const after = (await admin.get('/api/admin/jobs')).body;
    const queue = after.queues.find((q: any) => q.name === 'late-reply');
    expect(queue.failed).toBe(0);
    // It keeps its last error until it runs, and says when it runs: now.
    expect(after.failures).toEqual([expect.objectContaining({ id, attempts: 0, nextAttemptAt: res.body.runAt })]);

    const log = await (await as(ctx, 'leder')).get('/api/access-log?kind=job-retried');
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        kind: 'job-retried',
        username: 'admin',
        subject: `late-reply #${id}`,
        route: 'POST /api/admin/jobs/:jobId/retry',
      }),
    ]);

    // Running now (locked by a runner): left alone. Gone: 404. Not an id: 400 naming it.
    await ctx.db.query(`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'another-process' WHERE id = $1::bigint`, [
      id,
    ]);
    const running = await admin.post(`/api/admin/jobs/${id}/retry`);
    expect({ status: running.status, type: running.body.type }).toEqual({ status: 409, type: 'urn:tilsagn:problem:job-running' });
    await ctx.db.query(`UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL WHERE id = $1::bigint`, [id]);
    await ctx.db.query(`SELECT graphile_worker.complete_jobs(ARRAY[$1::bigint])`, [id]);
    const gone = await admin.post(`/api/admin/jobs/${id}/retry`);
    expect({ status: gone.status, type: gone.body.type }).toEqual({ status: 404, type: 'urn:tilsagn:problem:job-not-found' });
    const bad = await admin.post('/api/admin/jobs/abc/retry');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: '$.jobId', message: expect.any(String) }]);
  });
});

describe('the sweeps at scale', () => {
  // The suite's tables are tiny, where a sequential scan is cheapest: steered off it, each sweep's
  // query shows it can be answered from its partial index, which holds only what is still to do.
  it('can find what is due through their partial indexes', async () => {
    const plans: Record<string, string> = {
      late: `SELECT id FROM information_request WHERE resumed_at IS NULL AND overdue_at IS NULL AND reply_by < '2026-12-01'::date ORDER BY reply_by, id LIMIT 100`,
      preliminary: `WITH due AS MATERIALIZED (SELECT id, received_at FROM application WHERE preliminary_reply_at IS NULL
        AND status IN ('received', 'in_review', 'awaiting_applicant', 'recommended') AND received_at <= now() - interval '1 month')
        SELECT id FROM due ORDER BY received_at, id LIMIT 100`,
      outbox: `SELECT id FROM portal_outbox WHERE delivered_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT 1`,
    };
    const indexes: Record<string, string> = {
      late: 'ix_information_request_reply_due',
      preliminary: 'ix_application_preliminary_reply_due',
      outbox: 'ix_portal_outbox_undelivered',
    };
    await ctx.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      for (const [name, sql] of Object.entries(plans)) {
        const plan = (await tx.query(`EXPLAIN ${sql}`)).map((r: any) => r['QUERY PLAN']).join('\n');
        expect(plan).toContain(indexes[name]);
      }
    });
  });
});
