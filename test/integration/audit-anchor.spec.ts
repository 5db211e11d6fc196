import { Client } from 'pg';
import { AnchorKeyring } from '../../backend/src/cases/audit-anchor';
import { TEST_AUDIT_ANCHOR_KEY } from '../../backend/src/config/audit-anchor-key';
import { AuditRepository } from '../../backend/src/oversight/audit.repository';
import { AuditVerifier } from '../../backend/src/oversight/audit-verification';
import { withDatabase } from '../setup/database';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

/**
 * The audit log cannot be trimmed, rewritten or bypassed unseen (issue 12, item 2): what a
 * superuser does to the log behind the application's back, and what a change of case data made in
 * SQL leaves, is reported by GET /api/audit/verify with the case and the first bad position.
 */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

/** Runs `work` as the server's superuser, on the test's database: as much power as anyone has over it. */
async function asSuperuser<T>(work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: withDatabase(process.env.TEST_PG_ADMIN_URL!, new URL(ctx.databaseUrl).pathname.slice(1)) });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** The superuser's way past every trigger: the append-only guard, the chain and the case-table audit are off for the session. */
async function behindTheTriggers<T>(work: (db: Client) => Promise<T>): Promise<T> {
  return asSuperuser(async (db) => {
    await db.query(`SET session_replication_role = replica`);
    return work(db);
  });
}

/** A case with some history: intake (2 events) and three assignments (positions 3 to 5). */
async function caseWithHistory(): Promise<{ id: string; events: { id: string; stream_seq: number; hash: string }[] }> {
  const app = await newApplication(ctx);
  const leder = await as(ctx, 'leder');
  for (const assignee of ['kari', 'ola', 'kari']) {
    expect((await leder.post(`/api/applications/${app.id}/assign`, { assignee })).status).toBe(200);
  }
  const events = await ctx.db.query(
    `SELECT id, stream_seq, hash FROM audit_event WHERE coalesce(application_id, '00000000-0000-0000-0000-000000000000') = $1
      ORDER BY stream_seq`,
    [app.id],
  );
  expect(events.map((e: { stream_seq: number }) => e.stream_seq)).toEqual([1, 2, 3, 4, 5]);
  return { id: app.id, events };
}

