import { businessDaysBetween, toOsloDate } from '../../backend/src/sla/business-days';
import { startTestApp, TestContext } from '../support/app';
import { as, grantedThroughApi, newApplication } from '../support/factories';

/**
 * The dashboard's period figures (issue 14, item 11): decisions, amounts granted and the lead
 * time from receipt to decision in a period; the approval backlog with its age.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();

/** A grantable case, judged, recommended for `amountNok` and approved by ingrid. */
async function granted(age: number, amountNok: number): Promise<string> {
  const id = await grantedThroughApi(ctx, amountNok);
  // Received `age` days ago (the sample's project starts after its own date of receipt).
  await ctx.db.query(`UPDATE application SET received_at = $2 WHERE id = $1`, [id, daysAgo(age)]);
  return id;
}

/** A case recommended `age` days ago and waiting for an approver (set in the database, as workflow.spec does). */
async function waiting(age: number): Promise<void> {
  const app = await newApplication(ctx);
  await ctx.db.query(`UPDATE application SET status = 'recommended' WHERE id = $1`, [app.id]);
  await ctx.db.query(
    `INSERT INTO recommendation (application_id, outcome, justification, evaluation_id, recommended_by, recommended_at)
     SELECT a.id, 'reject', 'test', a.latest_evaluation_id, u.id, $2 FROM application a, app_user u WHERE a.id = $1 AND u.username = 'kari'`,
    [app.id, daysAgo(age)],
  );
}

describe('GET /api/stats/overview?period=', () => {
  it('refuses an unknown period as problem+json', async () => {
    const res = await (await as(ctx, 'leder')).get('/api/stats/overview?period=week');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).toMatch(/period must be month, 3months or year/);
  });

  it('counts decisions, amounts and the lead time of the period, and the approval backlog with its age', async () => {
    const leder = await as(ctx, 'leder');
    const today = toOsloDate(new Date());
    const empty = (await leder.get('/api/stats/overview?period=month')).body;
    expect(empty.leadTime).toEqual({ decisions: 0, medianBusinessDays: null, withinTarget: 0, targetBusinessDays: 40 });
    expect(empty.approvalBacklog).toEqual({ count: 0, oldestBusinessDays: null, medianBusinessDays: null });

    const recent = await granted(20, 1_000_000);
    await granted(90, 1_200_000);
    const early = await granted(30, 800_000);
    // The third decision was made on 2 January this year (the decision table is append-only: moved by its owner for the test).
    const january = `${today.slice(0, 4)}-01-02`;
    await ctx.db.query(`ALTER TABLE decision DISABLE TRIGGER tg_decision_append_only`);
    await ctx.db.query(`UPDATE decision SET decided_at = $2::date + time '10:00', decision_date = $2 WHERE application_id = $1`, [
      early,
      january,
    ]);
    await ctx.db.query(`ALTER TABLE decision ENABLE TRIGGER tg_decision_append_only`);
    await ctx.db.query(`UPDATE application SET decided_at = $2::date + time '10:00', received_at = $2::date - 30 WHERE id = $1`, [
      early,
      january,
    ]);
    for (const age of [0, 6, 12]) await waiting(age);

    const [{ received }] = await ctx.db.query(
      `SELECT to_char(received_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS received FROM application WHERE id = $1`,
      [recent],
    );
    const lead20 = businessDaysBetween(received, today);
    const ninety = await ctx.db.query(
      `SELECT to_char(received_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS received FROM application WHERE status = 'decided' AND id NOT IN ($1, $2)`,
      [recent, early],
    );
    const lead90 = businessDaysBetween(ninety[0].received, today);
    const leadJanuary = businessDaysBetween(toOsloDate(new Date(Date.parse(`${january}T12:00:00Z`) - 30 * DAY)), january);

    const month = (await leder.get('/api/stats/overview?period=month')).body;
    const monthStart = `${today.slice(0, 7)}-01`;
    expect(month.period).toEqual({ name: 'month', from: monthStart, to: today });
    expect(month.decisionsInPeriod).toEqual({ granted: 2, rejected: 0 });
    expect(month.grantedInPeriod).toEqual({ count: 2, amountNok: 2_200_000 });
    expect(month.leadTime).toEqual({
      decisions: 2,
      medianBusinessDays: Math.min(lead20, lead90),
      withinTarget: [lead20, lead90].filter((d) => d <= 40).length,
      targetBusinessDays: 40,
    });
    expect(lead90).toBeGreaterThan(40);

    const year = (await leder.get('/api/stats/overview?period=year')).body;
    expect(year.period.from).toBe(`${today.slice(0, 4)}-01-01`);
    const inYear = today.slice(0, 10) !== january;
    if (inYear) {
      expect(year.decisionsInPeriod).toEqual({ granted: 3, rejected: 0 });
      expect(year.grantedInPeriod).toEqual({ count: 3, amountNok: 3_000_000 });
      expect(year.leadTime.decisions).toBe(3);
      // The median of three: the middle one.
      expect(year.leadTime.medianBusinessDays).toBe([lead20, lead90, leadJanuary].sort((a, b) => a - b)[1]);
    }
    // Without a period: the year, as before.
    expect((await leder.get('/api/stats/overview')).body.period.name).toBe('year');

    const backlog = month.approvalBacklog;
    expect(backlog).toEqual({
      count: 3,
      oldestBusinessDays: businessDaysBetween(toOsloDate(daysAgo(12)), today),
      medianBusinessDays: businessDaysBetween(toOsloDate(daysAgo(6)), today),
    });
  });
});
