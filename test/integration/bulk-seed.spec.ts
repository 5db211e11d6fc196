import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { bulkSeed, BulkSeedOptions } from '../../backend/tools/bulk-seed';
import { copyIn, copyText } from '../../backend/tools/copy-in';
import { startTestApp, TestContext } from '../support/app';
import { as } from '../support/factories';

/**
 * The bulk seed (npm run seed, and the benchmark's database) writes what a working office
 * accumulates, and writes it so that the application takes it as its own: the audit chain the seed
 * computes verifies, and the case pages, timelines, queue and dashboard work on the seeded cases.
 */
let ctx: TestContext;
const CASES = 300;

const seed = (options: Partial<BulkSeedOptions>) =>
  bulkSeed(ctx.ownerUrl, {
    cases: CASES,
    batchSize: 60,
    letters: 25,
    anchorKey: (ctx.config as unknown as { auditAnchorKey?: string }).auditAnchorKey,
    ...options,
  });

beforeAll(async () => {
  ctx = await startTestApp();
  const result = await seed({});
  expect(result.cases).toBe(CASES);
}, 300_000);
afterAll(() => ctx?.close());

const one = async <T = Record<string, number>>(sql: string, params: unknown[] = []) => (await ctx.db.query(sql, params))[0] as T;

/**
 * The dashboard's tallies (the seed switches their triggers off and adds each batch's cases in one
 * statement) against a fresh count of the cases and decisions, grouped as the triggers group them.
 */
