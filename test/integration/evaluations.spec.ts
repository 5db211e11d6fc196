import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const rule = (evaluation: any, id: string) => evaluation.rules.find((r: any) => r.ruleId === id);
/** Today's date in Norwegian time, as the server dates things. */
const osloToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());

async function takenCase(change?: (d: any) => void) {
  const app = await newApplication(ctx, change);
  const kari = await as(ctx, 'kari');
  await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' });
  return { app, kari };
}

describe('evaluation of the docs/intake.md example', () => {
  it('is stored at intake with the numbers of the rulebook, worked by hand', async () => {
    const app = await newApplication(ctx);
    const kari = await as(ctx, 'kari');
    const res = await kari.get(`/api/applications/${app.id}/evaluations/latest`);
    expect(res.status).toBe(200);
    const e = res.body;
    expect(e).toMatchObject({
      applicationId: app.id,
      parameterSet: 'gber-2023',
      nokPerEur: 11.5,
      sizeClass: 'small',
      rulebookVersion: expect.stringMatching(/^\d{4}\.\d+\+[0-9a-f]{12}$/),
      inputHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      obligations: ['register-report'],
    });
    // What blocks a grant comes with it (the console shows this list): nothing is judged yet at intake.
    const open = e.judgments.filter((j: any) => j.applies && j.outcome !== 'pass').map((j: any) => j.criterionId);
    expect(open.length).toBeGreaterThan(0);
    expect(e.grantBlockers.filter((b: any) => b.kind === 'judgment').map((b: any) => b.ref)).toEqual(open);
    expect(e.grantBlockers.every((b: any) => b.reason.nb && b.reason.en)).toBe(true);
    // Lines: personnel 1 200 h x 850 = 1 020 000; consultancy 600 000; depreciation
    // 2 400 000 x 18/60 x 50 % = 360 000; rental 10 000 x 6 = 60 000; IPR 250 000.
    expect(e.costLines.map((l: any) => [l.outcome, l.eligibleNok])).toEqual([
      ['eligible', 1020000],
      ['eligible', 600000],
      ['eligible', 360000],
      ['eligible', 60000],
      ['eligible', 250000],
    ]);
    expect(e.totals).toMatchObject({
      appliedCostsNok: 2290000,
      eligibleCostsNok: 2290000,
      pendingAssessmentNok: 0,
      maxIntensityPct: 50,
      maxAidNok: 1145000, // 50 % of 2 290 000
      requestedAidNok: 1500000,
      requestedAidEur: 130434.78, // 1 500 000 / 11.5
      otherAidSameCostsNok: 200000,
    });
    expect(rule(e, 'INC-01').outcome).toBe('pass');
    expect(rule(e, 'SME-01')).toMatchObject({ outcome: 'pass', legalReference: expect.stringContaining('annex I') });
    expect(rule(e, 'LRG-01').outcome).toBe('na');
    // The request is above the maximum: at basis requested that is for the caseworker to assess (docs/rules.md section 5).
    expect(rule(e, 'INT-01')).toMatchObject({
      outcome: 'assess',
      legalReference: expect.stringContaining('29'),
      inputs: { amountBasis: 'requested', aidAmountNok: 1500000 },
    });
    expect(rule(e, 'INT-01').explanation.nb).toContain('1 145 000');
    expect(rule(e, 'INT-01').explanation.en).toContain('1,145,000');
    expect(rule(e, 'CUM-01').outcome).toBe('assess'); // 1 500 000 + 200 000 > 1 145 000
    expect(rule(e, 'THR-01').outcome).toBe('pass');
    expect(rule(e, 'TRN-01').outcome).toBe('pass');
    expect(e.judgments.filter((j: any) => j.applies).map((j: any) => j.outcome)).toEqual(Array(8).fill('assess'));

    // The queue shows the summary and can filter by it.
    const queue = await kari.get(`/api/applications?rule=INT-01:assess&q=${app.reference}`);
    expect(queue.body.items.map((i: any) => i.id)).toEqual([app.id]);
    expect(queue.body.items[0]).toMatchObject({ sizeClass: 'small', flags: { fail: 0, missing: 0, refer: 0 }, maxAidNok: 1145000 });
    const passing = await kari.get(`/api/applications?rule=INT-01:pass&q=${app.reference}`);
    expect(passing.body.items).toEqual([]);
    const failing = await kari.get(`/api/applications?rule=INT-01:fail&q=${app.reference}`);
    expect(failing.body.items).toEqual([]);
    const withFail = await kari.get(`/api/applications?flag=fail&q=${app.reference}`);
    expect(withFail.body.items).toHaveLength(0);
  });

  it('replays a stored evaluation identically, and lists the history', async () => {
    const { app, kari } = await takenCase();
    const ran = await kari.post(`/api/applications/${app.id}/evaluations`);
    expect(ran.status).toBe(201);
    const replay = await kari.post(`/api/applications/${app.id}/evaluations/${ran.body.id}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ identical: true, differences: [] });
    expect(replay.body.inputHash.stored).toBe(replay.body.inputHash.replayed);
    const stored = await kari.get(`/api/applications/${app.id}/evaluations/${ran.body.id}`);
    expect(stored.body.inputSnapshot.costLines[0].id).toBe(app.costLines[0].id);
    const history = await kari.get(`/api/applications/${app.id}/evaluations`);
    expect(history.body.map((h: any) => h.reason)).toEqual(['requested', 'intake']);
  });

  it('reports the differences when a stored result no longer matches its input', async () => {
    const { app, kari } = await takenCase();
    const [evaluation] = await ctx.db.query(`SELECT id FROM evaluation WHERE application_id = $1`, [app.id]);
    await ctx.db.query(`ALTER TABLE evaluation DISABLE TRIGGER tg_evaluation_append_only`);
    await ctx.db.query(`UPDATE evaluation SET result = jsonb_set(result, '{totals,maxAidNok}', '999') WHERE id = $1`, [evaluation.id]);
    await ctx.db.query(`ALTER TABLE evaluation ENABLE TRIGGER tg_evaluation_append_only`);
    const replay = await kari.post(`/api/applications/${app.id}/evaluations/${evaluation.id}/replay`);
    expect(replay.body.identical).toBe(false);
    expect(replay.body.differences).toEqual([{ path: 'totals.maxAidNok', before: 999, after: 1145000 }]);
  });
});

describe('what-if', () => {
  it('evaluates proposed amounts and rates without storing anything, and names what changes', async () => {
    const { app, kari } = await takenCase();
    const before = await ctx.db.query(`SELECT count(*)::int AS n FROM evaluation WHERE application_id = $1`, [app.id]);
    const res = await kari.post(`/api/applications/${app.id}/what-if`, {
      costLines: [{ id: app.costLines[0].id, approvedAmountNok: 720000 }],
      nokPerEur: 12,
    });
    expect(res.status).toBe(200);
    expect(res.body.evaluation.totals).toMatchObject({ eligibleCostsNok: 1990000, maxAidNok: 995000, requestedAidEur: 125000 });
    const paths = res.body.changes.map((c: any) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['totals.eligibleCostsNok', 'totals.maxAidNok', 'nokPerEur']));
    expect(res.body.changes.find((c: any) => c.path === 'totals.maxAidNok')).toEqual({
      path: 'totals.maxAidNok',
      before: 1145000,
      after: 995000,
    });
    const after = await ctx.db.query(`SELECT count(*)::int AS n FROM evaluation WHERE application_id = $1`, [app.id]);
    expect(after).toEqual(before);
    const bad = await kari.post(`/api/applications/${app.id}/what-if`, {
      costLines: [{ id: app.costLines[0].id, approvedAmountNok: 5_000_000 }],
    });
    expect(bad.status).toBe(400);
  });
});

describe('the caseworker’s assessment', () => {
  it('approves an amount on a line; totals follow, the claim stays, and it is audited', async () => {
    const { app, kari } = await takenCase();
    const line = app.costLines[0];
    const res = await kari.put(`/api/applications/${app.id}/cost-lines/${line.id}/assessment`, {
      approvedAmountNok: 800000,
      reason: 'Timeprisen er for høy for prosjektlederrollen',
      version: 2,
    });
    expect(res.status).toBe(200);
    expect(res.body.costLines[0]).toMatchObject({
      amountNok: 1020000,
      assessment: { approvedAmountNok: 800000, assessedBy: 'kari', assessedByName: 'Kari Nordmann' },
    });
    expect(res.body.version).toBe(3);
    const latest = await kari.get(`/api/applications/${app.id}/evaluations/latest`);
    expect(latest.body.costLines[0]).toMatchObject({ claimedNok: 1020000, eligibleNok: 800000, outcome: 'partly' });
    expect(latest.body.totals.maxAidNok).toBe(1035000);

    const stale = await kari.put(`/api/applications/${app.id}/cost-lines/${line.id}/assessment`, {
      approvedAmountNok: 700000,
      reason: 'x',
      version: 2,
    });
    expect(stale.status).toBe(409);
    const tooMuch = await kari.put(`/api/applications/${app.id}/cost-lines/${line.id}/assessment`, {
      approvedAmountNok: 1020001,
      reason: 'x',
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors[0].path).toBe('$.approvedAmountNok');
    const noReason = await kari.put(`/api/applications/${app.id}/cost-lines/${line.id}/assessment`, { approvedAmountNok: 5 });
    expect(noReason.status).toBe(400);
    const audit = await ctx.db.query(`SELECT data FROM audit_event WHERE application_id = $1 AND kind = 'assessment'`, [app.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].data).toMatchObject({ before: { approvedAmountNok: null }, after: { approvedAmountNok: 800000 } });
  });

  it('lets only the assigned caseworker change the assessment', async () => {
    const { app } = await takenCase();
    const ola = await as(ctx, 'ola');
    const res = await ola.put(`/api/applications/${app.id}/judgments/J-INNO-01`, { outcome: 'pass', rationale: 'ok' });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/kari/);
  });

  it('records judgments, keeps every revision, and the evaluation shows them', async () => {
    const { app, kari } = await takenCase();
    const first = await kari.put(`/api/applications/${app.id}/judgments/J-INNO-01`, {
      outcome: 'fail',
      rationale: 'Ser ut som enkel utskifting',
    });
    expect(first.status).toBe(200);
    const second = await kari.put(`/api/applications/${app.id}/judgments/J-INNO-01`, {
      outcome: 'pass',
      rationale: 'Etter samtale: ny sorteringsprosess',
      version: first.body.version,
    });
    expect(second.body).toMatchObject({ outcome: 'pass', revision: 2 });
    const history = await kari.get(`/api/applications/${app.id}/judgments/history`);
    expect(history.body.map((h: any) => [h.revision, h.outcome])).toEqual([
      [1, 'fail'],
      [2, 'pass'],
    ]);
    const latest = await kari.get(`/api/applications/${app.id}/evaluations/latest`);
    expect(latest.body.judgments.find((j: any) => j.criterionId === 'J-INNO-01')).toMatchObject({
      outcome: 'pass',
      rationale: 'Etter samtale: ny sorteringsprosess',
    });
    expect((await kari.put(`/api/applications/${app.id}/judgments/J-NOPE-99`, { outcome: 'pass', rationale: 'x' })).status).toBe(404);
    expect((await kari.put(`/api/applications/${app.id}/judgments/J-INNO-02`, { outcome: 'maybe', rationale: 'x' })).status).toBe(400);
  });

  it('corrects a fact beside the submitted value; the evaluation uses the correction', async () => {
    const { app, kari } = await takenCase();
    for (const [i, awu] of [
      [0, 260],
      [1, 255],
    ] as const) {
      const res = await kari.post(`/api/applications/${app.id}/corrections`, {
        path: `applicant.financials[${i}].annualWorkUnits`,
        value: awu,
        reason: 'Tallet i søknaden var årsverk for konsernet',
      });
      expect(res.status).toBe(201);
    }
    const view = await kari.get(`/api/applications/${app.id}`);
    expect(view.body.applicant.financials[0].annualWorkUnits).toBe(42); // as submitted
    expect(view.body.corrections[0]).toMatchObject({
      path: 'applicant.financials[0].annualWorkUnits',
      submittedValue: 42,
      correctedValue: 260,
      correctedBy: 'kari',
      correctedByName: 'Kari Nordmann',
    });
    const latest = await kari.get(`/api/applications/${app.id}/evaluations/latest`);
    expect(latest.body.sizeClass).toBe('large');
    expect(latest.body.totals.maxIntensityPct).toBe(15);
    expect(rule(latest.body, 'LRG-01').outcome).not.toBe('na');

    const bad = await kari.post(`/api/applications/${app.id}/corrections`, {
      path: 'applicant.orgNumber',
      value: '923609016',
      reason: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('$.path');
    const wrongType = await kari.post(`/api/applications/${app.id}/corrections`, {
      path: 'applicant.financials[0].turnoverNok',
      value: 'mye',
      reason: 'x',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0].path).toBe('$.value');
  });

  it('uses a per-case exchange rate with a reason, dated today when no date is given', async () => {
    const { app, kari } = await takenCase();
    const missingReason = await kari.put(`/api/applications/${app.id}/exchange-rate`, { nokPerEur: 11.8 });
    expect(missingReason.status).toBe(400);
    const res = await kari.put(`/api/applications/${app.id}/exchange-rate`, { nokPerEur: 12, reason: 'Norges Bank 2026-03-02' });
    expect(res.status).toBe(200);
    expect(res.body.exchangeRate).toEqual({ nokPerEur: 12, reason: 'Norges Bank 2026-03-02', date: osloToday() });
    const latest = await kari.get(`/api/applications/${app.id}/evaluations/latest`);
    expect(latest.body).toMatchObject({ nokPerEur: 12, fxSource: expect.stringContaining('Norges Bank 2026-03-02'), fxDate: osloToday() });
    expect(latest.body.totals.requestedAidEur).toBe(125000);
  });

  it('keeps the rate’s own date, on every later evaluation and in its replay', async () => {
    const { app, kari } = await takenCase();
    const res = await kari.put(`/api/applications/${app.id}/exchange-rate`, {
      nokPerEur: 11.4215,
      reason: 'Norges Bank, kurs 2 mars 2026',
      date: '2026-03-02',
    });
    expect(res.status).toBe(200);
    expect(res.body.exchangeRate).toEqual({ nokPerEur: 11.4215, reason: 'Norges Bank, kurs 2 mars 2026', date: '2026-03-02' });
    // A re-run another day still says the rate is of 2 March 2026.
    const rerun = await kari.post(`/api/applications/${app.id}/evaluations`);
    expect(rerun.body).toMatchObject({ nokPerEur: 11.4215, fxDate: '2026-03-02' });
    const [{ fx_date }] = await ctx.db.query(`SELECT fx_date FROM evaluation WHERE id = $1`, [rerun.body.id]);
    expect(fx_date).toBe('2026-03-02');
    const replay = await kari.post(`/api/applications/${app.id}/evaluations/${rerun.body.id}/replay`);
    expect(replay.body.identical).toBe(true);
    const [event] = await ctx.db.query(
      `SELECT data FROM audit_event WHERE application_id = $1 AND kind = 'exchange-rate' ORDER BY stream_seq DESC LIMIT 1`,
      [app.id],
    );
    expect(event.data).toMatchObject({ before: { nokPerEur: null, date: null }, after: { nokPerEur: 11.4215, date: '2026-03-02' } });

    // Back to the default rate: the default's own date again.
    const reset = await kari.put(`/api/applications/${app.id}/exchange-rate`, { nokPerEur: null });
    expect(reset.body.exchangeRate).toBeNull();
    const latest = await kari.get(`/api/applications/${app.id}/evaluations/latest`);
    expect(latest.body).toMatchObject({ nokPerEur: ctx.config.nokPerEur, fxDate: ctx.config.nokPerEurDate });
  });

  it('refuses a rate dated in the future, a date that is not one, and a date without a rate', async () => {
    const { app, kari } = await takenCase();
    const tomorrow = new Date(`${osloToday()}T12:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    for (const date of [tomorrow.toISOString().slice(0, 10), '2026-02-30', '02.03.2026', '2026-03-02T00:00:00Z']) {
      const bad = await kari.put(`/api/applications/${app.id}/exchange-rate`, { nokPerEur: 11.8, reason: 'Norges Bank', date });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('$.date');
    }
    const noRate = await kari.put(`/api/applications/${app.id}/exchange-rate`, { nokPerEur: null, date: '2026-03-02' });
    expect(noRate.status).toBe(400);
    expect(noRate.body.errors[0].path).toBe('$.date');
    const [{ date }] = await ctx.db.query(`SELECT nok_per_eur_override_date AS date FROM application WHERE id = $1`, [app.id]);
    expect(date).toBeNull();
  });
});
