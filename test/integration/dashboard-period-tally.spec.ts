import { businessDaysBetween, toOsloDate } from '../../backend/src/sla/business-days';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

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

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];
const DAY = 86_400_000;

/** A grantable case, judged, recommended for `amountNok` and approved by ingrid, through the API. */
async function granted(amountNok: number): Promise<string> {
  const app = await newApplication(ctx, (d) => {
    d.costLines[1].amountNok = 1000000;
    d.aid.requestedAmountNok = 1300000;
    d.otherPublicAid = [];
  });
  const kari = await as(ctx, 'kari');
  expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
  expect((await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
  for (const criterion of JUDGMENTS) {
    const res = await kari.put(`/api/applications/${app.id}/judgments/${criterion}`, {
      outcome: 'pass',
      rationale: `Vurdert: ${criterion}.`,
    });
    expect(res.status).toBe(200);
  }
  const recommended = await kari.post(`/api/applications/${app.id}/recommendation`, {
    outcome: 'grant',
    amountNok,
    justification: 'Prosjektet er en tydelig prosessinnovasjon og et betydelig løft for bedriften.',
    reductionReason: 'Bedriften kan finansiere resten selv.',
  });
  expect(recommended.status).toBe(200);
  const approved = await (
    await as(ctx, 'ingrid')
  ).post(`/api/applications/${app.id}/decision`, {
    action: 'approve',
    version: recommended.body.version,
  });
  expect(approved.status).toBe(200);
  return app.id as string;
}

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
    const [a, b, c] = [await granted(1_000_000), await granted(1_200_000), await granted(800_000)];
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
