import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { AmountBasis1764250000000 } from '../../migrations/1764250000000-AmountBasis';
import { ExchangeRateDate1764260000000 } from '../../migrations/1764260000000-ExchangeRateDate';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

/**
 * docs/rules.md section 5: the amount rules at the requested, recommended and granted amount. The
 * docs/intake.md example asks for NOK 1 500 000; its eligible costs of 2 290 000 allow at most
 * 1 145 000 (50 %), and 200 000 of other aid on the same costs leave 945 000 for a grant.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];
const rule = (evaluation: any, id: string) => evaluation.rules.find((r: any) => r.ruleId === id);
/** A text as a caseworker reads it: no-break spaces as spaces. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

/** A case taken into review by kari with every judgment recorded as passed. */
async function judgedCase(change?: (d: any) => void) {
  const app = await newApplication(ctx, change);
  const kari = await as(ctx, 'kari');
  expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
  expect((await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
  for (const criterion of JUDGMENTS) {
    const res = await kari.put(`/api/applications/${app.id}/judgments/${criterion}`, {
      outcome: 'pass',
      rationale: `${criterion} er oppfylt.`,
    });
    expect(res.status).toBe(200);
  }
  return { app, kari };
}

const noOtherAid = (d: any) => (d.otherPublicAid = []);

async function storedEvaluation(id: string) {
  const [row] = await ctx.db.query(`SELECT reason, amount_basis, aid_amount_nok, input_hash FROM evaluation WHERE id = $1`, [id]);
  return row;
}

describe('a case that asked for more than its maximum', () => {
  it('is recommended and granted at the maximum; one krone above is refused naming INT-01', async () => {
    const { app, kari } = await judgedCase(noOtherAid);

    // At intake the request of 1 500 000 is above the maximum: to assess, with the most that can be granted.
    const intake = (await kari.get(`/api/applications/${app.id}/evaluations/latest`)).body;
    expect(rule(intake, 'INT-01')).toMatchObject({ outcome: 'assess', inputs: { amountBasis: 'requested', aidAmountNok: 1500000 } });
    expect(plain(rule(intake, 'INT-01').explanation.en)).toContain('a grant can be at most NOK 1,145,000');
    expect(plain(rule(intake, 'INT-01').explanation.nb)).toContain('tilskuddet kan høyst bli 1 145 000 kr');
    expect(intake.grantBlockers).toEqual([]);
    // The queue's rule filters see the outcome.
    const assessed = await kari.get(`/api/applications?rule=INT-01:assess&q=${app.reference}`);
    expect(assessed.body.items.map((i: any) => i.id)).toEqual([app.id]);
    expect((await kari.get(`/api/applications?rule=INT-01:fail&q=${app.reference}`)).body.items).toEqual([]);

    // What-if tries amounts on either side of the maximum, at basis recommended, storing nothing.
    const tryAmount = async (aidAmountNok: number) => {
      const res = await kari.post(`/api/applications/${app.id}/what-if`, { aidAmountNok });
      expect(res.status).toBe(200);
      return rule(res.body.evaluation, 'INT-01');
    };
    expect(await tryAmount(1145000)).toMatchObject({ outcome: 'pass', inputs: { amountBasis: 'recommended', aidAmountNok: 1145000 } });
    expect(await tryAmount(1145001)).toMatchObject({ outcome: 'fail', inputs: { amountBasis: 'recommended', aidAmountNok: 1145001 } });

    // One krone above the maximum: 409, naming INT-01 and the amount field; nothing is stored.
    const [{ n: before }] = await ctx.db.query(`SELECT count(*)::int AS n FROM evaluation WHERE application_id = $1`, [app.id]);
    const over = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1145001,
      justification: 'Prosjektet er en tydelig prosessinnovasjon.',
    });
    expect(over.status).toBe(409);
    expect(over.body.blockers.map((b: any) => b.ref)).toContain('INT-01');
    expect(over.body.detail).toContain('INT-01');
    expect(over.body.blockers.find((b: any) => b.ref === 'INT-01').reason.en).toContain('The recommended aid of NOK 1,145,001 is above');
    expect(over.body.errors[0].path).toBe('$.amountNok');
    const [{ n: after }] = await ctx.db.query(`SELECT count(*)::int AS n FROM evaluation WHERE application_id = $1`, [app.id]);
    expect(after).toBe(before);

    // At the maximum: recommended, with the evaluation at the recommended amount stored.
    const recommended = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1145000,
      justification: 'Prosjektet er en tydelig prosessinnovasjon; støtten settes til maksimal støtte.',
    });
    expect(recommended.status).toBe(200);
    const [recommendation] = (await kari.get(`/api/applications/${app.id}/recommendations`)).body;
    expect(await storedEvaluation(recommendation.evaluationId)).toMatchObject({
      reason: 'change',
      amount_basis: 'recommended',
      aid_amount_nok: 1145000,
    });
    const atRecommendation = (await kari.get(`/api/applications/${app.id}/evaluations/${recommendation.evaluationId}`)).body;
    for (const id of ['INT-01', 'CUM-01', 'THR-01', 'TRN-01']) {
      expect(rule(atRecommendation, id)).toMatchObject({ outcome: 'pass', inputs: { amountBasis: 'recommended', aidAmountNok: 1145000 } });
    }
    // The queue now shows the latest evaluation, at the recommended amount.
    const passing = await kari.get(`/api/applications?rule=INT-01:pass&q=${app.reference}`);
    expect(passing.body.items.map((i: any) => i.id)).toEqual([app.id]);

    // The approver decides; the decision rests on the evaluation at the granted amount.
    const leder = await as(ctx, 'leder');
    const approved = await leder.post(`/api/applications/${app.id}/decision`, { action: 'approve', version: recommended.body.version });
    expect(approved.status).toBe(200);
    const decision = (await leder.get(`/api/applications/${app.id}/decision`)).body;
    expect(decision).toMatchObject({
      outcome: 'granted',
      amountNok: 1145000,
      evaluation: { amountBasis: 'granted', aidAmountNok: 1145000 },
      // 1 145 000 / 11.50 = EUR 99 565.22, below the EUR 100 000 the request of 1 500 000 was above.
      registerObligation: false,
    });
    expect(await storedEvaluation(decision.evaluation.id)).toMatchObject({
      reason: 'decision',
      amount_basis: 'granted',
      aid_amount_nok: 1145000,
      input_hash: decision.evaluation.inputHash,
    });
    const atDecision = (await leder.get(`/api/applications/${app.id}/evaluations/${decision.evaluation.id}`)).body;
    expect(rule(atDecision, 'TRN-01')).toMatchObject({ inputs: { amountBasis: 'granted', aidAmountNok: 1145000, obligations: [] } });
    expect(atDecision.obligations).toEqual([]);
    // The decision's grounds are the rules at the granted amount.
    expect(decision.grounds.find((g: any) => g.id === 'INT-01').text.en).toMatch(/^The granted aid of NOK 1,145,000 is within/);
    const reports = await leder.get('/api/register-reports?status=all&limit=500');
    expect(reports.body.items.map((r: any) => r.applicationId)).not.toContain(app.id);

    // Both stored evaluations replay to the same result and hash: the amount is part of their input.
    for (const id of [recommendation.evaluationId, decision.evaluation.id]) {
      const replay = await leder.post(`/api/applications/${app.id}/evaluations/${id}/replay`);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ identical: true, differences: [] });
      expect(replay.body.inputHash.replayed).toBe(replay.body.inputHash.stored);
    }
  });

  it('with other aid on the same costs is granted what is left beside it, and one krone more is refused naming CUM-01', async () => {
    const { app, kari } = await judgedCase();
    const intake = (await kari.get(`/api/applications/${app.id}/evaluations/latest`)).body;
    expect(rule(intake, 'CUM-01').outcome).toBe('assess');
    expect(plain(rule(intake, 'CUM-01').explanation.en)).toContain('with the other aid a grant can be at most NOK 945,000');

    const over = await kari.post(`/api/applications/${app.id}/recommendation`, { outcome: 'grant', amountNok: 945001, justification: 'x' });
    expect(over.status).toBe(409);
    expect(over.body.blockers.map((b: any) => b.ref)).toEqual(['CUM-01']);
    expect(over.body.errors[0].path).toBe('$.amountNok');

    const recommended = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok: 945000,
      justification: 'Støtten settes til det som er igjen ved siden av støtten fra Regionalt forskningsfond.',
    });
    expect(recommended.status).toBe(200);
    const approved = await (
      await as(ctx, 'ingrid')
    ).post(`/api/applications/${app.id}/decision`, {
      action: 'approve',
      version: recommended.body.version,
    });
    expect(approved.status).toBe(200);
    const decision = (await kari.get(`/api/applications/${app.id}/decision`)).body;
    expect(decision).toMatchObject({ amountNok: 945000, evaluation: { amountBasis: 'granted', aidAmountNok: 945000 } });
  });
});

