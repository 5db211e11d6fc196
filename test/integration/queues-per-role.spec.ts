import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

/** The docs/intake.md example made grantable (as in four-eyes.spec.ts). */
function grantable(d: any) {
  d.costLines[1].amountNok = 1000000;
  d.aid.requestedAmountNok = 1300000;
  d.otherPublicAid = [];
}

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];
const GRANT = {
  outcome: 'grant',
  amountNok: 1200000,
  justification: 'Et tydelig innovasjonsløft.',
  reductionReason: 'Bedriften kan finansiere resten selv.',
  conditions: [{ code: 'REPORT-FINAL' }],
};

type Client = Awaited<ReturnType<typeof as>>;

/** A case the caseworker takes and starts reviewing; the judge (the caseworker unless said) records every judgment. */
async function inReview(caseworker: string, judge = caseworker): Promise<string> {
  const app = await newApplication(ctx, grantable);
  const leder = await as(ctx, 'leder');
  expect((await leder.post(`/api/applications/${app.id}/assign`, { assignee: judge })).status).toBe(200);
  const judging = await as(ctx, judge);
  expect((await judging.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
  for (const c of JUDGMENTS) {
    expect(
      (await judging.put(`/api/applications/${app.id}/judgments/${c}`, { outcome: 'pass', rationale: `${c} er oppfylt.` })).status,
    ).toBe(200);
  }
  if (judge !== caseworker) expect((await leder.post(`/api/applications/${app.id}/assign`, { assignee: caseworker })).status).toBe(200);
  return app.id as string;
}

async function recommended(caseworker: string, judge = caseworker): Promise<string> {
  const id = await inReview(caseworker, judge);
  expect((await (await as(ctx, caseworker)).post(`/api/applications/${id}/recommendation`, GRANT)).status).toBe(200);
  return id;
}

const ids = async (client: Client, query: string) => {
  const res = await client.get(`/api/applications?${query}`);
  expect(res.status).toBe(200);
  return (res.body.items as { id: string }[]).map((i) => i.id);
};

describe('the queues per role', () => {
  let byKari: string, judgedByIngrid: string, byKariLater: string, byIngrid: string;
  let kari: Client, ingrid: Client, leder: Client, ola: Client;

  beforeAll(async () => {
    [kari, ingrid, leder, ola] = await Promise.all(['kari', 'ingrid', 'leder', 'ola'].map((u) => as(ctx, u)));
    byKari = await recommended('kari');
    // Ingrid judged this one before it went to Kari, who recommended it: Ingrid took part.
    judgedByIngrid = await recommended('kari', 'ingrid');
    byKariLater = await recommended('kari');
    // Ingrid recommended this one herself.
    byIngrid = await recommended('ingrid');
    // Cases nobody decides yet: one in review, one unassigned.
    await inReview('ola');
    await newApplication(ctx, grantable);
  });

  it('gives Ingrid (approver) the cases she may decide, oldest recommendation first, never one she took part in', async () => {
    const res = await ingrid.get('/api/applications?queue=to-approve');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.id)).toEqual([byKari, byKariLater]);
    expect(res.body.items.every((i: any) => i.status === 'recommended' && typeof i.recommendedAt === 'string')).toBe(true);
    expect(res.body.items[0].recommendedAt < res.body.items[1].recommendedAt).toBe(true);
    expect(res.body).toMatchObject({ total: 2, totalIsEstimate: false });
    // Each case she sees there, she may decide; the others she may not.
    for (const id of [byKari, byKariLater]) expect((await ingrid.get(`/api/applications/${id}`)).body.allowedActions).toContain('decide');
    for (const id of [judgedByIngrid, byIngrid])
      expect((await ingrid.get(`/api/applications/${id}`)).body.allowedActions).not.toContain('decide');
    // Leder took part in none of them: all four, in the order they were recommended.
    expect(await ids(leder, 'queue=to-approve')).toEqual([byKari, judgedByIngrid, byKariLater, byIngrid]);
    expect(await ids(leder, 'queue=to-approve&sort=-recommendedAt')).toEqual([byIngrid, byKariLater, judgedByIngrid, byKari]);
  });

  it('pages the approver queue by its cursor, the total on the first page only', async () => {
    const first = await leder.get('/api/applications?queue=to-approve&limit=3');
    expect(first.body).toMatchObject({ total: 4, totalIsEstimate: false });
    const second = await leder.get(`/api/applications?queue=to-approve&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: any) => i.id)).toEqual([byIngrid]);
    expect(second.body.total).toBeUndefined();
    expect(second.body.nextCursor).toBeNull();
  });

  it('counts each queue the roles may open, as many as its list holds', async () => {
    const counts = async (client: Client) => {
      const res = await client.get('/api/queues/counts');
      expect(res.status).toBe(200);
      return res.body;
    };
    expect(await counts(ingrid)).toEqual({ mine: 1, unassigned: 1, toApprove: 2, awaitingApplicant: 0, returnedToMe: 0 });
    expect(await counts(leder)).toEqual({ unassigned: 1, toApprove: 4, awaitingApplicant: 0 });
    const asKari = await counts(kari);
    expect(asKari).toEqual({ mine: 3, unassigned: 1, awaitingApplicant: 0, returnedToMe: 0 });
    expect((await ids(kari, 'queue=mine')).length).toBe(asKari.mine);
    expect((await ids(kari, 'queue=unassigned')).length).toBe(asKari.unassigned);
    expect(await counts(ola)).toEqual({ mine: 1, unassigned: 1, awaitingApplicant: 0, returnedToMe: 0 });
  });

  it('refuses the approver queue to someone without the role, and an unknown queue, as problems', async () => {
    const refused = await kari.get('/api/applications?queue=to-approve');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(/approver/);
    const mine = await leder.get('/api/applications?queue=mine');
    expect(mine.status).toBe(403);
    const unknown = await kari.get('/api/applications?queue=everything');
    expect(unknown.status).toBe(400);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body.errors).toEqual([{ path: '$.queue', message: expect.stringContaining('to-approve') }]);
    const sort = await kari.get('/api/applications?sort=recommendedAt');
    expect(sort.status).toBe(400);
    expect(sort.body.errors[0].path).toBe('$.sort');
  });

  it('marks a returned case in every queue, filters on it, and gives it back to its caseworker as "returned to me"', async () => {
    const returned = await leder.post(`/api/applications/${byKariLater}/decision`, {
      action: 'return',
      reasonCode: 'missing-justification',
      comment: 'Utdyp.',
    });
    expect(returned.status).toBe(200);

    const back = await kari.get('/api/applications?queue=returned-to-me');
    expect(back.body.items.map((i: any) => [i.id, i.returned, i.status])).toEqual([[byKariLater, true, 'in_review']]);
    expect(back.body.total).toBe(1);
    expect((await kari.get('/api/queues/counts')).body.returnedToMe).toBe(1);
    expect((await ola.get('/api/queues/counts')).body.returnedToMe).toBe(0);

    const mine = (await kari.get('/api/applications?queue=mine')).body.items;
    expect(mine.filter((i: any) => i.returned).map((i: any) => i.id)).toEqual([byKariLater]);
    expect(await ids(leder, 'returned=true')).toEqual([byKariLater]);
    expect(await ids(leder, 'returned=false&status=recommended')).toEqual(expect.not.arrayContaining([byKariLater]));
    // No longer waiting for an approver.
    expect(await ids(ingrid, 'queue=to-approve')).toEqual([byKari]);

    // Recommended again: it waits for an approver (still marked returned), and is out of "returned to me".
    expect((await kari.post(`/api/applications/${byKariLater}/recommendation`, GRANT)).status).toBe(200);
    expect(await ids(kari, 'queue=returned-to-me')).toEqual([]);
    const waiting = (await ingrid.get('/api/applications?queue=to-approve')).body.items;
    expect(waiting.map((i: any) => [i.id, i.returned])).toEqual([
      [byKari, false],
      [byKariLater, true],
    ]);
  });

  it('lists the cases waiting for the applicant with their reply-by dates', async () => {
    const id = await inReview('ola');
    const version = (await ola.get(`/api/applications/${id}`)).body.version;
    const asked = await ola.post(`/api/applications/${id}/information-requests`, {
      message: 'Send budsjett.',
      replyBy: '2099-03-01',
      version,
    });
    expect(asked.status).toBe(201);
    const waiting = await ola.get('/api/applications?queue=awaiting-applicant');
    expect(waiting.body.items.map((i: any) => [i.id, i.replyBy])).toEqual([[id, '2099-03-01']]);
    expect(waiting.body.total).toBe(1);
    // Kari's own are not Ola's; the manager sees everyone's.
    expect(await ids(kari, 'queue=awaiting-applicant')).toEqual([]);
    expect(await ids(leder, 'queue=awaiting-applicant')).toEqual([id]);
    expect((await ola.get('/api/queues/counts')).body.awaitingApplicant).toBe(1);
    expect((await leder.get('/api/queues/counts')).body.awaitingApplicant).toBe(1);
    // Elsewhere no reply-by date.
    expect((await ola.get('/api/applications?queue=mine')).body.items.filter((i: any) => i.replyBy !== null).map((i: any) => i.id)).toEqual(
      [id],
    );
  });

  it('gives the pager a total: exact from the tallies or a count, flagged when estimated', async () => {
    const all = await leder.get('/api/applications?limit=2');
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM application`);
    expect(all.body).toMatchObject({ total: n, totalIsEstimate: false });
    const open = await leder.get('/api/applications?status=received,in_review,awaiting_applicant,recommended&assignee=kari&limit=2');
    expect(open.body).toMatchObject({ total: 3, totalIsEstimate: false });
    const searched = await leder.get('/api/applications?q=verksted-som-ikke-finnes');
    expect(searched.body).toMatchObject({ items: [], total: 0, totalIsEstimate: false });
  });
});
