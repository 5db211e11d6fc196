import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';
import { extractPdfText } from '../support/pdf';

/* What a rejection may rest on (docs/rules.md section 10): rules at fail, missing or refer,
   judgments recorded fail, or PRIORITY with its own reason. Anything else is refused, naming it. */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

async function caseInReview(change: (doc: any) => void = () => undefined) {
  const app = await newApplication(ctx, change);
  const kari = await as(ctx, 'kari');
  expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
  const started = await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review' });
  expect(started.status).toBe(200);
  return { app, kari };
}

/** What a refused request must leave as it was. */
async function stored(id: string) {
  const [row] = await ctx.db.query(
    `SELECT a.status, a.version,
            (SELECT count(*)::int FROM recommendation r WHERE r.application_id = a.id) AS recommendations,
            (SELECT count(*)::int FROM evaluation e WHERE e.application_id = a.id) AS evaluations,
            (SELECT count(*)::int FROM audit_event v WHERE v.application_id = a.id) AS events
       FROM application a WHERE a.id = $1`,
    [id],
  );
  return row;
}

async function evaluationOf(kari: Awaited<ReturnType<typeof as>>, id: string) {
  const res = await kari.get(`/api/applications/${id}/evaluations/latest`);
  expect(res.status).toBe(200);
  return res.body;
}

function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('the grounds of a rejection', () => {
  it('refuses a rule that passed, naming it, and stores nothing', async () => {
    const { app, kari } = await caseInReview();
    expect((await evaluationOf(kari, app.id)).rules.find((r: any) => r.ruleId === 'INC-01').outcome).toBe('pass');
    const before = await stored(app.id);
    expect(before).toMatchObject({ status: 'in_review', recommendations: 0 });

    const res = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'reject',
      justification: 'Prosjektet var startet.',
      grounds: ['INC-01'],
    });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:tilsagn:problem:validation-failed');
    expect(res.body.errors).toEqual([{ path: '$.grounds[0]', message: expect.stringContaining('INC-01 is pass') }]);
    expect(await stored(app.id)).toEqual(before);
    expect((await kari.get(`/api/applications/${app.id}/recommendations`)).body).toEqual([]);
  });

  it('refuses a judgment recorded pass, or not recorded, and a ground named twice', async () => {
    const { app, kari } = await caseInReview();
    expect((await kari.put(`/api/applications/${app.id}/judgments/J-INNO-01`, { outcome: 'pass', rationale: 'Ny prosess.' })).status).toBe(
      200,
    );
    const before = await stored(app.id);
    const res = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'reject',
      justification: 'Nei.',
      grounds: ['J-INNO-01', 'J-INNO-02', 'PRIORITY', 'PRIORITY'],
      priorityReason: 'Lavere rangert.',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path)).toEqual(['$.grounds[0]', '$.grounds[1]', '$.grounds[3]']);
    expect(await stored(app.id)).toEqual(before);
  });

  it('accepts a rule that failed, and keeps it with the recommendation', async () => {
    // Received 2 March 2026, started 1 March: the project had started (INC-01 fail).
    const { app, kari } = await caseInReview((d) => {
      d.project.startDate = '2026-03-01';
    });
    const inc = (await evaluationOf(kari, app.id)).rules.find((r: any) => r.ruleId === 'INC-01');
    expect(inc.outcome).toBe('fail');
    const res = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'reject',
      justification: 'Prosjektet var startet da søknaden kom inn.',
      grounds: ['INC-01'],
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('recommended');
    const [rec] = (await kari.get(`/api/applications/${app.id}/recommendations`)).body;
    expect(rec.grounds).toEqual([{ id: 'INC-01', kind: 'rule', outcome: 'fail', text: inc.explanation }]);
  });

  it('accepts a judgment recorded fail', async () => {
    const { app, kari } = await caseInReview();
    const rationale = 'Innføring av ERP uten prosessinnovasjon.';
    expect((await kari.put(`/api/applications/${app.id}/judgments/J-INNO-03`, { outcome: 'fail', rationale })).status).toBe(200);
    const res = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'reject',
      justification: 'Prosjektet er på unntakslisten.',
      grounds: ['J-INNO-03'],
    });
    expect(res.status).toBe(200);
    const [rec] = (await kari.get(`/api/applications/${app.id}/recommendations`)).body;
    expect(rec.grounds).toEqual([expect.objectContaining({ id: 'J-INNO-03', kind: 'judgment', outcome: 'fail', rationale })]);
  });

  it('takes PRIORITY only with its own reason, and the reason reaches the decision record and the letters', async () => {
    const { app, kari } = await caseInReview();
    const before = await stored(app.id);
    const bare = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'reject',
      justification: 'Budsjettet er brukt opp.',
      grounds: ['PRIORITY'],
    });
    expect(bare.status).toBe(400);
    expect(bare.body.errors.map((e: any) => e.path)).toEqual(['$.priorityReason']);
    const blank = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'reject',
      justification: 'Budsjettet er brukt opp.',
      grounds: ['PRIORITY'],
      priorityReason: '   ',
    });
    expect(blank.status).toBe(400);
    expect(blank.body.errors.map((e: any) => e.path)).toEqual(['$.priorityReason']);
    const onGrant = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 100000,
      justification: 'Godt.',
      priorityReason: 'Høyt rangert.',
    });
    expect(onGrant.status).toBe(400);
    expect(onGrant.body.errors.map((e: any) => e.path)).toEqual(['$.priorityReason']);
    expect(await stored(app.id)).toEqual(before);

    const reason = 'Prosjektet har lavere forventet effekt enn de 14 søknadene som fikk støtte innenfor rammen på 40 mill. kr.';
    const res = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'reject',
      justification: 'Søknaden er god, men når ikke opp i konkurransen om årets midler.',
      grounds: ['PRIORITY'],
      priorityReason: reason,
    });
    expect(res.status).toBe(200);
    const ingrid = await as(ctx, 'ingrid');
    expect((await ingrid.post(`/api/applications/${app.id}/decision`, { action: 'approve' })).status).toBe(200);

    const decision = (await kari.get(`/api/applications/${app.id}/decision`)).body;
    expect(decision.outcome).toBe('rejected');
    expect(decision.grounds).toEqual([expect.objectContaining({ id: 'PRIORITY', kind: 'priority', outcome: 'fail', rationale: reason })]);
    expect(decision.grounds[0].text.nb).toContain(reason);
    expect(decision.grounds[0].text.en).toContain(reason);
    const [row] = await ctx.db.query(`SELECT grounds FROM decision WHERE application_id = $1`, [app.id]);
    expect(row.grounds).toEqual([expect.objectContaining({ id: 'PRIORITY', rationale: reason })]);

    const letter = await kari.get(`/api/applications/${app.id}/decision/letter.pdf?lang=nb`).buffer(true).parse(binary);
    expect(letter.status).toBe(200);
    const text = (await extractPdfText(letter.body)).replace(/\s+/g, ' ');
    expect(text).toContain('prioritert andre søknader foran denne');
    expect(text).toContain(reason.replace(/\s+/g, ' '));
  });
});
