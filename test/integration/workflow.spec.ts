import { createHash } from 'node:crypto';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';
import { extractPdfText } from '../support/pdf';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];

/** The docs/intake.md example made grantable: more consultancy, a request under the maximum, no other aid on the same costs. */
function grantable(d: any) {
  d.costLines[1].amountNok = 1000000; // eligible 2 690 000, maximum aid 1 345 000
  d.aid.requestedAmountNok = 1300000;
  d.otherPublicAid = [];
}

async function caseInReview(username = 'kari') {
  const app = await newApplication(ctx, grantable);
  const user = await as(ctx, username);
  expect((await user.post(`/api/applications/${app.id}/assign`, { assignee: username })).status).toBe(200);
  const started = await user.post(`/api/applications/${app.id}/status`, { status: 'in_review' });
  expect(started.status).toBe(200);
  return { app, user, version: started.body.version as number };
}

async function judgeAll(user: Awaited<ReturnType<typeof as>>, id: string) {
  let version = 0;
  for (const criterion of JUDGMENTS) {
    const res = await user.put(`/api/applications/${id}/judgments/${criterion}`, {
      outcome: 'pass',
      rationale: `Vurdert: ${criterion} er oppfylt.`,
    });
    expect(res.status).toBe(200);
    version = res.body.version;
  }
  return version;
}

async function setStatus(id: string, status: string, recommender?: string) {
  await ctx.db.query(`UPDATE application SET status = $2 WHERE id = $1`, [id, status]);
  if (status === 'recommended' && recommender) {
    const [{ id: evaluationId }] = await ctx.db.query(`SELECT latest_evaluation_id AS id FROM application WHERE id = $1`, [id]);
    await ctx.db.query(
      `INSERT INTO recommendation (application_id, outcome, justification, evaluation_id, recommended_by)
       SELECT $1, 'reject', 'test', $2, id FROM app_user WHERE username = $3`,
      [id, evaluationId, recommender],
    );
  }
}