async function verify(applicationId?: string) {
  const leder = await as(ctx, 'leder');
  const res = await leder.get(`/api/audit/verify${applicationId ? `?applicationId=${applicationId}` : ''}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** The finding for one case in the whole log's verification, and its own check agreeing with it. */
async function findingFor(id: string) {
  const all = await verify();
  expect(all.ok).toBe(false);
  const finding = all.broken.find((b: { applicationId: string }) => b.applicationId === id);
  const one = await verify(id);
  expect(one).toMatchObject({ ok: false, streams: 1, brokenStreams: 1, firstBrokenAt: finding, broken: [finding] });
  return finding;
}

/** Whether the hash chain alone still holds for the case: every hash recomputes and links (what verification used to check). */
async function chainHolds(id: string): Promise<boolean> {
  const [row] = await ctx.db.query(
    `SELECT bool_and(hash = audit_event_digest(prev_hash, stream_seq, occurred_at, actor, application_id, kind, data)
                     AND prev_hash = coalesce(before, repeat('0', 64))) AS holds
       FROM (SELECT *, lag(hash) OVER (ORDER BY stream_seq) AS before FROM audit_event WHERE application_id = $1) e`,
    [id],
  );
  return row.holds;
}

describe('a clean audit log', () => {
  it('verifies, after a day of casework through the API as the application role', async () => {
    const app = await newApplication(ctx, (d) => {
      d.costLines[1].amountNok = 1000000;
      d.aid.requestedAmountNok = 1300000;
      d.otherPublicAid = [];
    });
    const [kari, leder] = [await as(ctx, 'kari'), await as(ctx, 'leder')];
    expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
    expect((await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
    for (const c of ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01']) {
      expect(
        (await kari.put(`/api/applications/${app.id}/judgments/${c}`, { outcome: 'pass', rationale: `${c} er oppfylt.` })).status,
      ).toBe(200);
    }
    const lines = (await kari.get(`/api/applications/${app.id}`)).body.costLines;
    const assessed = await kari.put(`/api/applications/${app.id}/cost-lines/${lines[0].id}/assessment`, {
      approvedAmountNok: lines[0].amountNok,
      reason: 'Dokumentert.',
    });
    expect(assessed.status).toBe(200);
    expect((await kari.post(`/api/applications/${app.id}/notes`, { body: 'Ringte søker.', anchor: { type: 'application' } })).status).toBe(
      201,
    );
    // An evaluation asked for writes its own event (the change returns none).
    expect((await kari.post(`/api/applications/${app.id}/evaluations`, {})).status).toBe(201);
    const grant = {
      outcome: 'grant',
      amountNok: 1200000,
      justification: 'Et tydelig innovasjonsløft.',
      reductionReason: 'Bedriften kan finansiere resten selv.',
      conditions: [{ code: 'REPORT-FINAL' }],
    };
    expect((await kari.post(`/api/applications/${app.id}/recommendation`, grant)).status).toBe(200);
    expect((await leder.post(`/api/applications/${app.id}/decision`, { action: 'approve' })).status).toBe(200);
    await newApplication(ctx);

    const all = await verify();
    expect(all).toEqual({ ok: true, events: expect.any(Number), streams: 2, brokenStreams: 0, firstBrokenAt: null, broken: [] });
    expect(await verify(app.id)).toEqual({
      ok: true,
      events: expect.any(Number),
      streams: 1,
      brokenStreams: 0,
      firstBrokenAt: null,
      broken: [],
    });
    // Every event the application wrote is anchored; nothing was written behind its back.
    const [counts] = await ctx.db.query(
      `SELECT (SELECT count(*) FROM audit_event WHERE application_id = $1)::int AS events,
              (SELECT seq FROM audit_anchor WHERE stream = $1) AS anchored,
              (SELECT count(*) FROM audit_event WHERE kind = 'db-change')::int AS db_changes`,
      [app.id],
    );
    expect(counts.anchored).toBe(counts.events);
    expect(counts.events).toBeGreaterThan(15);
    expect(counts.db_changes).toBe(0);
  });

  it('verifies in batches as it does whole: a batch edge inside a stream changes nothing', async () => {
    const verifier = new AuditVerifier(new AuditRepository(ctx.db), new AnchorKeyring(TEST_AUDIT_ANCHOR_KEY));
    const progress: number[] = [];
    const small = await verifier.verifyAll({ batchSize: 3, onProgress: (p) => progress.push(p.events) });
    const whole = await verify();
    expect(small).toEqual(whole);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('answers 404 for a case it has never heard of and 400 for what is no id', async () => {
    const leder = await as(ctx, 'leder');
    expect((await leder.get('/api/audit/verify?applicationId=0193a0b0-0000-7000-8000-000000000000')).status).toBe(404);
    const bad = await leder.get('/api/audit/verify?applicationId=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('$.applicationId');
    expect((await (await as(ctx, 'kari')).get('/api/audit/verify')).status).toBe(403);
  });
});

describe('what a superuser does behind the application is reported, with the case and the first bad position', () => {
  it('deleting the newest events of a case', async () => {
    const c = await caseWithHistory();
    await behindTheTriggers((db) => db.query(`DELETE FROM audit_event WHERE application_id = $1 AND stream_seq >= 4`, [c.id]));
    expect(await chainHolds(c.id)).toBe(true); // what is left is a perfect chain
    expect(await findingFor(c.id)).toEqual({
      applicationId: c.id,
      streamSeq: 4,
      id: null,
      problem: 'truncated',
      reason: 'the newest events were deleted: the anchor vouches for 5 events, 3 remain',
    });
  });

  it('deleting every event of a case', async () => {
    const c = await caseWithHistory();
    await behindTheTriggers((db) => db.query(`DELETE FROM audit_event WHERE application_id = $1`, [c.id]));
    expect(await findingFor(c.id)).toMatchObject({ applicationId: c.id, streamSeq: 1, id: null, problem: 'truncated' });
  });

  it('rewriting an event and recomputing every later hash', async () => {
    const c = await caseWithHistory();
    await behindTheTriggers(async (db) => {
      let prev = c.events[1].hash;
      for (const seq of [3, 4, 5]) {
        const { rows } = await db.query(
          `UPDATE audit_event SET data = CASE WHEN stream_seq = 3 THEN '{"before": {"assignee": null}, "after": {"assignee": "mallory"}}'::jsonb ELSE data END,
                  prev_hash = $3
            WHERE application_id = $1 AND stream_seq = $2 RETURNING id`,
          [c.id, seq, prev],
        );
        const [{ hash }] = (
          await db.query(
            `UPDATE audit_event SET hash = audit_event_digest(prev_hash, stream_seq, occurred_at, actor, application_id, kind, data)
              WHERE id = $1 RETURNING hash`,
            [rows[0].id],
          )
        ).rows;
        prev = hash;
      }
    });
    expect(await chainHolds(c.id)).toBe(true); // the chain alone no longer shows it
    expect(await findingFor(c.id)).toEqual({
      applicationId: c.id,
      streamSeq: 3,
      id: Number(c.events[2].id),
      problem: 'rewritten',
      reason: 'not the event the application wrote here: it was rewritten, with its hash and the later ones recomputed',
    });
  });

  it('rewriting an event without recomputing the hashes', async () => {
    const c = await caseWithHistory();
    await behindTheTriggers((db) => db.query(`UPDATE audit_event SET actor = 'mallory' WHERE id = $1`, [c.events[1].id]));
    expect(await findingFor(c.id)).toMatchObject({ streamSeq: 2, id: Number(c.events[1].id), problem: 'content' });
  });

  it('deleting the newest events and putting back an anchor that fits them', async () => {
    const c = await caseWithHistory();
    await behindTheTriggers(async (db) => {
      await db.query(`DELETE FROM audit_event WHERE application_id = $1 AND stream_seq >= 4`, [c.id]);
      await db.query(`UPDATE audit_anchor SET seq = 3, hashes = substring(hashes FROM 1 FOR 24) WHERE stream = $1`, [c.id]);
    });
    expect(await findingFor(c.id)).toMatchObject({ streamSeq: 1, problem: 'anchor-invalid' });
  });

  it('inserting a fake event, even one the chain trigger links: also after the application writes again', async () => {
    const c = await caseWithHistory();
    const [fake] = (
      await asSuperuser((db) =>
        db.query(
          `INSERT INTO audit_event (actor, actor_id, application_id, kind, data)
                  SELECT 'leder', id, $1, 'assignment', '{"before": {"assignee": "kari"}, "after": {"assignee": "mallory"}}'
                    FROM app_user WHERE username = 'leder' RETURNING id, stream_seq`,
          [c.id],
        ),
      )
    ).rows;
    expect(fake.stream_seq).toBe(6);
    expect(await chainHolds(c.id)).toBe(true);
    const expected = { applicationId: c.id, streamSeq: 6, id: Number(fake.id), problem: 'unanchored' };
    expect(await findingFor(c.id)).toMatchObject(expected);
    // The application writes on; the position it did not write stays reported.
    expect((await (await as(ctx, 'leder')).post(`/api/applications/${c.id}/assign`, { assignee: 'ola' })).status).toBe(200);
    expect(await findingFor(c.id)).toMatchObject(expected);
  });

  it('inserting the events of a case that does not exist', async () => {
    const ghost = '0193a0b0-1111-7000-8000-000000000001';
    await asSuperuser((db) =>
      db.query(`INSERT INTO audit_event (actor, application_id, kind, data) VALUES ('portal', $1, 'intake', '{}')`, [ghost]),
    );
    expect(await findingFor(ghost)).toMatchObject({ applicationId: ghost, streamSeq: 1, problem: 'unanchored' });
  });

  it('deleting events, then the application writing at their positions again', async () => {
    const c = await caseWithHistory();
    await behindTheTriggers((db) => db.query(`DELETE FROM audit_event WHERE application_id = $1 AND stream_seq >= 5`, [c.id]));
    expect((await (await as(ctx, 'leder')).post(`/api/applications/${c.id}/assign`, { assignee: 'ola' })).status).toBe(200);
    expect(await findingFor(c.id)).toMatchObject({ applicationId: c.id, streamSeq: 5, problem: 'replaced' });
  });
});

describe('a change of case data made in the database, not through the application', () => {
  it('is recorded by the database as a db-change event, shown in the timeline and reported', async () => {
    const c = await caseWithHistory();
    await asSuperuser((db) => db.query(`UPDATE application SET requested_amount_nok = 1, status = 'in_review' WHERE id = $1`, [c.id]));
    const finding = await findingFor(c.id);
    expect(finding).toMatchObject({ applicationId: c.id, streamSeq: 6, problem: 'db-change' });
    expect(finding.reason).toBe('changed in the database, not through the application (UPDATE on application)');
    const timeline = await (await as(ctx, 'leder')).get(`/api/applications/${c.id}/timeline`);
    const last = timeline.body[timeline.body.length - 1];
    expect(last).toMatchObject({
      kind: 'db-change',
      actor: 'db:postgres',
      summary: { en: 'Changed directly in the database, not through Tilsagn: UPDATE on application' },
      data: {
        table: 'application',
        operation: 'UPDATE',
        changed: { requested_amount_nok: { before: expect.any(Number), after: 1 }, status: { before: 'received', after: 'in_review' } },
      },
    });
    expect(Object.keys(last.data.changed).sort()).toEqual(['requested_amount_nok', 'status']);
  });

  it('is recorded whoever makes it: the application role in SQL, the owner, through a note or a decision', async () => {
    const c = await caseWithHistory();
    const app = new Client({ connectionString: ctx.databaseUrl });
    await app.connect();
    try {
      await app.query(`UPDATE cost_line SET approved_amount_nok = 1, approval_reason = 'x' WHERE application_id = $1`, [c.id]);
    } finally {
      await app.end();
    }
    const [note] = await ctx.db.query(
      `INSERT INTO note (application_id, anchor_type, body, author_id) SELECT $1, 'application', 'x', id FROM app_user WHERE username = 'kari'
       RETURNING id`,
      [c.id],
    );
    await ctx.db.query(
      `INSERT INTO note_revision (note_id, version, body, written_by, written_at) SELECT $1, 2, 'y', id, now() FROM app_user WHERE username = 'kari'`,
      [note.id],
    );
    const changes = await ctx.db.query(
      `SELECT actor, data->>'table' AS "table", data->>'operation' AS operation FROM audit_event
        WHERE application_id = $1 AND kind = 'db-change' ORDER BY stream_seq`,
      [c.id],
    );
    const lines = (await ctx.db.query(`SELECT count(*)::int AS n FROM cost_line WHERE application_id = $1`, [c.id]))[0].n;
    expect(changes).toEqual([
      ...Array.from({ length: lines }, () => ({ actor: 'db:tilsagn_test_app', table: 'cost_line', operation: 'UPDATE' })),
      { actor: 'db:tilsagn_test_owner', table: 'note', operation: 'INSERT' },
      { actor: 'db:tilsagn_test_owner', table: 'note_revision', operation: 'INSERT' },
    ]);
    expect(await findingFor(c.id)).toMatchObject({
      streamSeq: 6,
      problem: 'db-change',
      reason: expect.stringMatching(/UPDATE on cost_line/),
    });
  });

  it('with an audit event made up in the same transaction, is reported as an event the application did not write', async () => {
    const c = await caseWithHistory();
    await asSuperuser(async (db) => {
      await db.query('BEGIN');
      await db.query(`UPDATE application SET requested_amount_nok = 2 WHERE id = $1`, [c.id]);
      await db.query(`INSERT INTO audit_event (actor, application_id, kind, data) VALUES ('kari', $1, 'status', '{}')`, [c.id]);
      await db.query('COMMIT');
    });
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE application_id = $1 AND kind = 'db-change'`, [
      c.id,
    ]);
    expect(n).toBe(0);
    expect(await findingFor(c.id)).toMatchObject({ streamSeq: 6, problem: 'unanchored' });
  });

  it('a TRUNCATE of a case table is recorded among the events about no case', async () => {
    await asSuperuser((db) => db.query(`TRUNCATE register_report`));
    const all = await verify();
    expect(all.broken).toContainEqual(
      expect.objectContaining({
        applicationId: null,
        streamSeq: 1,
        problem: 'db-change',
        reason: expect.stringMatching(/TRUNCATE on register_report/),
      }),
    );
  });
});
