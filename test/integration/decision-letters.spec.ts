import { writeFileSync } from 'node:fs';
import { letterDate } from '../../backend/src/letters/decision-letter.format';
import { addDays, addMonths } from '../../backend/src/rulebook/dates';
import { toOsloDate } from '../../backend/src/sla/business-days';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';
import { extractPdfText } from '../support/pdf';

/**
 * docs/rules.md sections 10 and 11: partial grants, the mandatory conditions with their dates,
 * and the letter as the applicant reads it. The docs/intake.md example asks for 1 500 000 kr;
 * without other aid its eligible costs of 2 290 000 allow at most 1 145 000 (50 %).
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];
const RULE_ID = /\b(?:INC|INT|CUM|THR|TRN|SME|LRG|UID|REC|SEC|COST)-\d\d\b|\bJ-[A-Z]+-\d\d\b/;
const CONDITION_CODE = /\b(?:ACCEPT|PAYMENT|REPORT-FINAL|RECORDS-CONTROL|RECOVERY|LAPSE|AUDITOR|CHANGES)\b/;
/** The sample application's project end (test/support/fixtures.ts). */
const PROJECT_END = '2027-09-30';
const MANDATORY = ['ACCEPT', 'PAYMENT', 'REPORT-FINAL', 'RECORDS-CONTROL', 'RECOVERY', 'LAPSE'];

function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The letter's text as the applicant reads it, every run of white space (no-break spaces too) as one space. */
async function text(res: any): Promise<string> {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return (await extractPdfText(res.body)).replace(/\s+/g, ' ');
}

