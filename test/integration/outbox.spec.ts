import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../backend/src/app';
import { loadConfig } from '../../backend/src/config/app-config';
import { JobsService } from '../../backend/src/jobs/jobs.service';
import { OutboxService } from '../../backend/src/portal/outbox.service';
import { startTestApp, TestContext } from '../support/app';
import { as } from '../support/factories';
import { askApplicant, caseInReview, eventually, outboxOf, recommendGrant, WebhookReceiver } from '../support/portal';

/**
 * The portal's outbox (docs/jobs-and-outbox.md): every message for the applicant is written in the
 * transaction of its change, read by the portal page by page, and delivered to its webhook, signed,
 * until the portal answers 2xx; at least once, across a restart.
 */

const SECRET = randomBytes(24).toString('hex');
let receiver: WebhookReceiver;
let ctx: TestContext;
/** Set once the restart test has stopped the first app itself. */
let stopped = false;

beforeAll(async () => {
  receiver = await new WebhookReceiver(SECRET).start();
  ctx = await startTestApp({
    JOBS: 'on',
    PORTAL_WEBHOOK_URL: receiver.url,
    PORTAL_WEBHOOK_SECRET: SECRET,
    PORTAL_WEBHOOK_RETRY_SECONDS: '1',
  });
});
afterAll(async () => {
  if (stopped) await ctx?.db.destroy();
  else await ctx?.close();
  await receiver.stop();
});

beforeEach(() => {
  receiver.answer = () => 200;
});

async function portalPage(query: string, token?: string) {
  return ctx.http.get(`/api/portal/outbox${query}`).set('authorization', `Bearer ${token ?? (await ctx.token('portal'))}`);
}