describe('status transitions', () => {
  const statuses = ['received', 'in_review', 'awaiting_applicant', 'recommended', 'decided', 'withdrawn'];
  const allowed: Record<string, string[]> = {
    received: ['in_review', 'withdrawn'],
    in_review: ['awaiting_applicant', 'withdrawn'],
    awaiting_applicant: ['in_review', 'withdrawn'],
    recommended: ['withdrawn'],
    decided: [],
    withdrawn: [],
  };
  const pairs = statuses.flatMap((from) => statuses.filter((to) => to !== from).map((to) => [from, to] as const));

  it.each(pairs)('%s → %s through POST /status', async (from, to) => {
    const app = await newApplication(ctx);
    const kari = await as(ctx, 'kari');
    await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' });
    await setStatus(app.id, from, 'ola');
    const body = { status: to, message: 'Send årsregnskapet for 2025', replyBy: '2099-01-01', comment: 'Søkeren trakk søknaden.' };
    // A recommended case waits for an approver: only a manager withdraws it.
    const byManager = from === 'recommended' && to === 'withdrawn';
    if (byManager) expect((await kari.post(`/api/applications/${app.id}/status`, body)).status).toBe(403);
    const res = await (byManager ? await as(ctx, 'leder') : kari).post(`/api/applications/${app.id}/status`, body);
    if (allowed[from].includes(to)) {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(to);
      const [event] = await ctx.db.query(
        `SELECT data FROM audit_event WHERE application_id = $1 AND kind = 'status' ORDER BY stream_seq DESC LIMIT 1`,
        [app.id],
      );
      expect(event.data).toMatchObject({ before: { status: from }, after: { status: to } });
    } else {
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body).toMatchObject({ currentStatus: from, requestedStatus: to });
    }
  });

  it('lets only the assigned caseworker move the case, and a manager withdraw it', async () => {
    const app = await newApplication(ctx);
    const kari = await as(ctx, 'kari');
    const ola = await as(ctx, 'ola');
    const leder = await as(ctx, 'leder');
    await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' });
    expect((await ola.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(403);
    expect((await leder.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(403);
    const withdrawn = await leder.post(`/api/applications/${app.id}/status`, { status: 'withdrawn', comment: 'Søker trakk søknaden' });
    expect(withdrawn.status).toBe(200);
  });

  it('refuses a withdrawal without a reason, naming $.comment, and leaves the case as it was', async () => {
    const { app, user } = await caseInReview();
    const before = (await user.get(`/api/applications/${app.id}`)).body;
    for (const body of [{ status: 'withdrawn' }, { status: 'withdrawn', comment: '   ' }]) {
      const res = await user.post(`/api/applications/${app.id}/status`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('$.comment');
    }
    const after = (await user.get(`/api/applications/${app.id}`)).body;
    expect(after).toMatchObject({ status: 'in_review', version: before.version });
  });

  it('refuses to run the rulebook again on a decided or withdrawn case: 409, and no evaluation is stored', async () => {
    for (const status of ['decided', 'withdrawn']) {
      const { app, user } = await caseInReview();
      await setStatus(app.id, status);
      const count = async () =>
        Number((await ctx.db.query(`SELECT count(*) AS n FROM evaluation WHERE application_id = $1`, [app.id]))[0].n);
      const stored = await count();
      const res = await user.post(`/api/applications/${app.id}/evaluations`, {});
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(await count()).toBe(stored);
    }
  });

  it('pauses the SLA clock while the applicant has the case', async () => {
    const { app, user } = await caseInReview();
    const [{ sla_due_on: before }] = await ctx.db.query(`SELECT sla_due_on FROM application WHERE id = $1`, [app.id]);
    const noMessage = await user.post(`/api/applications/${app.id}/status`, { status: 'awaiting_applicant', replyBy: '2099-01-01' });
    expect(noMessage.status).toBe(400);
    expect(noMessage.body.errors[0].path).toBe('$.message');
    const asked = await user.post(`/api/applications/${app.id}/status`, {
      status: 'awaiting_applicant',
      message: 'Send bekreftelse på egenkapital',
      replyBy: '2099-01-01',
    });
    expect(asked.status).toBe(200);
    expect(asked.body.slaDaysLeft).toBeNull();
    const mine = await user.get(`/api/applications?assignee=me&status=in_review`);
    expect(mine.body.items.map((i: any) => i.id)).not.toContain(app.id);
    // The request went out on Monday 2 November 2026: five business days before Monday 9 November.
    await ctx.db.query(
      `UPDATE information_request SET requested_at = now() - ($2::date - '2026-11-02'::date) * interval '1 day'
                         WHERE application_id = $1`,
      [app.id, new Date().toISOString().slice(0, 10)],
    );
    const resumed = await user.post(`/api/applications/${app.id}/status`, { status: 'in_review', comment: 'Dokumentasjon mottatt' });
    expect(resumed.status).toBe(200);
    const [{ paused }] = await ctx.db.query(`SELECT paused_business_days AS paused FROM information_request WHERE application_id = $1`, [
      app.id,
    ]);
    expect(paused).toBeGreaterThanOrEqual(15);
    const [{ sla_due_on: after }] = await ctx.db.query(`SELECT sla_due_on FROM application WHERE id = $1`, [app.id]);
    const { businessDaysBetween } = await import('../../backend/src/sla/business-days');
    expect(businessDaysBetween(before, after)).toBe(paused);
  });
});

describe('from recommendation to decision', () => {
  it('walks the whole path: judge, recommend, return, resubmit, approve by another person, letters, timeline, audit', async () => {
    const { app, user: kari } = await caseInReview();
    const early = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1200000,
      justification: 'Godt prosjekt',
    });
    expect(early.status).toBe(409);
    expect(early.body.blockers.map((b: any) => b.ref)).toEqual(expect.arrayContaining(['J-INNO-01']));

    await judgeAll(kari, app.id);
    const tooMuch = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1345001,
      justification: 'x',
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.errors[0].path).toBe('$.amountNok');

    const recommended = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1200000,
      justification: 'Prosjektet er en tydelig prosessinnovasjon og et betydelig løft for bedriften.',
      reductionReason: 'Bedriften kan finansiere resten selv.',
      conditions: [{ code: 'REPORT-FINAL' }, { text: 'Prosjektet skal presenteres for styret.' }],
    });
    expect(recommended.status).toBe(200);
    expect(recommended.body.status).toBe('recommended');
    expect((await kari.put(`/api/applications/${app.id}/judgments/J-INNO-01`, { outcome: 'pass', rationale: 'x' })).status).toBe(409);

    const kariDecides = await kari.post(`/api/applications/${app.id}/decision`, { action: 'approve' });
    expect(kariDecides.status).toBe(403);

    const ingrid = await as(ctx, 'ingrid');
    const viewForIngrid = await ingrid.get(`/api/applications/${app.id}`);
    expect(viewForIngrid.body.allowedActions).toContain('decide');
    const returned = await ingrid.post(`/api/applications/${app.id}/decision`, {
      action: 'return',
      reasonCode: 'missing-justification',
      comment: 'Begrunn J-NEED-01 bedre.',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('in_review');

    const revised = await kari.put(`/api/applications/${app.id}/judgments/J-NEED-01`, {
      outcome: 'pass',
      rationale: 'Uten støtte ville prosjektet blitt utsatt i to år; beløpet er under maksimum.',
    });
    expect(revised.status).toBe(200);
    await kari.post(`/api/applications/${app.id}/notes`, {
      body: 'Begrunnelsen er utdypet etter retur.',
      anchor: { type: 'rule', ref: 'J-NEED-01' },
    });
    const changes = await ingrid.get(`/api/applications/${app.id}/changes-since-return`);
    expect(changes.body.returned).toMatchObject({ by: 'ingrid', reasonCode: 'missing-justification' });
    expect(changes.body.changes.map((c: any) => [c.kind, c.ref])).toEqual([
      ['judgment', 'J-NEED-01'],
      ['note', expect.any(String)],
    ]);
    expect(changes.body.changes[0].after.rationale).toMatch(/to år/);

    const again = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1200000,
      justification: 'Se utdypet vurdering av J-NEED-01.',
      conditions: [{ code: 'REPORT-FINAL' }],
      reductionReason: 'Bedriften kan finansiere resten selv.',
    });
    expect(again.status).toBe(200);

    const leder = await as(ctx, 'leder');
    const approved = await leder.post(`/api/applications/${app.id}/decision`, { action: 'approve', version: again.body.version });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'decided', decision: { outcome: 'granted' } });

    const decision = await kari.get(`/api/applications/${app.id}/decision`);
    expect(decision.body).toMatchObject({
      outcome: 'granted',
      amountNok: 1200000,
      eligibleCostsNok: 2690000,
      intensityPct: 44.61, // 1 200 000 / 2 690 000
      maxIntensityPct: 50,
      legalBasis: 'GBER art. 29',
      recommendedBy: 'kari',
      recommendedByName: 'Kari Nordmann',
      decidedBy: 'leder',
      decidedByName: 'Lene Leder',
      registerObligation: true,
      appeal: { weeks: 3 },
      evaluation: { inputHash: expect.stringMatching(/^[0-9a-f]{64}$/), parameterSet: 'gber-2023' },
    });
    const [stored] = await ctx.db.query(`SELECT input_hash, reason FROM evaluation WHERE id = $1`, [decision.body.evaluation.id]);
    expect(stored).toEqual({ input_hash: decision.body.evaluation.inputHash, reason: 'decision' });

    // The case is read-only now.
    expect(
      (await kari.put(`/api/applications/${app.id}/cost-lines/${app.costLines[0].id}/assessment`, { approvedAmountNok: 1, reason: 'x' }))
        .status,
    ).toBe(409);
    expect((await kari.post(`/api/applications/${app.id}/notes`, { body: 'etterpå', anchor: { type: 'application' } })).status).toBe(409);
    expect((await leder.post(`/api/applications/${app.id}/assign`, { assignee: 'ola' })).status).toBe(409);
    expect((await kari.post(`/api/applications/${app.id}/status`, { status: 'withdrawn' })).status).toBe(409);

    for (const lang of ['nb', 'en']) {
      const first = await kari.get(`/api/applications/${app.id}/decision/letter.pdf?lang=${lang}`).buffer(true).parse(binary);
      const second = await ingrid.get(`/api/applications/${app.id}/decision/letter.pdf?lang=${lang}`).buffer(true).parse(binary);
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe('application/pdf');
      expect(first.body.subarray(0, 5).toString()).toBe('%PDF-');
      expect(Buffer.compare(first.body, second.body)).toBe(0);
      expect(first.headers.etag).toBe(`"${createHash('sha256').update(first.body).digest('hex')}"`);
      const again = await kari.get(`/api/applications/${app.id}/decision/letter.pdf?lang=${lang}`).set('if-none-match', first.headers.etag);
      expect(again.status).toBe(304);
      expect(again.headers.etag).toBe(first.headers.etag);
      const changed = await kari
        .get(`/api/applications/${app.id}/decision/letter.pdf?lang=${lang}`)
        .set('if-none-match', '"something-else"');
      expect(changed.status).toBe(200);
      expect(decision.body.letters[lang]).toBe(createHash('sha256').update(first.body).digest('hex'));
      const text = (await extractPdfText(first.body)).replace(/\s+/g, ' ');
      expect(text).toContain(app.reference);
      expect(text).toContain('Fjordplast AS');
      expect(text).toContain('GBER');
      expect(text).toMatch(lang === 'nb' ? /1 200 000 kr/ : /NOK 1,200,000/);
    }

    const timeline = await leder.get(`/api/applications/${app.id}/timeline`);
    const kinds = timeline.body.map((e: any) => e.kind);
    for (const kind of [
      'intake',
      'assignment',
      'evaluation',
      'status',
      'judgment',
      'recommendation',
      'return',
      'note',
      'decision',
      'letter',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(kinds[0]).toBe('intake');
    expect(timeline.body.every((e: any) => e.summary.nb && e.summary.en)).toBe(true);
    const byKari = await leder.get(`/api/applications/${app.id}/timeline?actor=kari&kind=judgment`);
    expect(byKari.body.length).toBe(JUDGMENTS.length + 1);
    // People are named as people, the portal by its name.
    expect(byKari.body.every((e: any) => e.actor === 'kari' && e.actorName === 'Kari Nordmann')).toBe(true);
    expect(timeline.body[0]).toMatchObject({ kind: 'intake', actor: 'portal', actorName: 'Søknadsportalen' });
    const viewed = await leder.get(`/api/applications/${app.id}`);
    expect(viewed.body.judgments.every((j: any) => j.recordedByName === 'Kari Nordmann')).toBe(true);
    const recommendations = await leder.get(`/api/applications/${app.id}/recommendations`);
    expect(recommendations.body[0]).toMatchObject({ recommendedByName: 'Kari Nordmann', returned: { byName: 'Ingrid Berg' } });

    const reports = await leder.get('/api/register-reports?status=due&limit=500');
    const report = reports.body.items.find((r: any) => r.applicationId === app.id);
    expect(report).toMatchObject({ amountNok: 1200000, amountEur: 104347.83, applicant: { orgNumber: '923609016' } });
    const due = new Date(`${decision.body.decisionDate}T00:00:00Z`);
    due.setUTCMonth(due.getUTCMonth() + 6);
    expect(report.dueOn).toBe(due.toISOString().slice(0, 10));
    const marked = await leder.post(`/api/register-reports/${report.decisionId}/reported`, { registerReference: 'RSS-2026-1234' });
    expect(marked.body).toMatchObject({ registerReference: 'RSS-2026-1234', reportedBy: 'leder' });
    const still = await leder.get('/api/register-reports?status=due&limit=500');
    expect(still.body.items.map((r: any) => r.applicationId)).not.toContain(app.id);

    // This case's log is as the application wrote it (other tests here change cases in SQL, which the log reports).
    const verify = await leder.get(`/api/audit/verify?applicationId=${app.id}`);
    expect(verify.body).toMatchObject({ ok: true, brokenStreams: 0 });
  });

  it('pages the register reports in due-date order, with the total on the first page, and names a bad limit or cursor', async () => {
    const leder = await as(ctx, 'leder');
    for (let i = 0; i < 3; i++) {
      const { app, user } = await caseInReview();
      await judgeAll(user, app.id);
      const rec = await user.post(`/api/applications/${app.id}/recommendation`, {
        outcome: 'grant',
        amountNok: 1200000,
        justification: 'Tydelig prosessinnovasjon.',
        reductionReason: 'Bedriften kan finansiere resten selv.',
      });
      expect(rec.status).toBe(200);
      expect((await leder.post(`/api/applications/${app.id}/decision`, { action: 'approve' })).status).toBe(200);
    }
    const whole = await leder.get('/api/register-reports?status=due&limit=500');
    expect(whole.body.total).toBe(whole.body.items.length);
    expect(whole.body.items.length).toBeGreaterThanOrEqual(3);
    expect(whole.body.nextCursor).toBeNull();

    const paged: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await leder.get(`/api/register-reports?status=due&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(1);
      // Only the first page counts them.
      expect(page.body.total).toBe(cursor ? undefined : whole.body.total);
      paged.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged.map((r) => r.decisionId)).toEqual(whole.body.items.map((r: any) => r.decisionId));
    const order = paged.map((r) => `${r.dueOn} ${r.decisionId}`);
    expect(order).toEqual([...order].sort());

    for (const [qs, path] of [
      ['limit=0', '$.limit'],
      ['limit=501', '$.limit'],
      ['limit=0x10', '$.limit'],
      ['cursor=nonsense', '$.cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['dueOn', 'not a date', paged[0].decisionId])).toString('base64url')}`, '$.cursor'],
    ]) {
      const bad = await leder.get(`/api/register-reports?${qs}`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: any) => e.path)).toContain(path);
    }
  });

  it('recommends a rejection naming its grounds', async () => {
    const { app, user: kari } = await caseInReview();
    const noGrounds = await kari.post(`/api/applications/${app.id}/recommendation`, { outcome: 'reject', justification: 'Nei' });
    expect(noGrounds.status).toBe(400);
    expect(noGrounds.body.errors[0].path).toBe('$.grounds');
    const unknown = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'reject',
      justification: 'Nei',
      grounds: ['XYZ-01'],
    });
    expect(unknown.body.errors[0].path).toBe('$.grounds[0]');
    await kari.put(`/api/applications/${app.id}/judgments/J-INNO-03`, {
      outcome: 'fail',
      rationale: 'Innføring av ERP uten prosessinnovasjon.',
    });
    const res = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'reject',
      justification: 'Prosjektet er på unntakslisten.',
      grounds: ['J-INNO-03'],
    });
    expect(res.status).toBe(200);
    const ingrid = await as(ctx, 'ingrid');
    const decided = await ingrid.post(`/api/applications/${app.id}/decision`, { action: 'approve' });
    expect(decided.body.decision).toEqual({ outcome: 'rejected' });
    const letter = await ingrid.get(`/api/applications/${app.id}/decision/letter.pdf?lang=en`).buffer(true).parse(binary);
    const text = (await extractPdfText(letter.body)).replace(/\s+/g, ' ');
    // The ground in words for the applicant, never its ID.
    expect(text).toContain('What the scheme does not support');
    expect(text).not.toContain('J-INNO-03');
    const reports = await (await as(ctx, 'leder')).get('/api/register-reports?status=all&limit=500');
    expect(reports.body.items.map((r: any) => r.applicationId)).not.toContain(app.id);
  });
});