/** A case in review with kari, every judgment passed, no other aid; `change` edits the application first. */
async function judgedCase(change: (d: any) => void = () => undefined) {
  const app = await newApplication(ctx, (d) => {
    d.otherPublicAid = [];
    change(d);
  });
  const kari = await as(ctx, 'kari');
  expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
  expect((await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
  for (const criterion of JUDGMENTS) {
    const res = await kari.put(`/api/applications/${app.id}/judgments/${criterion}`, {
      outcome: 'pass',
      rationale: `Intern vurdering av ${criterion}.`,
    });
    expect(res.status).toBe(200);
  }
  return { app, kari };
}

const nb = (date: string) => letterDate('nb', date).replace(/\u00a0/g, ' ');
const en = (date: string) => letterDate('en', date).replace(/\u00a0/g, ' ');

describe('a partial grant', () => {
  it('records why it is lower, takes the mandatory conditions, and the letters say so for the applicant', async () => {
    const { app, kari } = await judgedCase();
    // The caseworker cuts the consultancy line from 600 000 to 400 000: eligible 2 090 000, at most 1 045 000.
    const consultancy = app.costLines.find((l: any) => l.category === 'consultancy');
    const cut = await kari.put(`/api/applications/${app.id}/cost-lines/${consultancy.id}/assessment`, {
      approvedAmountNok: 400000,
      reason: 'Markedsprisen for en slik prosessanalyse er om lag 400 000 kr.',
    });
    expect(cut.status).toBe(200);

    // Below the most the rules allow, a grant needs its reason (J-NEED-01), named by its field.
    const justification = 'Prosjektet gir en tydelig forbedring av produksjonsprosessen, og vi støtter det.';
    const lower = await kari.post(`/api/applications/${app.id}/recommendation`, { outcome: 'grant', amountNok: 900000, justification });
    expect(lower.status).toBe(400);
    expect(lower.body.errors.map((e: any) => e.path)).toEqual(['$.reductionReason']);
    expect(lower.body.errors[0].message).toContain('NOK 1,045,000');
    // At the most the rules allow, a reason for a reduction is refused: there is none.
    const needless = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1045000,
      justification,
      reductionReason: 'Ingen grunn.',
    });
    expect(needless.status).toBe(400);
    expect(needless.body.errors.map((e: any) => e.path)).toEqual(['$.reductionReason']);
    // An unknown condition is named; a mandatory one named again is no harm.
    const unknown = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1045000,
      justification,
      conditions: [{ code: 'ACCEPT' }, { code: 'NO-SUCH' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: any) => e.path)).toEqual(['$.conditions[1].code']);

    const recommended = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1045000,
      justification,
      conditions: [{ code: 'CHANGES' }, { text: 'Prosjektet skal presenteres på byråets fagdag.' }],
    });
    expect(recommended.status).toBe(200);
    const [recommendation] = (await kari.get(`/api/applications/${app.id}/recommendations`)).body;
    expect(recommendation.conditions.map((c: any) => c.code ?? c.text.nb)).toEqual([
      ...MANDATORY,
      'CHANGES',
      'Prosjektet skal presenteres på byråets fagdag.',
    ]);
    expect(recommendation.partial).toEqual({
      requestedNok: 1500000,
      grantedNok: 1045000,
      allowedNok: 1045000,
      refusedCosts: [
        {
          description: 'Prosessanalyse',
          category: 'consultancy',
          claimedNok: 600000,
          approvedNok: 400000,
          reasons: ['ASSESSMENT'],
          caseworkerReason: 'Markedsprisen for en slik prosessanalyse er om lag 400 000 kr.',
        },
      ],
      reductionReason: null,
    });

    // The approver previews the letter before deciding: a draft, with the same content.
    const ingrid = await as(ctx, 'ingrid');
    const draft = await text(await ingrid.get(`/api/applications/${app.id}/letter-preview.pdf?lang=nb`).buffer(true).parse(binary));
    expect(draft).toMatch(/UTKAST/i);
    expect(draft).toContain('1 045 000 kr');
    expect(draft).toContain('1 500 000 kr');
    // The preview stored nothing: the case is as it was.
    expect((await kari.get(`/api/applications/${app.id}`)).body.version).toBe(recommended.body.version);

    const approved = await ingrid.post(`/api/applications/${app.id}/decision`, { action: 'approve', version: recommended.body.version });
    expect(approved.status).toBe(200);
    const decision = (await ingrid.get(`/api/applications/${app.id}/decision`)).body;
    const today = toOsloDate(new Date());
    const dates = { acceptBy: addDays(today, 28), finalReportBy: addMonths(PROJECT_END, 3), lapsesOn: addMonths(PROJECT_END, 6) };
    expect(decision).toMatchObject({
      outcome: 'granted',
      amountNok: 1045000,
      requestedAmountNok: 1500000,
      partial: { requestedNok: 1500000, grantedNok: 1045000 },
      conditionDates: dates,
      // 1 045 000 / 11.50 = EUR 90 870, below the register threshold the request was above.
      registerObligation: false,
    });
    expect(decision.conditions.slice(0, 6).map((c: any) => c.code)).toEqual(MANDATORY);

    const nbRes = await kari.get(`/api/applications/${app.id}/decision/letter.pdf?lang=nb`).buffer(true).parse(binary);
    // KEEP_LETTERS=<dir> keeps the letter to look at.
    if (process.env.KEEP_LETTERS) writeFileSync(`${process.env.KEEP_LETTERS}/partial-nb.pdf`, nbRes.body);
    const nbLetter = await text(nbRes);
    const enLetter = await text(await kari.get(`/api/applications/${app.id}/decision/letter.pdf?lang=en`).buffer(true).parse(binary));
    // Both amounts, the justification, the refused cost with its amounts and reason.
    for (const s of ['1 045 000 kr', '1 500 000 kr', justification, 'Prosessanalyse', '600 000 kr', '400 000 kr', '200 000 kr']) {
      expect(nbLetter).toContain(s);
    }
    expect(nbLetter).toContain('Markedsprisen for en slik prosessanalyse er om lag 400 000 kr.');
    for (const s of ['NOK 1,045,000', 'NOK 1,500,000', 'Prosessanalyse', 'NOK 600,000', 'NOK 400,000']) expect(enLetter).toContain(s);
    // Every mandatory condition with its dates worked out; the caseworker's own condition as written.
    for (const d of Object.values(dates)) {
      expect(nbLetter).toContain(nb(d));
      expect(enLetter).toContain(en(d));
    }
    expect(nbLetter).toContain('Prosjektet skal presenteres på byråets fagdag.');
    expect(nbLetter).toContain('20 %');
    expect(nbLetter).toMatch(/Riksrevisjonen/);
    // The legal basis, with the Norwegian regulation; appeal and access to the documents.
    expect(nbLetter).toContain('forskrift om unntak fra notifikasjonsplikt for offentlig støtte');
    expect(nbLetter).toMatch(/tre uker/);
    // Written for the applicant: no rule IDs, no condition codes, no internal rationale, not a draft.
    for (const letter of [nbLetter, enLetter]) {
      expect(letter).not.toMatch(RULE_ID);
      expect(letter).not.toMatch(CONDITION_CODE);
      expect(letter).not.toContain('Intern vurdering');
      expect(letter).not.toMatch(/UTKAST|DRAFT/);
    }
    // Publication only when the granted amount sets the obligation: not here.
    expect(nbLetter).not.toContain('Registeret for offentlig støtte');
  });

  it('below the most the rules allow, the reason reaches the record and the letter', async () => {
    const { app, kari } = await judgedCase();
    const reductionReason = 'Selskapet har egne midler til en stor del av prosjektet, så et lavere tilskudd er nok.';
    const recommended = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 800000,
      justification: 'Vi støtter prosjektet med et lavere beløp.',
      reductionReason,
    });
    expect(recommended.status).toBe(200);
    const ingrid = await as(ctx, 'ingrid');
    expect(
      (await ingrid.post(`/api/applications/${app.id}/decision`, { action: 'approve', version: recommended.body.version })).status,
    ).toBe(200);
    const decision = (await ingrid.get(`/api/applications/${app.id}/decision`)).body;
    expect(decision.partial).toMatchObject({
      requestedNok: 1500000,
      grantedNok: 800000,
      allowedNok: 1145000,
      refusedCosts: [],
      reductionReason,
    });
    const letter = await text(await kari.get(`/api/applications/${app.id}/decision/letter.pdf?lang=nb`).buffer(true).parse(binary));
    expect(letter).toContain(reductionReason);
    expect(letter).toContain('800 000 kr');
    expect(letter).toContain('1 500 000 kr');
  });
});

