import { startTestApp, TestContext } from '../support/app';
import { as } from '../support/factories';
import { sampleApplication } from '../support/fixtures';

/**
 * The portal (role `intake`) gets the intake view, never casework: the first 201 and every 200 for
 * the same document have the same shape (id, reference, status, version, receivedAt, slaDueAt and
 * the document as received), however far the caseworkers have come with the case.
 */

let ctx: TestContext;
let portal: string;

beforeAll(async () => {
  ctx = await startTestApp();
  portal = await ctx.token('portal');
});
afterAll(() => ctx.close());

const post = (body: unknown) =>
  ctx.http
    .post('/api/applications')
    .set('authorization', `Bearer ${portal}`)
    .send(body as object);

const INTAKE_VIEW_FIELDS = [
  'aid',
  'applicant',
  'costLines',
  'externalRef',
  'id',
  'otherPublicAid',
  'project',
  'receivedAt',
  'reference',
  'slaDueAt',
  'status',
  'version',
];

/** Texts the caseworkers write, each a marker that must never reach the portal. */
const SECRETS = {
  rationale: 'RATIONALE-innovasjonen er ny for bransjen',
  assessment: 'ASSESSMENT-bare halve timetallet er dokumentert',
  correction: 'CORRECTION-årsverk for konsernet, ikke selskapet',
  exchangeRate: 'EXCHANGE-Norges Banks kurs for søknadsdagen',
  note: 'NOTE-ring søker om revisorattest',
};

describe('the answer to the portal', () => {
  it('is the intake view on 201 and the same view on 200 after casework, with no casework in it', async () => {
    const doc = sampleApplication();
    const first = await post(doc);
    expect(first.status).toBe(201);
    expect(Object.keys(first.body).sort()).toEqual(INTAKE_VIEW_FIELDS);
    expect(first.body).toMatchObject({ externalRef: doc.externalRef, status: 'received', version: 1 });
    const lineId = first.body.costLines[0].id;

    // A caseworker takes the case and works it: judgment, assessment, correction, exchange rate, note.
    const kari = await as(ctx, 'kari');
    const id = first.body.id;
    const steps = [
      await kari.post(`/api/applications/${id}/assign`, { assignee: 'kari' }),
      await kari.post(`/api/applications/${id}/status`, { status: 'in_review' }),
      await kari.put(`/api/applications/${id}/judgments/J-INNO-01`, { outcome: 'pass', rationale: SECRETS.rationale }),
      await kari.put(`/api/applications/${id}/cost-lines/${lineId}/assessment`, { approvedAmountNok: 510000, reason: SECRETS.assessment }),
      await kari.post(`/api/applications/${id}/corrections`, {
        path: 'applicant.financials[0].annualWorkUnits',
        value: 45,
        reason: SECRETS.correction,
      }),
      await kari.put(`/api/applications/${id}/exchange-rate`, { nokPerEur: 11.75, reason: SECRETS.exchangeRate }),
      await kari.post(`/api/applications/${id}/notes`, { body: SECRETS.note, anchor: { type: 'application' } }),
    ];
    expect(steps.map((r) => r.status)).toEqual([200, 200, 200, 200, 201, 200, 201]);
    const caseView = (await kari.get(`/api/applications/${id}`)).body;
    expect(caseView.assignee).toMatchObject({ username: 'kari' });
    expect(caseView.judgments).toHaveLength(1);

    // The portal sends the same document again (a retry after a timeout).
    const again = await post(doc);
    expect(again.status).toBe(200);
    expect(again.headers.location).toBe(`/api/applications/${id}`);
    expect(Object.keys(again.body).sort()).toEqual(INTAKE_VIEW_FIELDS);
    // Where the case stands, and the document exactly as the first answer gave it.
    expect(again.body).toEqual({ ...first.body, status: 'in_review', version: caseView.version });
    for (const line of again.body.costLines) expect(Object.keys(line)).not.toContain('assessment');
    const text = JSON.stringify(again.body);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/kari|Kari Nordmann|510000|11\.75/);
    // The correction stands beside the submitted value; the portal sees what it sent.
    expect(again.body.applicant.financials[0]).toMatchObject({ year: 2025, annualWorkUnits: 42 });
  });

  it('gives the portal no read of a case, its evaluations, notes, timeline or decision', async () => {
    const created = await post(sampleApplication());
    expect(created.status).toBe(201);
    const gets = ctx.routes
      .filter((r) => r.startsWith('GET /api/'))
      .map((r) => r.slice(4))
      .filter((p) => !p.startsWith('/api/docs') && p !== '/api/auth/me');
    expect(gets).toEqual(expect.arrayContaining(['/api/applications', '/api/applications/:id', '/api/applications/:id/timeline']));
    const fill = (p: string) =>
      p
        .replace(':id', created.body.id)
        .replace(':evaluationId', created.body.id)
        .replace(':noteId', created.body.id)
        .replace(':documentId', created.body.id)
        .replace(/:[A-Za-z]+/g, 'x');
    // Every route that wants a signed-in user (public ones, such as /api/config, aside) refuses the portal.
    const answers = await Promise.all(
      gets.map(async (p) => {
        const anonymous = (await ctx.http.get(fill(p))).status;
        return [p, anonymous === 401 ? (await ctx.http.get(fill(p)).set('authorization', `Bearer ${portal}`)).status : 'public'];
      }),
    );
    // What the portal reads by design: its outbox, and the decision letters the outbox links to
    // (here 404: the case has none). Nothing else.
    const portalReads = ['/api/portal/outbox', '/api/applications/:id/decision/letter.pdf'];
    expect(answers.filter(([p, status]) => status !== 403 && status !== 'public' && !portalReads.includes(p as string))).toEqual([]);
    expect(answers.filter(([p]) => portalReads.includes(p as string)).map(([, status]) => status)).toEqual(
      expect.arrayContaining([200, 404]),
    );
    expect(answers.filter(([, status]) => status === 403).length).toBeGreaterThan(10);
    // What the portal may read is who it is.
    const me = await ctx.http.get('/api/auth/me').set('authorization', `Bearer ${portal}`);
    expect(me.body).toEqual({ username: 'portal', displayName: expect.any(String), roles: ['intake'] });
  });
});
