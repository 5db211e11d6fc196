import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

/** The docs/intake.md example made grantable (as in workflow.spec.ts). */
function grantable(d: any) {
  d.costLines[1].amountNok = 1000000;
  d.aid.requestedAmountNok = 1300000;
  d.otherPublicAid = [];
}

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];

describe('four-eyes: the approver took no part in the case', () => {
  it('refuses an approver who judged and recommended the case, after a return, a reassignment and a colleague recommending it again', async () => {
    const app = await newApplication(ctx, grantable);
    const [ingrid, kari, leder] = [await as(ctx, 'ingrid'), await as(ctx, 'kari'), await as(ctx, 'leder')];
    // Ingrid (caseworker and approver) takes the case, judges it and recommends a grant.
    expect((await ingrid.post(`/api/applications/${app.id}/assign`, { assignee: 'ingrid' })).status).toBe(200);
    expect((await ingrid.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
    for (const c of JUDGMENTS) {
      expect(
        (await ingrid.put(`/api/applications/${app.id}/judgments/${c}`, { outcome: 'pass', rationale: `${c} er oppfylt.` })).status,
      ).toBe(200);
    }
    const grant = {
      outcome: 'grant',
      amountNok: 1200000,
      justification: 'Et tydelig innovasjonsløft.',
      reductionReason: 'Bedriften kan finansiere resten selv.',
      conditions: [{ code: 'REPORT-FINAL' }],
    };
    expect((await ingrid.post(`/api/applications/${app.id}/recommendation`, grant)).status).toBe(200);
    // The manager returns it and gives it to Kari, who recommends the same, unchanged.
    const returned = await leder.post(`/api/applications/${app.id}/decision`, {
      action: 'return',
      reasonCode: 'other',
      comment: 'Ny saksbehandler.',
    });
    expect(returned.status).toBe(200);
    expect((await leder.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
    const again = await kari.post(`/api/applications/${app.id}/recommendation`, grant);
    expect(again.status).toBe(200);

    // Ingrid is an approver, did not make this recommendation, but judged the case: she may not decide it.
    const asIngrid = await ingrid.get(`/api/applications/${app.id}`);
    expect(asIngrid.body.allowedActions).not.toContain('decide');
    const refused = await ingrid.post(`/api/applications/${app.id}/decision`, { action: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('urn:tilsagn:problem:four-eyes');
    const [{ status }] = await ctx.db.query(`SELECT status FROM application WHERE id = $1`, [app.id]);
    expect(status).toBe('recommended');

    // The database refuses the same: a decision row naming Ingrid as the decider is refused, whatever the code.
    const [rec] = await ctx.db.query(
      `SELECT id, recommended_by, evaluation_id FROM recommendation WHERE application_id = $1 AND returned_at IS NULL`,
      [app.id],
    );
    await expect(
      ctx.db.query(
        `INSERT INTO decision (application_id, recommendation_id, recommended_by, decided_by, decision_date, outcome, amount_nok,
            eligible_costs_nok, legal_basis, conditions, grounds, evaluation_id, input_hash, rulebook_version, parameter_set, appeal,
            register_obligation, record)
         SELECT $1, $2, $3, u.id, current_date, 'granted', 1, 1, 'GBER art. 29', '[]', '[]', $4, 'x', 'x', 'x', '{}', false, '{}'
           FROM app_user u WHERE u.username = 'ingrid'`,
        [app.id, rec.id, rec.recommended_by, rec.evaluation_id],
      ),
    ).rejects.toThrow(/four-eyes: the approver took part/);

    // Leder returned it once but assessed nothing: she may decide.
    expect((await leder.get(`/api/applications/${app.id}`)).body.allowedActions).toContain('decide');
    const approved = await leder.post(`/api/applications/${app.id}/decision`, { action: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('decided');
  });
});
