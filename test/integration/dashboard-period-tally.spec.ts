import { businessDaysBetween, toOsloDate } from '../../backend/src/sla/business-days';
import { startTestApp, TestContext } from '../support/app';
import { as, grantedThroughApi, newApplication } from '../support/factories';

/**
 * The dashboard's period from period_tally (migrations/1764590000000-DashboardPeriodTally.ts):
 * business days counted in SQL as the service counts them, and the tally equal to a count from
 * scratch of the decisions after decisions are made and then corrected in the database.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const DAY = 86_400_000;

/** The tally, and the same figures counted from the decisions and their cases. */
async function tallyAndScratch() {
  const tally = await ctx.db.query(
    `SELECT to_char(month, 'YYYY-MM-DD') AS month, outcome, lead_days, sum(n)::int AS n, sum(amount_nok)::bigint::text AS amount
       FROM period_tally GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
  const decisions: { received: string; decided: string; outcome: string; amount: string | null }[] = await ctx.db.query(
    `SELECT to_char(a.received_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS received,
            to_char(d.decided_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS decided, d.outcome, d.amount_nok::text AS amount
       FROM decision d JOIN application a ON a.id = d.application_id`,
  );
  // Counted here, with the service's own business days.
  const byKey = new Map<string, { month: string; outcome: string; lead_days: number; n: number; amount: bigint }>();
  for (const d of decisions) {
    const month = `${d.decided.slice(0, 7)}-01`;
    const lead = businessDaysBetween(d.received, d.decided);
    const key = `${month}|${d.outcome}|${String(lead).padStart(6, '0')}`;
    const row = byKey.get(key) ?? { month, outcome: d.outcome, lead_days: lead, n: 0, amount: 0n };
    row.n++;
    row.amount += BigInt(d.amount ?? 0);
    byKey.set(key, row);
  }
  const scratch = [...byKey.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.outcome.localeCompare(b.outcome) || a.lead_days - b.lead_days)
    .map((r) => ({ ...r, amount: r.amount.toString() }));
  return { tally, scratch, decisions };
}

describe('period_tally', () => {
  it('business_days_between counts as the service does: weekends, Easter, Whit Monday, Christmas, either direction', async () => {
    const starts = ['2024-03-20', '2025-04-10', '2025-12-19', '2026-05-12', '2026-12-03', '2027-03-22', '2028-04-10'];
    const pairs: [string, string][] = [];
    for (const start of starts) {
      for (const offset of [-200, -45, -9, -1, 0, 1, 2, 5, 7, 13, 29, 40, 61, 120, 365]) {
        pairs.push([start, new Date(Date.parse(`${start}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10)]);
      }
    }
    const rows: { n: number }[] = await ctx.db.query(
      `SELECT business_days_between(f, t) AS n FROM unnest($1::date[], $2::date[]) WITH ORDINALITY v(f, t, i) ORDER BY i`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    expect(rows.map((r) => r.n)).toEqual(pairs.map(([f, t]) => businessDaysBetween(f, t)));
  });

  it('equals a count from scratch after decisions are made, a receipt is moved, and a decision is moved and corrected', async () => {
    const leder = await as(ctx, 'leder');
    const [a, b, c] = [
      await grantedThroughApi(ctx, 1_000_000),
      await grantedThroughApi(ctx, 1_200_000),
      await grantedThroughApi(ctx, 800_000),
    ];
    const before = await tallyAndScratch();
    expect(before.tally.length).toBeGreaterThan(0);
    expect(before.tally).toEqual(before.scratch);

    // The corrections in one session: one slot, where the decisions' rows are (most likely) another's.
    // A slot's row can then come to no decisions with an amount left (A's taken out, C's put back),
    // and must stay: the other slot's row makes it whole.
    const january = `${toOsloDate(new Date()).slice(0, 4)}-01-02`;
    await ctx.db.transaction(async (tx) => {
      // A's receipt 50 days earlier (the application's trigger moves its decision's lead time).
      await tx.query(`UPDATE application SET received_at = received_at - interval '50 days' WHERE id = $1`, [a]);
      // C's receipt moved and back.
      await tx.query(`UPDATE application SET received_at = received_at - interval '9 days' WHERE id = $1`, [c]);
      await tx.query(`UPDATE application SET received_at = received_at + interval '9 days' WHERE id = $1`, [c]);
    });
    // B decided on 2 January this year with another amount (the owner's correction of an append-only row).
    await ctx.db.query(`ALTER TABLE decision DISABLE TRIGGER tg_decision_append_only`);
    await ctx.db.query(
      `UPDATE decision SET decided_at = $2::date + time '10:00', decision_date = $2, amount_nok = 900000 WHERE application_id = $1`,
      [b, january],
    );
    await ctx.db.query(`ALTER TABLE decision ENABLE TRIGGER tg_decision_append_only`);
    await ctx.db.query(`UPDATE application SET decided_at = $2::date + time '10:00', received_at = $2::date - 30 WHERE id = $1`, [
      b,
      january,
    ]);

    const { tally, scratch, decisions } = await tallyAndScratch();
    expect(tally).toEqual(scratch);
    // No row left all zero (one at no decisions may keep an amount that another slot's row makes whole).
    expect((await ctx.db.query(`SELECT count(*)::int AS n FROM period_tally WHERE n = 0 AND amount_nok = 0`))[0].n).toBe(0);

    // The dashboard reads it: the month's and the year's lead times and grants, counted here from the decisions.
    const today = toOsloDate(new Date());
    for (const [period, from] of [
      ['month', `${today.slice(0, 7)}-01`],
      ['year', `${today.slice(0, 4)}-01-01`],
    ] as const) {
      const body = (await leder.get(`/api/stats/overview?period=${period}`)).body;
      const inPeriod = decisions.filter((d) => d.decided >= from);
      const leads = inPeriod.map((d) => businessDaysBetween(d.received, d.decided)).sort((x, y) => x - y);
      expect([period, body.leadTime]).toEqual([
        period,
        {
          decisions: leads.length,
          medianBusinessDays: leads.length ? leads[Math.ceil(leads.length / 2) - 1] : null,
          withinTarget: leads.filter((l) => l <= 40).length,
          targetBusinessDays: 40,
        },
      ]);
      if (period === 'month') {
        const grants = inPeriod.filter((d) => d.outcome === 'granted');
        expect(body.grantedInPeriod).toEqual({ count: grants.length, amountNok: grants.reduce((s, d) => s + Number(d.amount), 0) });
      }
    }
  });
});