describe('four-eyes and concurrency', () => {
  async function recommendedBy(username: string) {
    const { app, user } = await caseInReview(username);
    await judgeAll(user, app.id);
    const res = await user.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1000000,
      justification: 'Godt',
      reductionReason: 'Lavere behov.',
    });
    expect(res.status).toBe(200);
    return { app, version: res.body.version as number };
  }

  it('refuses the recommender as approver, in the service and in the database', async () => {
    const { app } = await recommendedBy('ingrid');
    const ingrid = await as(ctx, 'ingrid');
    const res = await ingrid.post(`/api/applications/${app.id}/decision`, { action: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('urn:tilsagn:problem:four-eyes');
    const [rec] = await ctx.db.query(`SELECT id, recommended_by, evaluation_id FROM recommendation WHERE application_id = $1`, [app.id]);
    const insert = (decidedBy: string, recommendedByUser: string) =>
      ctx.db.query(
        `INSERT INTO decision (application_id, recommendation_id, recommended_by, decided_by, decision_date, outcome, amount_nok,
            eligible_costs_nok, legal_basis, conditions, grounds, evaluation_id, input_hash, rulebook_version, parameter_set, appeal,
            register_obligation, record)
         VALUES ($1, $2, $3, $4, current_date, 'granted', 1, 1, 'GBER art. 29', '[]', '[]', $5, 'x', 'x', 'x', '{}', false, '{}')`,
        [app.id, rec.id, recommendedByUser, decidedBy, rec.evaluation_id],
      );
    await expect(insert(rec.recommended_by, rec.recommended_by)).rejects.toThrow(/ck_decision_four_eyes/);
    // Nor can a direct insert pretend someone else recommended it.
    const [leder] = await ctx.db.query(`SELECT id FROM app_user WHERE username = 'leder'`);
    await expect(insert(rec.recommended_by, leder.id)).rejects.toThrow(/fk_decision_recommendation/);
  });

  it('gives exactly one decision for 50 concurrent approvals, and no 5xx', async () => {
    const { app, version } = await recommendedBy('kari');
    const approvers = ['leder', 'ingrid'];
    const responses = await Promise.all(
      Array.from({ length: 50 }, async (_, i) =>
        (await as(ctx, approvers[i % 2])).post(`/api/applications/${app.id}/decision`, { action: 'approve', version }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM decision WHERE application_id = $1`, [app.id]);
    expect(n).toBe(1);
    const [{ letters }] = await ctx.db.query(
      `SELECT count(*)::int AS letters FROM decision_letter l JOIN decision d ON d.id = l.decision_id WHERE d.application_id = $1`,
      [app.id],
    );
    expect(letters).toBe(2);
    // 50 requests render and lock at once: on a loaded two-core machine this alone has taken 86 s.
  }, 180_000);

  it('gives one success and one 409 for two edits with the same version', async () => {
    const { app, user, version } = await caseInReview();
    const [a, b] = await Promise.all([
      user.put(`/api/applications/${app.id}/judgments/J-INNO-01`, { outcome: 'pass', rationale: 'A', version }),
      user.put(`/api/applications/${app.id}/judgments/J-INNO-01`, { outcome: 'fail', rationale: 'B', version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.type).toBe('urn:tilsagn:problem:stale-version');
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM judgment_revision WHERE application_id = $1`, [app.id]);
    expect(n).toBe(1);
  });

  it('leaves nothing behind when a decision fails midway', async () => {
    const { app, version } = await recommendedBy('kari');
    const [{ events: eventsBefore }] = await ctx.db.query(`SELECT count(*)::int AS events FROM audit_event WHERE application_id = $1`, [
      app.id,
    ]);
    await ctx.db.query(`CREATE FUNCTION fail_letter() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.lang = 'en' THEN RAISE EXCEPTION 'storage full'; END IF; RETURN NEW; END $$`);
    await ctx.db.query(`CREATE TRIGGER fail_letter BEFORE INSERT ON decision_letter FOR EACH ROW EXECUTE FUNCTION fail_letter()`);
    try {
      const res = await (await as(ctx, 'leder')).post(`/api/applications/${app.id}/decision`, { action: 'approve', version });
      expect(res.status).toBe(500);
    } finally {
      await ctx.db.query(`DROP TRIGGER fail_letter ON decision_letter; DROP FUNCTION fail_letter()`);
    }
    const [state] = await ctx.db.query(
      `SELECT a.status, a.version, a.decision_outcome,
              (SELECT count(*)::int FROM decision d WHERE d.application_id = a.id) AS decisions,
              (SELECT count(*)::int FROM evaluation e WHERE e.application_id = a.id AND e.reason = 'decision') AS evaluations,
              (SELECT count(*)::int FROM audit_event e WHERE e.application_id = a.id) AS events
         FROM application a WHERE a.id = $1`,
      [app.id],
    );
    expect(state).toEqual({ status: 'recommended', version, decision_outcome: null, decisions: 0, evaluations: 0, events: eventsBefore });
    const retry = await (await as(ctx, 'leder')).post(`/api/applications/${app.id}/decision`, { action: 'approve', version });
    expect(retry.status).toBe(200);
  });
});

describe('notes', () => {
  it('anchors notes, keeps edits, never deletes, filters by anchor and author', async () => {
    const { app, user: kari } = await caseInReview();
    const leder = await as(ctx, 'leder');
    const onCase = await kari.post(`/api/applications/${app.id}/notes`, { body: 'Ringte daglig leder.', anchor: { type: 'application' } });
    expect(onCase.status).toBe(201);
    const onLine = await kari.post(`/api/applications/${app.id}/notes`, {
      body: 'Timeprisen virker høy.',
      anchor: { type: 'costLine', ref: app.costLines[0].id },
    });
    const onRule = await leder.post(`/api/applications/${app.id}/notes`, {
      body: 'Sjekk konsernforhold.',
      anchor: { type: 'rule', ref: 'SME-01' },
    });
    expect([onLine.status, onRule.status]).toEqual([201, 201]);
    expect((await kari.post(`/api/applications/${app.id}/notes`, { body: 'x', anchor: { type: 'costLine', ref: 'nope' } })).status).toBe(
      400,
    );
    expect((await kari.post(`/api/applications/${app.id}/notes`, { body: 'x', anchor: { type: 'rule', ref: 'drop table' } })).status).toBe(
      400,
    );

    const edited = await kari.put(`/api/applications/${app.id}/notes/${onLine.body.id}`, {
      body: 'Timeprisen er 850 kr; ok for rollen.',
      version: 1,
    });
    expect(edited.body).toMatchObject({ version: 2, editedAt: expect.any(String) });
    expect((await kari.put(`/api/applications/${app.id}/notes/${onLine.body.id}`, { body: 'stale', version: 1 })).status).toBe(409);
    expect((await leder.put(`/api/applications/${app.id}/notes/${onLine.body.id}`, { body: 'not mine' })).status).toBe(403);
    const history = await kari.get(`/api/applications/${app.id}/notes/${onLine.body.id}/history`);
    expect(history.body.map((h: any) => h.body)).toEqual(['Timeprisen virker høy.', 'Timeprisen er 850 kr; ok for rollen.']);

    const inError = await kari.post(`/api/applications/${app.id}/notes/${onCase.body.id}/entered-in-error`, { reason: 'Feil sak' });
    expect(inError.body).toMatchObject({ enteredInError: true, errorReason: 'Feil sak' });
    await expect(ctx.db.query(`DELETE FROM note WHERE id = $1`, [onCase.body.id])).rejects.toThrow(/never deleted/);

    const all = await kari.get(`/api/applications/${app.id}/notes`);
    expect(all.body).toHaveLength(3);
    const lineNotes = await kari.get(`/api/applications/${app.id}/notes?anchorType=costLine&anchorRef=${app.costLines[0].id}`);
    expect(lineNotes.body.map((n: any) => n.id)).toEqual([onLine.body.id]);
    const byLeder = await kari.get(`/api/applications/${app.id}/notes?author=leder`);
    expect(byLeder.body.map((n: any) => n.id)).toEqual([onRule.body.id]);
  });
});

describe('the manager’s overview', () => {
  it('counts cases per status, ageing and workload', async () => {
    const leder = await as(ctx, 'leder');
    const res = await leder.get('/api/stats/overview');
    expect(res.status).toBe(200);
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM application`);
    expect(Object.values(res.body.countsByStatus).reduce((a: number, b: any) => a + b, 0)).toBe(n);
    expect(res.body.ageing.map((a: any) => a.bucket)).toEqual(['0-10', '11-20', '21-40', '>40']);
    expect(res.body.workload.map((w: any) => w.username)).toEqual(expect.arrayContaining(['kari', 'ola', 'ingrid']));
    expect(res.body.grantedThisYear.count).toBeGreaterThanOrEqual(1);
    expect((await (await as(ctx, 'kari')).get('/api/stats/overview')).status).toBe(403);
  });

  it('puts new cases in the right age bucket and on the right caseworker, overdue or not', async () => {
    const leder = await as(ctx, 'leder');
    const before = (await leder.get('/api/stats/overview')).body;
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    // Ages far from the bucket edges (10, 20, 40 days); only the 100-day-old one is past its
    // 40 business days, whatever holidays fall in between.
    const cases = [];
    for (const age of [5, 15, 30, 100]) cases.push(await newApplication(ctx, (doc) => (doc.receivedAt = daysAgo(age))));
    for (const c of cases.slice(2)) expect((await leder.post(`/api/applications/${c.id}/assign`, { assignee: 'ola' })).status).toBe(200);
    const after = (await leder.get('/api/stats/overview')).body;
    const bucket = (o: any, b: string) => o.ageing.find((a: any) => a.bucket === b).count;
    expect(['0-10', '11-20', '21-40', '>40'].map((b) => bucket(after, b) - bucket(before, b))).toEqual([1, 1, 1, 1]);
    expect(after.countsByStatus.received - before.countsByStatus.received).toBe(4);
    expect(after.overdue - before.overdue).toBe(1);
    const ola = (o: any) => o.workload.find((w: any) => w.username === 'ola');
    expect(ola(after).open - ola(before).open).toBe(2);
    expect(ola(after).overdue - ola(before).overdue).toBe(1);
    expect(ola(after).displayName).toBeTruthy();
  });
});

function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