describe('a grant in full', () => {
  it('says granted, not partly, and announces publication when the granted amount sets the obligation', async () => {
    // 1 500 hours at 850: eligible 2 545 000, at most 1 272 500; 1 200 000 asked and granted (EUR 104 348).
    const { app, kari } = await judgedCase((d) => {
      d.costLines[0].hours = 1500;
      d.costLines[0].amountNok = 1275000;
      d.aid.requestedAmountNok = 1200000;
    });
    const recommended = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1200000,
      justification: 'Et godt prosjekt.',
    });
    expect(recommended.status).toBe(200);
    const [recommendation] = (await kari.get(`/api/applications/${app.id}/recommendations`)).body;
    expect(recommendation.partial).toBeNull();
    const ingrid = await as(ctx, 'ingrid');
    expect(
      (await ingrid.post(`/api/applications/${app.id}/decision`, { action: 'approve', version: recommended.body.version })).status,
    ).toBe(200);
    const decision = (await ingrid.get(`/api/applications/${app.id}/decision`)).body;
    expect(decision).toMatchObject({ outcome: 'granted', amountNok: 1200000, partial: null, registerObligation: true });
    const letter = await text(await kari.get(`/api/applications/${app.id}/decision/letter.pdf?lang=nb`).buffer(true).parse(binary));
    expect(letter).toContain('Registeret for offentlig støtte');
    expect(letter).toContain('1 200 000 kr');
    expect(letter).not.toMatch(RULE_ID);
  });
});

describe('text that goes into a letter', () => {
  it('is refused where it is entered when a word is longer than 200 characters, naming the field', async () => {
    const { app, kari } = await judgedCase();
    const word = 'a'.repeat(201);
    const res = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1000000,
      justification: `Et godt prosjekt ${word}`,
      reductionReason: `Fordi ${'b'.repeat(200)}`,
      conditions: [{ text: `Vilkår ${word}` }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(['$.conditions[0].text', '$.justification']);
    expect(res.body.errors[0].message).toBe('a word may be at most 200 characters');
    expect((await kari.get(`/api/applications/${app.id}`)).body.status).toBe('in_review');
  });
});

describe('the letter preview', () => {
  it("drafts from the form's values before anything is recommended, and refuses a case with nothing to draft", async () => {
    const { app, kari } = await judgedCase();
    // GET needs an open recommendation.
    const none = await kari.get(`/api/applications/${app.id}/letter-preview.pdf`);
    expect(none.status).toBe(409);
    expect(none.body.type).toContain('no-recommendation');
    // POST drafts from the form, in English, storing nothing.
    const before = (await kari.get(`/api/applications/${app.id}`)).body.version;
    const res = await kari.post(`/api/applications/${app.id}/letter-preview.pdf?lang=en`, {
      outcome: 'reject',
      justification: 'The project starts before we received the application.',
      grounds: ['J-INNO-01'],
    });
    // J-INNO-01 is recorded pass: a rejection cannot rest on it.
    expect(res.status).toBe(400);
    const draft = await text(
      await kari
        .post(`/api/applications/${app.id}/letter-preview.pdf?lang=en`, {
          outcome: 'grant',
          amountNok: 1145000,
          justification: 'A clear process innovation.',
        })
        .buffer(true)
        .parse(binary),
    );
    expect(draft).toMatch(/DRAFT/);
    expect(draft).toContain('NOK 1,145,000');
    expect(draft).toContain('A clear process innovation.');
    expect((await kari.get(`/api/applications/${app.id}`)).body.version).toBe(before);
    // Only a caseworker drafts from a form.
    const leder = await as(ctx, 'leder');
    expect((await leder.post(`/api/applications/${app.id}/letter-preview.pdf`, { outcome: 'reject', justification: 'x' })).status).toBe(
      403,
    );
  });
});