describe('writing', () => {
  it('writes an information request to the outbox with the change, with its message, reply-by date and where to reply', async () => {
    const id = await caseInReview(ctx);
    const requestId = await askApplicant(ctx, id, 'Send oss årsregnskapet for 2025.');
    const messages = (await outboxOf(ctx, id)).filter((m) => m.kind === 'information_request');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      kind: 'information_request',
      payload: {
        requestId,
        message: 'Send oss årsregnskapet for 2025.',
        replyBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        reply: `/api/applications/${id}/information-requests/${requestId}/reply`,
      },
    });
  });

  it('writes the decision letter with the decision, and nothing when the decision fails', async () => {
    const id = await caseInReview(ctx);
    const version = await recommendGrant(ctx, id);
    const ingrid = await as(ctx, 'ingrid');

    // A decision that fails at its very end (the case's last update refused by a trigger) leaves no message behind.
    await ctx.db.query(`CREATE FUNCTION test_refuse_decided() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.decision_outcome IS NOT NULL THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await ctx.db.query(
      `CREATE TRIGGER tg_test_refuse_decided BEFORE UPDATE ON application FOR EACH ROW EXECUTE FUNCTION test_refuse_decided()`,
    );
    try {
      const failed = await ingrid.post(`/api/applications/${id}/decision`, { action: 'approve', version });
      expect(failed.status).toBe(500);
    } finally {
      await ctx.db.query(`DROP TRIGGER tg_test_refuse_decided ON application`);
      await ctx.db.query(`DROP FUNCTION test_refuse_decided`);
    }
    // (The schedule may have sent the case a preliminary reply meanwhile: the fixture was received months ago.)
    expect((await outboxOf(ctx, id)).filter((m) => m.kind === 'decision_letter')).toEqual([]);

    const decided = await ingrid.post(`/api/applications/${id}/decision`, { action: 'approve', version });
    expect(decided.status).toBe(200);
    const messages = (await outboxOf(ctx, id)).filter((m) => m.kind === 'decision_letter');
    expect(messages).toHaveLength(1);
    const { payload } = messages[0];
    expect(payload).toEqual({
      decisionId: expect.any(String),
      outcome: 'granted',
      decisionDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      letters: {
        nb: `/api/applications/${id}/decision/letter.pdf?lang=nb`,
        en: `/api/applications/${id}/decision/letter.pdf?lang=en`,
      },
    });
    // The portal fetches the letter it was told of.
    const letter = await ctx.http.get(payload.letters.nb).set('authorization', `Bearer ${await ctx.token('portal')}`);
    expect(letter.status).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
  });
});

describe('reading (GET /api/portal/outbox)', () => {
  it('pages through every message in id order with nextAfter, each once', async () => {
    const ids = [await caseInReview(ctx), await caseInReview(ctx), await caseInReview(ctx)];
    for (const id of ids) await askApplicant(ctx, id);
    const all = (await ctx.db.query(`SELECT id FROM portal_outbox ORDER BY seq`)).map((r: any) => r.id);
    expect(all.length).toBeGreaterThanOrEqual(3);

    const seen: string[] = [];
    let after = '';
    for (let pages = 0; pages < 50; pages++) {
      const res = await portalPage(`?limit=2${after ? `&after=${after}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((m: any) => m.id));
      if (!res.body.items.length) {
        expect(res.body.nextAfter).toBe(after || null);
        break;
      }
      after = res.body.nextAfter;
      expect(after).toBe(res.body.items.at(-1).id);
    }
    expect(seen).toEqual(all);
    expect([...seen].sort()).toEqual(seen); // time-ordered ids
    for (const id of ids) {
      const message = (await portalPage(`?limit=500`)).body.items.find((m: any) => m.applicationId === id);
      expect(message).toMatchObject({ kind: 'information_request', externalRef: expect.any(String), createdAt: expect.any(String) });
    }
  });

  it('is for the portal only (a caseworker gets 403), and refuses an unknown after or a bad limit', async () => {
    expect((await portalPage('', await ctx.token('kari'))).status).toBe(403);
    expect((await portalPage('', await ctx.token('leder'))).status).toBe(403);
    const unknown = await portalPage(`?after=00000000-0000-7000-8000-000000000000`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: '$.after', message: 'no message has this id' }]);
    expect((await portalPage('?limit=0')).status).toBe(400);
    expect((await portalPage('?after=nope')).status).toBe(400);
  });
});

describe('delivery to the webhook', () => {
  it('POSTs every message with a valid signature; a portal that answers 500 first gets it again later', async () => {
    const id = await caseInReview(ctx);
    await askApplicant(ctx, id);
    const message = (await outboxOf(ctx, id)).find((m) => m.kind === 'information_request')!;
    receiver.answer = (d, seen) => (d.id === message.id && seen === 0 ? 500 : 200);

    // Through the queue, as the schedule would start it: the first try fails, the job is tried again with backoff.
    await ctx.app.get(JobsService).enqueue('portal-delivery');
    await eventually(
      async () => (await outboxOf(ctx, id)).find((m) => m.id === message.id)!.delivered_at !== null,
      30_000,
      'the message to be delivered',
    );

    const mine = receiver.deliveries.filter((d) => d.id === message.id);
    expect(mine.length).toBe(2);
    expect(mine.every((d) => d.signed)).toBe(true);
    expect(mine[1].body).toEqual({
      id: message.id,
      applicationId: id,
      externalRef: expect.any(String),
      kind: 'information_request',
      createdAt: expect.any(String),
      payload: message.payload,
    });
    const [stored] = await ctx.db.query(`SELECT attempts, last_error FROM portal_outbox WHERE id = $1`, [message.id]);
    expect(stored).toEqual({ attempts: 2, last_error: null });

    const admin = (await (await as(ctx, 'leder')).get('/api/admin/jobs')).body;
    expect(admin.runningHere).toBe(true);
    expect(admin.queues.map((q: any) => q.name).sort()).toEqual(['deadline-soon', 'late-reply', 'portal-delivery', 'preliminary-reply']);
    // Every message so far, from every test, reached the portal signed.
    const all = (await ctx.db.query(`SELECT id FROM portal_outbox`)).map((r: any) => r.id);
    await eventually(() => all.every((m: string) => receiver.ids().has(m)), 30_000, 'every message at the receiver');
  });

  it('shows a delivery that keeps failing in the admin view with its error, the message’s and the job’s', async () => {
    const id = await caseInReview(ctx);
    await askApplicant(ctx, id);
    const message = (await outboxOf(ctx, id)).find((m) => m.kind === 'information_request')!;
    receiver.answer = (d) => (d.id === message.id ? 503 : 200);
    await expect(ctx.app.get(OutboxService).deliver()).rejects.toThrow(/503/);

    const leder = await as(ctx, 'leder');
    // (The schedule runs too, every minute: a tick may have tried it once more, or written another message.)
    let admin = (await leder.get('/api/admin/jobs')).body;
    const { backlog } = admin.queues.find((q: any) => q.name === 'portal-delivery');
    expect(backlog.waiting).toBeGreaterThanOrEqual(1);
    expect(backlog.failing).toBeGreaterThanOrEqual(1);
    // The oldest undelivered message: this one or an older one, written before this test's failure.
    expect(Date.parse(backlog.oldestWaitingAt)).toBeLessThanOrEqual(Date.now());
    const [{ oldest }] = await ctx.db.query(`SELECT min(created_at) AS oldest FROM portal_outbox WHERE delivered_at IS NULL`);
    expect(backlog.oldestWaitingAt).toBe(oldest.toISOString());
    expect(admin.failures).toContainEqual({
      subject: 'item',
      id: message.id,
      name: 'portal-delivery',
      attempts: expect.any(Number),
      maxAttempts: null,
      lastError: expect.stringMatching(/: 503 Service Unavailable$/),
      failedAt: null,
      nextAttemptAt: expect.any(String),
    });

    // Through the queue: the job's run fails too, with the error, and is tried again.
    await ctx.db.query(`UPDATE portal_outbox SET next_attempt_at = now() WHERE id = $1`, [message.id]);
    await ctx.app.get(JobsService).enqueue('portal-delivery');
    await eventually(
      async () => (await leder.get('/api/admin/jobs')).body.failures.some((f: any) => f.subject === 'job' && /503/.test(f.lastError)),
      30_000,
      'the job failure in the admin view',
    );
    admin = (await leder.get('/api/admin/jobs')).body;
    expect(admin.failures.find((f: any) => f.subject === 'job')).toMatchObject({
      name: 'portal-delivery',
      attempts: expect.any(Number),
      maxAttempts: 10,
      failedAt: expect.any(String),
    });

    // The portal recovers: the message arrives.
    receiver.answer = () => 200;
    await eventually(
      async () => (await outboxOf(ctx, id)).find((m) => m.id === message.id)!.delivered_at !== null,
      30_000,
      'the message after recovery',
    );
    await eventually(
      async () => (await leder.get('/api/admin/jobs')).body.queues.find((q: any) => q.name === 'portal-delivery').backlog.failing === 0,
      30_000,
      'no failing message in the admin view',
    );
  });
});

describe('a restart while deliveries are pending', () => {
  it('delivers every message after a new process starts on the same database: none lost, duplicates counted', async () => {
    // The portal is down while the messages are written.
    receiver.answer = () => 503;
    const cases: string[] = [];
    for (let i = 0; i < 6; i++) cases.push(await caseInReview(ctx));
    for (const id of cases) await askApplicant(ctx, id);
    const written = (await ctx.db.query(`SELECT id FROM portal_outbox WHERE application_id = ANY($1)`, [cases])).map((r: any) => r.id);
    // Six requests, and any preliminary replies the schedule has sent these cases meanwhile.
    expect(written.length).toBeGreaterThanOrEqual(6);

    // The portal comes back slowly; the process stops while it is delivering.
    receiver.answer = async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return 200;
    };
    await ctx.db.query(`UPDATE portal_outbox SET next_attempt_at = now() WHERE delivered_at IS NULL`);
    const before = receiver.deliveries.length;
    await ctx.app.get(JobsService).enqueue('portal-delivery');
    await eventually(() => receiver.deliveries.length >= before + 2, 30_000, 'deliveries to begin');
    stopped = true;
    await ctx.app.close();
    const [{ pending }] = await ctx.db.query(`SELECT count(*)::int AS pending FROM portal_outbox WHERE delivered_at IS NULL`);
    expect(pending).toBeGreaterThan(0);

    // A new process on the same database takes over.
    const next = await startOn(ctx.databaseUrl);
    try {
      const undelivered = async () =>
        (
          await ctx.db.query(`SELECT count(*)::int AS n FROM portal_outbox WHERE application_id = ANY($1) AND delivered_at IS NULL`, [
            cases,
          ])
        )[0].n as number;
      // Arrived, and acknowledged (the receiver records a delivery before it answers).
      await eventually(
        async () => written.every((m: string) => receiver.ids().has(m)) && (await undelivered()) === 0,
        60_000,
        'every message after the restart',
      );
      const arrivals = new Map<string, number>();
      for (const d of receiver.deliveries) if (written.includes(d.id) && d.signed) arrivals.set(d.id, (arrivals.get(d.id) ?? 0) + 1);
      const duplicates = [...arrivals.values()].reduce((n, count) => n + count - 1, 0);
      // Duplicates are allowed (at least once); the count is reported, not hidden.
      console.log(`restart: ${written.length} messages, ${arrivals.size} arrived, ${duplicates} duplicate deliveries`);
      expect(arrivals.size).toBe(written.length);
    } finally {
      await next.close();
    }
  });
});

/** A second API process on an existing database (the one a restart starts). */
async function startOn(databaseUrl: string): Promise<INestApplication> {
  const config = loadConfig({
    NODE_ENV: 'test',
    CONSOLE_DIR: '',
    LOG_LEVEL: 'silent',
    JOBS: 'on',
    PORTAL_WEBHOOK_URL: receiver.url,
    PORTAL_WEBHOOK_SECRET: SECRET,
    PORTAL_WEBHOOK_RETRY_SECONDS: '1',
  });
  const app = await createApp(config, databaseUrl);
  await app.init();
  // The schedule would start a delivery within a minute; the test does not wait for it.
  await app.get(JobsService).enqueue('portal-delivery');
  return app;
}
