import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccessLog } from '../../backend/src/access';
import { startTestApp, TestContext } from '../support/app';
import { samplePdf } from '../../backend/src/documents/testing';
import { as, newApplication } from '../support/factories';
import { binary, extractPdfText } from '../support/pdf';

/**
 * Issue 14 item 10: the case report (saksutskrift), GET /api/applications/{id}/case-report.pdf, is
 * the whole case as a reader of the archive print checks it: who, what was applied for and
 * approved and why a line was cut, the assessments, the notes (one entered in error, shown so),
 * the decision, the history, "Side 1 av N" with who printed it; in bokmål and English.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx?.close());

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];
const CUT_REASON = 'Markedsprisen for en slik prosessanalyse er om lag 400 000 kr.';

/** The report's text as a reader copying it out gets it, every run of white space (no-break spaces too) as one space. */
async function reportText(res: any): Promise<string> {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
  return (await extractPdfText(res.body)).replace(/\s+/g, ' ');
}

/** A decided partial grant: assessed, one cost line cut, notes (one entered in error), an information request answered. */
async function decidedCase() {
  const app = await newApplication(ctx, (d) => {
    d.otherPublicAid = [];
  });
  const kari = await as(ctx, 'kari');
  expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
  expect((await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
  for (const criterion of JUDGMENTS) {
    const res = await kari.put(`/api/applications/${app.id}/judgments/${criterion}`, {
      outcome: 'pass',
      rationale: `Begrunnet vurdering av ${criterion}.`,
    });
    expect(res.status).toBe(200);
  }
  const consultancy = app.costLines.find((l: any) => l.category === 'consultancy');
  const cut = await kari.put(`/api/applications/${app.id}/cost-lines/${consultancy.id}/assessment`, {
    approvedAmountNok: 400000,
    reason: CUT_REASON,
  });
  expect(cut.status).toBe(200);
  const note = await kari.post(`/api/applications/${app.id}/notes`, {
    body: 'Ringte daglig leder om fremdriften.',
    anchor: { type: 'application' },
  });
  expect(note.status).toBe(201);
  const wrong = await kari.post(`/api/applications/${app.id}/notes`, { body: 'Notat på feil sak.', anchor: { type: 'application' } });
  expect(wrong.status).toBe(201);
  const marked = await kari.post(`/api/applications/${app.id}/notes/${wrong.body.id}/entered-in-error`, {
    reason: 'Gjaldt en annen søker.',
    version: wrong.body.version,
  });
  expect(marked.status).toBe(200);
  const recommended = await kari.post(`/api/applications/${app.id}/recommendation`, {
    outcome: 'grant',
    amountNok: 1045000,
    justification: 'Prosjektet gir en tydelig forbedring av produksjonsprosessen.',
  });
  expect(recommended.status).toBe(200);
  const ingrid = await as(ctx, 'ingrid');
  const approved = await ingrid.post(`/api/applications/${app.id}/decision`, { action: 'approve', version: recommended.body.version });
  expect(approved.status).toBe(200);
  return { app, kari, ingrid, view: approved.body };
}

describe('GET /api/applications/{id}/case-report.pdf', () => {
  let decided: Awaited<ReturnType<typeof decidedCase>>;
  beforeAll(async () => {
    decided = await decidedCase();
  });

  it('prints the whole case in bokmål: header, cost lines with the cut and its reason, assessments, notes, decision, pages', async () => {
    const { app, kari, view } = decided;
    const res = await kari.get(`/api/applications/${app.id}/case-report.pdf?lang=nb`).buffer(true).parse(binary);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${app.reference}-saksutskrift-nb.pdf"`);
    if (process.env.KEEP_REPORTS) {
      mkdirSync(join(__dirname, '../../test-artifacts'), { recursive: true });
      writeFileSync(join(__dirname, '../../test-artifacts/case-report-nb.pdf'), res.body);
    }
    const text = await reportText(res);

    expect(text).toContain(`Saksutskrift ${app.reference}`);
    expect(text).toContain('Fjordplast AS, Org.nr. 923 609 016');
    expect(text).toContain('Status Vedtatt');
    expect(text).toContain(`Saksbehandler ${view.assignee.displayName}`);
    // The consultancy line: 600 000 applied, 400 000 approved, and why.
    expect(text).toMatch(/Prosessanalyse \(konsulenttjenester\) 600 000 kr 400 000 kr/);
    expect(text).toContain(`Begrunnelse for kutt: Saksbehandler har godkjent 400 000 kr av krevd 600 000 kr. ${CUT_REASON}`);
    expect(text.split(CUT_REASON)).toHaveLength(2);
    expect(text).toContain('Sum 2 290 000 kr 2 090 000 kr');
    expect(text).toContain('Regelsjekk');
    expect(text).toContain('Begrunnet vurdering av J-FEAS-01.');
    expect(text).toContain(`Vurdert av ${view.assignee.displayName}`);
    expect(text).toContain('Ringte daglig leder om fremdriften.');
    expect(text).toMatch(/FEILREGISTRERT – [^•]*Notat på feil sak\. Årsak: Gjaldt en annen søker\./);
    expect(text).toContain('Innstilling');
    expect(text).toContain('Vedtak Innvilget – Vedtatt av Ingrid Berg');
    expect(text).toContain('Tilsagn 1 045 000 kr');
    expect(text).toContain('Historikk');
    expect(text).toContain('Søknad mottatt');
    // Newest first.
    expect(text.indexOf('Vedtaksbrev laget')).toBeLessThan(text.indexOf('Søknad mottatt'));
    expect(text).toMatch(/Side 1 av \d+/);
    expect(text).toMatch(/Skrevet ut av \S+ \S+ \d{1,2}\. \w+ 20\d\d kl\. \d\d:\d\d/);
  });

  it('prints the same case in English, and approvers and managers may print it too', async () => {
    const { app, ingrid } = decided;
    const text = await reportText(await ingrid.get(`/api/applications/${app.id}/case-report.pdf?lang=en`).buffer(true).parse(binary));
    expect(text).toContain(`Case report ${app.reference}`);
    expect(text).toContain('Fjordplast AS, Org. no. 923 609 016');
    expect(text).toContain('Prosessanalyse (consultancy services)');
    expect(text).toMatch(/NOK 600,000 NOK 400,000/);
    expect(text).toContain('Begrunnet vurdering av J-INNO-01.');
    expect(text).toContain('ENTERED IN ERROR');
    expect(text).toContain('Decision Granted – Decided by Ingrid Berg');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toMatch(/Printed by .+ \d{1,2} \w+ 20\d\d \d\d:\d\d/);
    const leder = await as(ctx, 'leder');
    const manager = await leder.get(`/api/applications/${app.id}/case-report.pdf`).buffer(true).parse(binary);
    expect(await reportText(manager)).toContain('Side 1 av');
  });

  it('lists the information requests with the replies, and the documents with kind, size and SHA-256', async () => {
    const app = await newApplication(ctx);
    const kari = await as(ctx, 'kari');
    const portal = await as(ctx, 'portal');
    expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
    expect((await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
    const asked = await kari.post(`/api/applications/${app.id}/information-requests`, { message: 'Send oss budsjettet for 2027.' });
    expect(asked.status).toBe(201);
    const uploaded = await ctx.http
      .post(`/api/applications/${app.id}/documents`)
      .set('authorization', `Bearer ${await ctx.token('portal')}`)
      .field('kind', 'budget')
      .field('title', 'Budsjett 2027')
      .attach('file', samplePdf('Budsjett'), { filename: 'budsjett.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    const reply = await portal.post(`/api/applications/${app.id}/information-requests/${asked.body.id}/reply`, {
      message: 'Budsjettet er vedlagt.',
      documentIds: [uploaded.body.id],
    });
    expect(reply.status).toBe(201);

    const text = await reportText(await kari.get(`/api/applications/${app.id}/case-report.pdf`).buffer(true).parse(binary));
    expect(text).toContain('Opplysningsforespørsler');
    expect(text).toMatch(
      /Sendt av Kari Nordmann .+, svarfrist .+ \(Besvart\) Send oss budsjettet for 2027\. Svar mottatt .+: Budsjettet er vedlagt\./,
    );
    expect(text).toContain('Budsjett 2027 Budsjett');
    expect(text).toContain(`SHA-256 ${uploaded.body.sha256}`);
    expect(text).toContain('Skjønnsvurderinger Ingen.');
    expect(text).toContain('Vedtak Ingen.');
  });

  it('records the read in the access log as case.report, with who and which case', async () => {
    const { app, kari } = decided;
    const accessLog = ctx.app.get(AccessLog);
    await kari.get(`/api/applications/${app.id}/case-report.pdf`).buffer(true).parse(binary);
    await new Promise((resolve) => setImmediate(resolve));
    await accessLog.flush();
    const rows = await ctx.db.query(`SELECT username, why, kind FROM access_log WHERE application_id = $1 AND why = 'case.report'`, [
      app.id,
    ]);
    expect(rows).toEqual(expect.arrayContaining([{ username: 'kari', why: 'case.report', kind: 'read' }]));
  });

  it('is 404 for an unknown case, 403 for the portal (intake), 400 for another language', async () => {
    const kari = await as(ctx, 'kari');
    const unknown = await kari.get('/api/applications/00000000-0000-4000-8000-000000000000/case-report.pdf');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    const portal = await as(ctx, 'portal');
    expect((await portal.get(`/api/applications/${decided.app.id}/case-report.pdf`)).status).toBe(403);
    const german = await kari.get(`/api/applications/${decided.app.id}/case-report.pdf?lang=de`);
    expect(german.status).toBe(400);
    expect(german.body.errors.map((e: any) => e.path)).toEqual(['$.lang']);
  });
});