async function expectTalliesToMatchCounts(): Promise<void> {
  const keys = 'status, assignee_id, received_on, sla_due_on, decided_on, outcome';
  const tallied = await ctx.db.query(
    `SELECT ${keys}, sum(n)::int AS n FROM case_tally GROUP BY ${keys} HAVING sum(n) <> 0 ORDER BY ${keys}`,
  );
  const counted = await ctx.db.query(
    `SELECT ${keys}, count(*)::int AS n
       FROM (SELECT status,
                    CASE WHEN status IN ('decided', 'withdrawn') THEN NULL ELSE assignee_id END AS assignee_id,
                    CASE WHEN status IN ('decided', 'withdrawn') THEN NULL ELSE (received_at AT TIME ZONE 'Europe/Oslo')::date END AS received_on,
                    CASE WHEN status IN ('decided', 'withdrawn') THEN NULL ELSE sla_due_on END AS sla_due_on,
                    CASE WHEN status = 'decided' THEN (decided_at AT TIME ZONE 'Europe/Oslo')::date END AS decided_on,
                    CASE WHEN status = 'decided' THEN decision_outcome END AS outcome
               FROM application) a
      GROUP BY ${keys} ORDER BY ${keys}`,
  );
  expect(tallied.length).toBeGreaterThan(10);
  expect(tallied).toEqual(counted);
  const granted = await ctx.db.query(
    `SELECT year, outcome, sum(n)::int AS n, sum(amount_nok)::bigint AS amount FROM grant_tally GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const decided = await ctx.db.query(
    `SELECT extract(year FROM decision_date)::int AS year, outcome, count(*)::int AS n, coalesce(sum(amount_nok), 0)::bigint AS amount
       FROM decision GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  expect(granted.length).toBeGreaterThan(0);
  expect(granted).toEqual(decided);
  // The dashboard's open cases (kept from case_tally by its trigger) and its period (a trigger on decision that the seed leaves on).
  const open = ['received', 'in_review', 'awaiting_applicant', 'recommended'];
  expect(
    await ctx.db.query(`SELECT status, received_on, sum(n)::int AS n FROM open_age_tally GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2`),
  ).toEqual(
    await ctx.db.query(
      `SELECT status, (received_at AT TIME ZONE 'Europe/Oslo')::date AS received_on, count(*)::int AS n FROM application
        WHERE status = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [open],
    ),
  );
  expect(
    await ctx.db.query(
      `SELECT status, assignee_id, sla_due_on, sum(n)::int AS n FROM open_due_tally GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3`,
    ),
  ).toEqual(
    await ctx.db.query(
      `SELECT status, assignee_id, sla_due_on, count(*)::int AS n FROM application WHERE status = ANY($1) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [open],
    ),
  );
  const period = await ctx.db.query(
    `SELECT month, outcome, lead_days, sum(n)::int AS n, sum(amount_nok)::bigint AS amount FROM period_tally
      GROUP BY 1, 2, 3 HAVING sum(n) <> 0 OR sum(amount_nok) <> 0 ORDER BY 1, 2, 3`,
  );
  expect(period.length).toBeGreaterThan(0);
  expect(period).toEqual(
    await ctx.db.query(
      `SELECT date_trunc('month', d.decided_at AT TIME ZONE 'Europe/Oslo')::date AS month, d.outcome,
              business_days_between((a.received_at AT TIME ZONE 'Europe/Oslo')::date, (d.decided_at AT TIME ZONE 'Europe/Oslo')::date) AS lead_days,
              count(*)::int AS n, coalesce(sum(d.amount_nok), 0)::bigint AS amount
         FROM decision d JOIN application a ON a.id = d.application_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
  );
}

describe('a seeded office', () => {
  it('has the status mix and the history of a working agency', async () => {
    const statuses = Object.fromEntries(
      (await ctx.db.query(`SELECT status, count(*)::int AS n FROM application GROUP BY status`)).map((r: { status: string; n: number }) => [
        r.status,
        r.n,
      ]),
    );
    expect(statuses.decided).toBeGreaterThan(CASES * 0.6);
    expect((statuses.received ?? 0) + (statuses.in_review ?? 0) + (statuses.awaiting_applicant ?? 0)).toBeGreaterThan(0);
    const perCase = await one(
      `SELECT (SELECT count(*) FROM audit_event)::float / count(*) AS events,
              (SELECT min(n) FROM (SELECT count(*) AS n FROM evaluation GROUP BY application_id) e)::int AS min_evaluations,
              (SELECT max(n) FROM (SELECT count(*) AS n FROM evaluation GROUP BY application_id) e)::int AS max_evaluations
         FROM application`,
    );
    expect(perCase.events).toBeGreaterThanOrEqual(20);
    expect(perCase.events).toBeLessThanOrEqual(30);
    expect(perCase.min_evaluations).toBe(1);
    expect(perCase.max_evaluations).toBeLessThanOrEqual(4);
    for (const table of [
      'judgment',
      'judgment_revision',
      'fact_correction',
      'note',
      'note_revision',
      'information_request',
      'recommendation',
      'decision',
      'register_report',
    ]) {
      expect([table, (await one(`SELECT count(*)::int AS n FROM ${table}`)).n > 0]).toEqual([table, true]);
    }
    expect((await one(`SELECT count(*)::int AS n FROM recommendation WHERE returned_at IS NOT NULL`)).n).toBeGreaterThan(0);
    // Letters for the sample of decisions, each with its SHA-256 (the table's check) and its event.
    const letters = await one(`SELECT count(DISTINCT decision_id)::int AS n FROM decision_letter`);
    expect(letters.n).toBeGreaterThanOrEqual(25);
    expect((await one(`SELECT count(*)::int AS n FROM audit_event WHERE kind = 'letter'`)).n).toBe(letters.n * 2);
    // Nothing happened in the future.
    expect((await one(`SELECT count(*)::int AS n FROM audit_event WHERE occurred_at > now()`)).n).toBe(0);
    // Every event's actor exists, and the approver never took part (the four-eyes trigger checked each decision).
    expect((await one(`SELECT count(*)::int AS n FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE u.id IS NULL`)).n).toBe(
      0,
    );
    // The indexes dropped for the load are back, and the seed's bookkeeping is gone.
    expect((await one(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'ix_application_search_trgm'`)).n).toBe(1);
    expect((await one(`SELECT to_regclass('bulk_seed_run') IS NULL AS gone`)).gone).toBe(true);
  });

  it('verifies: the chain the seed computed is the one the database would have made', async () => {
    const leder = await as(ctx, 'leder');
    const res = await leder.get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.events).toBeGreaterThanOrEqual(CASES * 20);
  });

  it('shows every kind of case: the case view, its timeline, evaluations, notes and decision', async () => {
    const kari = await as(ctx, 'leder');
    const cases: { id: string; status: string; events: number }[] = await ctx.db.query(
      `SELECT DISTINCT ON (a.status) a.id, a.status,
              (SELECT max(stream_seq) FROM audit_event e WHERE coalesce(e.application_id, '00000000-0000-0000-0000-000000000000'::uuid) = a.id)::int AS events
         FROM application a ORDER BY a.status, a.id`,
    );
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const c of cases) {
      const view = await kari.get(`/api/applications/${c.id}`);
      expect([c.status, view.status]).toEqual([c.status, 200]);
      expect(view.body.status).toBe(c.status);
      const timeline = await kari.get(`/api/applications/${c.id}/timeline`);
      expect(timeline.status).toBe(200);
      expect(timeline.body).toHaveLength(c.events);
      expect(timeline.body[0].kind).toBe('intake');
      expect((await kari.get(`/api/applications/${c.id}/evaluations`)).status).toBe(200);
      expect((await kari.get(`/api/applications/${c.id}/notes`)).status).toBe(200);
      if (c.status === 'decided') {
        const decision = await kari.get(`/api/applications/${c.id}/decision`);
        expect(decision.status).toBe(200);
        expect(decision.body.evaluation.inputHash).toMatch(/^[0-9a-f]{64}$/);
      }
    }
    // A stored letter is served with the bytes its SHA-256 names.
    const [letter] = await ctx.db.query(
      `SELECT d.application_id, l.sha256 FROM decision_letter l JOIN decision d ON d.id = l.decision_id WHERE l.lang = 'nb' LIMIT 1`,
    );
    const pdf = await kari
      .get(`/api/applications/${letter.application_id}/decision/letter.pdf?lang=nb`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(
      createHash('sha256')
        .update(pdf.body as Buffer)
        .digest('hex'),
    ).toBe(letter.sha256);
  });

  it('fills the queue and the dashboard with true figures', async () => {
    const leder = await as(ctx, 'leder');
    const overview = (await leder.get('/api/stats/overview')).body;
    const counted = await one(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status IN ('received', 'in_review') AND sla_due_on < (now() AT TIME ZONE 'Europe/Oslo')::date)::int AS overdue,
              count(*) FILTER (WHERE status IN ('received', 'in_review', 'awaiting_applicant', 'recommended'))::int AS open
         FROM application`,
    );
    expect(Object.values(overview.countsByStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(counted.total);
    expect(overview.overdue).toBe(counted.overdue);
    expect((overview.ageing as { count: number }[]).reduce((a, b) => a + b.count, 0)).toBe(counted.open);
    const granted = await one(
      `SELECT count(*)::int AS count, coalesce(sum(amount_nok), 0)::bigint AS amount FROM decision
        WHERE outcome = 'granted' AND extract(year FROM decision_date) = extract(year FROM now() AT TIME ZONE 'Europe/Oslo')`,
    );
    expect(overview.grantedThisYear).toEqual({ count: granted.count, amountNok: Number(granted.amount) });
    expect((overview.workload as { username: string }[]).map((w) => w.username)).toEqual(expect.arrayContaining(['cw001']));

    await expectTalliesToMatchCounts();

    const page = await leder.get('/api/applications?rule=INC-01:fail&sort=-receivedAt&limit=20');
    expect(page.status).toBe(200);
    const withRule = await one(`SELECT count(*)::int AS n FROM application WHERE rule_outcomes @> '{INC-01:fail}'`);
    expect(page.body.items.length).toBe(Math.min(20, withRule.n));
  });

  it('copies awkward values exactly: tabs, newlines, backslashes, quotes, nulls, arrays, bytes and JSON', async () => {
    const client = new Client({ connectionString: ctx.ownerUrl });
    await client.connect();
    try {
      await client.query(`CREATE TEMP TABLE copy_probe (t text, a text[], b bytea, j jsonb, n numeric, f boolean)`);
      const rows = [
        [
          'tab\there\nnewline\r\\back',
          ['a "q"', 'b\\c', 'd,e', '{f}'],
          Buffer.from([0, 9, 10, 92, 255]),
          JSON.stringify({ s: 'x\t"y"\\', n: 1.5 }),
          12.25,
          true,
        ],
        [null, [], null, JSON.stringify([null, 'æøå']), null, false],
      ];
      expect(await copyIn(client, `COPY copy_probe FROM STDIN`, copyText(rows))).toBe(2);
      const back = (await client.query(`SELECT t, a, b, j, n::float8 AS n, f FROM copy_probe ORDER BY f DESC`)).rows;
      expect(back).toEqual(rows.map(([t, a, b, j, n, f]) => ({ t, a, b, j: JSON.parse(j as string), n, f })));
      await expect(copyIn(client, `COPY copy_probe (n) FROM STDIN`, Buffer.from('not a number\n'))).rejects.toThrow(/numeric/);
      expect((await client.query(`SELECT 1 AS still_usable`)).rows[0].still_usable).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('resumes a seed that stopped midway, and refuses another until it is finished', async () => {
    let batches = 0;
    await expect(
      seed({
        cases: 120,
        onProgress: () => {
          if (++batches === 2) throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    await expect(seed({ cases: 50 })).rejects.toThrow(/unfinished seed of 120 cases .* run the same command \(--cases 120\)/);
    const resumed = await seed({ cases: 120 });
    expect(resumed.resumed).toBe(true);
    expect((await one(`SELECT count(*)::int AS n FROM application`)).n).toBe(CASES + 120);
    const leder = await as(ctx, 'leder');
    const verified = await leder.get('/api/audit/verify');
    expect(verified.body.ok).toBe(true);
    const overview = (await leder.get('/api/stats/overview')).body;
    expect(Object.values(overview.countsByStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(CASES + 120);
    await expectTalliesToMatchCounts();
  });
});