describe('a rejection', () => {
  it('rests on the evaluation at the requested amount', async () => {
    const { app, kari } = await judgedCase();
    const res = await kari.put(`/api/applications/${app.id}/judgments/J-INNO-03`, { outcome: 'fail', rationale: 'Rutineforbedring.' });
    expect(res.status).toBe(200);
    const rejected = await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'reject',
      justification: 'Prosjektet er på unntakslisten.',
      grounds: ['J-INNO-03'],
    });
    expect(rejected.status).toBe(200);
    const approved = await (await as(ctx, 'leder')).post(`/api/applications/${app.id}/decision`, { action: 'approve' });
    expect(approved.status).toBe(200);
    const decision = (await kari.get(`/api/applications/${app.id}/decision`)).body;
    expect(decision).toMatchObject({ outcome: 'rejected', evaluation: { amountBasis: 'requested', aidAmountNok: 1500000 } });
    expect(await storedEvaluation(decision.evaluation.id)).toMatchObject({ amount_basis: 'requested', aid_amount_nok: null });
  });
});

describe('what-if with an amount', () => {
  it('tries a grant amount at basis recommended and names what changes; refuses an amount that is not whole kroner above zero', async () => {
    const { app, kari } = await judgedCase();
    const res = await kari.post(`/api/applications/${app.id}/what-if`, { aidAmountNok: 900000 });
    expect(res.status).toBe(200);
    // The worked example of docs/rules.md section 5: at 900 000 everything passes and no register report is due.
    for (const id of ['INT-01', 'CUM-01', 'THR-01', 'TRN-01']) {
      expect(rule(res.body.evaluation, id)).toMatchObject({
        outcome: 'pass',
        inputs: { amountBasis: 'recommended', aidAmountNok: 900000 },
      });
    }
    expect(res.body.evaluation.obligations).toEqual([]);
    const changed = res.body.changes.map((c: any) => c.path);
    expect(changed).toEqual(expect.arrayContaining(['rules[INT-01].outcome', 'rules[CUM-01].outcome', 'obligations[0]']));
    expect(res.body.changes.find((c: any) => c.path === 'rules[CUM-01].outcome')).toEqual({
      path: 'rules[CUM-01].outcome',
      before: 'assess',
      after: 'pass',
    });
    for (const aidAmountNok of [0, 1.5, -1, '900000']) {
      const bad = await kari.post(`/api/applications/${app.id}/what-if`, { aidAmountNok });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('$.aidAmountNok');
    }
  });
});