describe('open_age_tally and open_due_tally', () => {
  it('equal a count from scratch of the open cases after intake, assignment, status changes and corrections, and the dashboard reads them', async () => {
    const leder = await as(ctx, 'leder');
    const kari = await as(ctx, 'kari');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await newApplication(ctx)).id as string);
    expect((await leder.post(`/api/applications/${ids[0]}/assign`, { assignee: 'kari' })).status).toBe(200);
    expect((await leder.post(`/api/applications/${ids[1]}/assign`, { assignee: 'ola' })).status).toBe(200);
    for (const id of [ids[2], ids[3]]) {
      expect((await kari.post(`/api/applications/${id}/assign`, { assignee: 'kari' })).status).toBe(200);
      expect((await kari.post(`/api/applications/${id}/status`, { status: 'in_review' })).status).toBe(200);
    }
    // Reassigned from ola to kari, and corrections by hand: a due date passed, a receipt moved back, a case withdrawn.
    expect((await leder.post(`/api/applications/${ids[1]}/assign`, { assignee: 'kari' })).status).toBe(200);
    await ctx.db.query(`UPDATE application SET sla_due_on = current_date - 3 WHERE id = $1`, [ids[3]]);
    await ctx.db.query(`UPDATE application SET received_at = received_at - interval '30 days' WHERE id = $1`, [ids[5]]);
    await ctx.db.query(`UPDATE application SET status = 'withdrawn' WHERE id = $1`, [ids[4]]);

    const open = ['received', 'in_review', 'awaiting_applicant', 'recommended'];
    const age = await ctx.db.query(`SELECT status, to_char(received_on, 'YYYY-MM-DD') AS day, sum(n)::int AS n FROM open_age_tally
                                     GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2`);
    const ageScratch = await ctx.db.query(
      `SELECT status, to_char(received_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS day, count(*)::int AS n FROM application
        WHERE status = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [open],
    );
    expect(age.length).toBeGreaterThan(0);
    expect(age).toEqual(ageScratch);
    const due = await ctx.db
      .query(`SELECT status, assignee_id, to_char(sla_due_on, 'YYYY-MM-DD') AS due, sum(n)::int AS n FROM open_due_tally
                                     GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3`);
    const dueScratch = await ctx.db.query(
      `SELECT status, assignee_id, to_char(sla_due_on, 'YYYY-MM-DD') AS due, count(*)::int AS n FROM application
        WHERE status = ANY($1) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [open],
    );
    expect(due).toEqual(dueScratch);
    expect(
      (
        await ctx.db.query(
          `SELECT ((SELECT count(*) FROM open_age_tally WHERE n = 0) + (SELECT count(*) FROM open_due_tally WHERE n = 0))::int AS z`,
        )
      )[0].z,
    ).toBe(0);

    // The dashboard's figures against the cases themselves.
    const body = (await leder.get('/api/stats/overview')).body;
    const [counts] = await ctx.db.query(
      `SELECT json_object_agg(status, n) AS c FROM (SELECT status, count(*)::int AS n FROM application GROUP BY 1) x`,
    );
    for (const [status, n] of Object.entries(body.countsByStatus)) expect([status, n]).toEqual([status, counts.c[status] ?? 0]);
    const [{ overdue }] = await ctx.db.query(
      `SELECT count(*)::int AS overdue FROM application WHERE status IN ('received', 'in_review', 'recommended')
          AND sla_due_on < (now() AT TIME ZONE 'Europe/Oslo')::date`,
    );
    expect(body.overdue).toBe(overdue);
    expect(overdue).toBeGreaterThan(0);
    const workload = await ctx.db.query(
      `SELECT u.username, count(a.id) FILTER (WHERE a.status = ANY($1))::int AS open,
              count(a.id) FILTER (WHERE a.status IN ('received', 'in_review', 'recommended') AND a.sla_due_on < (now() AT TIME ZONE 'Europe/Oslo')::date)::int AS overdue
         FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'caseworker' LEFT JOIN application a ON a.assignee_id = u.id
        WHERE u.active GROUP BY u.username`,
      [open],
    );
    for (const w of workload) {
      expect(body.workload.find((x: { username: string }) => x.username === w.username)).toMatchObject({
        open: w.open,
        overdue: w.overdue,
      });
    }
    const today = toOsloDate(new Date());
    const ages = ageScratch.map((r: { day: string; n: number }) => ({ days: (Date.parse(today) - Date.parse(r.day)) / DAY, n: r.n }));
    const bucket = (d: number) => (d <= 10 ? '0-10' : d <= 20 ? '11-20' : d <= 40 ? '21-40' : '>40');
    for (const b of body.ageing) {
      expect(b).toEqual({
        bucket: b.bucket,
        count: ages.filter((x: { days: number }) => bucket(x.days) === b.bucket).reduce((s: number, x: { n: number }) => s + x.n, 0),
      });
    }
  });
});