describe('the migration of stored evaluations and exchange-rate overrides', () => {
  it('gives existing evaluations basis requested and an existing override the day it was set', async () => {
    const other = await startTestApp();
    let app: any;
    try {
      app = await newApplication(other);
      const kari = await as(other, 'kari');
      await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' });
      const set = await kari.put(`/api/applications/${app.id}/exchange-rate`, {
        nokPerEur: 11.8,
        reason: 'Norges Bank',
        date: '2026-01-15',
      });
      expect(set.status).toBe(200);
    } finally {
      await other.close();
    }
    const client = new Client({ connectionString: other.ownerUrl });
    await client.connect();
    try {
      const runner = { query: (sql: string) => client.query(sql) } as unknown as QueryRunner;
      const migrations = [new AmountBasis1764250000000(), new ExchangeRateDate1764260000000()];
      for (const m of [...migrations].reverse()) await m.down(runner);
      for (const m of migrations) await m.up(runner);
      const { rows: evaluations } = await client.query(`SELECT amount_basis, aid_amount_nok FROM evaluation WHERE application_id = $1`, [
        app.id,
      ]);
      expect(evaluations.length).toBeGreaterThan(0);
      expect(evaluations.every((e) => e.amount_basis === 'requested' && e.aid_amount_nok === null)).toBe(true);
      const { rows } = await client.query(
        `SELECT a.nok_per_eur_override_date::text AS date,
                (SELECT (max(e.occurred_at) AT TIME ZONE 'Europe/Oslo')::date::text FROM audit_event e
                  WHERE e.application_id = a.id AND e.kind = 'exchange-rate') AS set_on
           FROM application a WHERE a.id = $1`,
        [app.id],
      );
      expect(rows[0].date).toBe(rows[0].set_on);
      await expect(client.query(`UPDATE application SET nok_per_eur_override_date = NULL WHERE id = $1`, [app.id])).rejects.toThrow(
        /ck_application_override_date/,
      );
      await expect(
        client.query(
          `INSERT INTO evaluation (application_id, evaluated_by, reason, rulebook_version, parameter_set, evaluation_date, nok_per_eur,
              fx_source, fx_date, input_hash, input_snapshot, result, amount_basis, aid_amount_nok)
           SELECT application_id, evaluated_by, reason, rulebook_version, parameter_set, evaluation_date, nok_per_eur,
              fx_source, fx_date, input_hash, input_snapshot, result, 'granted', NULL FROM evaluation WHERE application_id = $1 LIMIT 1`,
          [app.id],
        ),
      ).rejects.toThrow(/ck_evaluation_aid_amount/);
    } finally {
      await client.end();
    }
  });
});
