import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { CaseEvaluator, CaseEvent, CasesRepository, CasesService, CaseView, EvaluationView, LockedCase } from '../cases';
import { Problem } from '../common/problem';
import { iso } from '../common/sql';
import { renderLetter } from '../letters';
import { AMOUNT_RULES, amountEvaluated, COST_CATEGORIES, grantBlockers, GrantBlocker } from '../rulebook';
import { toOsloDate } from '../sla/business-days';
import { resolveConditions } from './conditions';
import { decisionProblem } from './decisions.errors';
import { DecisionsRepository, OpenRecommendationRow } from './decisions.repository';
import { Ground, groundsOfGrant, groundsOfRejection } from './grounds';

export const LEGAL_BASIS = 'GBER art. 29';

export interface RecommendationInput {
  outcome: 'grant' | 'reject';
  amountNok?: number | null;
  justification: string;
  conditions?: { code?: string; text?: string }[];
  grounds?: string[];
  /** For a rejection on the PRIORITY ground: its own written reason. */
  priorityReason?: string | null;
}

export interface DecisionInput {
  action: 'approve' | 'return';
  reasonCode?: 'missing-investigation' | 'missing-justification' | 'wrong-result' | 'other';
  comment?: string;
}

/** The appeal the letter offers (forvaltningsloven §§ 28-29). */
const APPEAL = {
  weeks: 3 as const,
  text: {
    nb: 'Vedtaket kan påklages innen tre uker fra det er mottatt (forvaltningsloven §§ 28-29).',
    en: 'The decision may be appealed within three weeks of its receipt (Public Administration Act sections 28-29).',
  },
};

/** The caseworker's recommendation and the approver's decision on it (four-eyes), with the letters. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly repository: DecisionsRepository,
    private readonly cases: CasesService,
    private readonly casesRepository: CasesRepository,
    private readonly evaluator: CaseEvaluator,
  ) {}

  async recommend(id: string, actor: Actor, input: RecommendationInput, version?: number): Promise<CaseView> {
    return this.cases.changeAndView({ caseId: id, actor, action: 'recommend', expectedVersion: version }, async (tx) => {
      const granting = input.outcome === 'grant';
      if (granting && (input.amountNok === undefined || input.amountNok === null)) {
        throw Problem.validation([{ path: '$.amountNok', message: 'a grant needs an amount' }]);
      }
      if (!granting && input.amountNok !== undefined && input.amountNok !== null) {
        throw Problem.validation([{ path: '$.amountNok', message: 'a rejection has no amount' }]);
      }
      if (granting && input.priorityReason !== undefined && input.priorityReason !== null) {
        throw Problem.validation([{ path: '$.priorityReason', message: 'a grant has no reason of priority' }]);
      }
      // A grant is judged with the amount rules at the recommended amount (docs/rules.md section 5),
      // and that evaluation is stored; a rejection's at the requested aid.
      const evaluation = await this.evaluator.evaluateAndStore(tx, id, actor, 'change', {
        amount: granting ? { basis: 'recommended', amountNok: input.amountNok as number } : undefined,
      });
      const conditions = resolveConditions(input.conditions ?? []);
      let grounds: Ground[];
      if (granting) {
        const blockers = grantBlockers(evaluation, input.amountNok);
        if (blockers.length) throw grantNotPossible(blockers, true);
        grounds = groundsOfGrant(evaluation);
      } else {
        grounds = groundsOfRejection(evaluation, input.grounds ?? [], input.priorityReason);
      }
      const amountNok = input.outcome === 'grant' ? (input.amountNok ?? null) : null;
      await this.repository.insertRecommendation(
        tx,
        id,
        { outcome: input.outcome, amountNok, justification: input.justification, conditions, grounds, evaluationId: evaluation.id },
        actor,
      );
      await this.casesRepository.setStatus(tx, id, 'recommended');
      return {
        event: {
          kind: 'recommendation',
          data: {
            before: { status: 'in_review' },
            after: {
              status: 'recommended',
              outcome: input.outcome,
              amountNok: input.amountNok ?? null,
              justification: input.justification,
              conditions,
              grounds: grounds.map((g) => g.id),
              ...(grounds.some((g) => g.kind === 'priority') ? { priorityReason: input.priorityReason?.trim() } : {}),
              evaluationId: evaluation.id,
            },
          },
        },
        result: null,
      };
    });
  }

  async decide(id: string, actor: Actor, input: DecisionInput, version?: number): Promise<CaseView> {
    const toStatus = input.action === 'approve' ? 'decided' : 'in_review';
    return this.cases.changeAndView({ caseId: id, actor, action: 'decide', expectedVersion: version, toStatus }, async (tx, locked) => {
      const rec = await this.repository.openRecommendation(tx, id);
      if (!rec) throw decisionProblem('no-recommendation');
      if (input.action === 'return') {
        await this.repository.returnRecommendation(tx, rec.id, actor, input.reasonCode, input.comment);
        await this.casesRepository.setStatus(tx, id, 'in_review');
        return {
          event: {
            kind: 'return',
            data: {
              before: { status: 'recommended' },
              after: { status: 'in_review' },
              reasonCode: input.reasonCode,
              comment: input.comment,
              recommendationId: rec.id,
            },
          },
          result: null,
        };
      }
      return { event: await this.approve(tx, locked, actor, rec), result: null };
    });
  }

  /**
   * The decision, inside the change's transaction: the evaluation it rests on, the record, both
   * letters, the register obligation. Returns the audit events (decision, then each letter).
   */
  private async approve(tx: EntityManager, locked: LockedCase, actor: Actor, rec: OpenRecommendationRow) {
    const id = locked.id;
    const decisionDate = toOsloDate(new Date());
    const granted = rec.outcome === 'grant';
    const amount = granted ? Number(rec.amount_nok) : null;
    // The evaluation the decision rests on runs on the decision date (docs/rules.md section 4), a
    // grant's with the amount rules at the granted amount (section 5).
    const evaluation = await this.evaluator.evaluateAndStore(tx, id, actor, 'decision', {
      evaluationDate: decisionDate,
      amount: amount === null ? undefined : { basis: 'granted', amountNok: amount },
    });
    if (granted) {
      const blockers = grantBlockers(evaluation, amount);
      if (blockers.length) throw grantNotPossible(blockers, false);
    }
    const evaluatedAt = amountEvaluated(evaluation);
    const amountEur = amount === null ? 0 : amount / evaluation.nokPerEur;
    // TRN-01 at the granted amount sets the register obligation.
    const registerObligation = granted && evaluation.obligations.includes('register-report');
    // A grant rests on the rules as evaluated at the granted amount, with their texts.
    const grounds = granted ? groundsOfGrant(evaluation) : rec.grounds;
    const facts = await this.repository.letterFacts(tx, id, actor);
    const record = {
      outcome: granted ? ('granted' as const) : ('rejected' as const),
      amountNok: amount,
      amountEur: Math.round(amountEur * 100) / 100,
      eligibleCostsNok: evaluation.totals.eligibleCostsNok,
      eligibleCostsByCategory: costsByCategory(evaluation),
      // Aid intensity is the aid over the eligible costs (GBER art. 2(26)); the maximum is kept beside it.
      intensityPct:
        amount === null || evaluation.totals.eligibleCostsNok === 0
          ? null
          : Math.round((amount / evaluation.totals.eligibleCostsNok) * 10000) / 100,
      maxIntensityPct: evaluation.totals.maxIntensityPct,
      legalBasis: LEGAL_BASIS,
      conditions: rec.conditions,
      grounds,
      justification: rec.justification,
      evaluation: {
        id: evaluation.id,
        inputHash: evaluation.inputHash,
        rulebookVersion: evaluation.rulebookVersion,
        parameterSet: evaluation.parameterSet,
        amountBasis: evaluatedAt.basis,
        aidAmountNok: evaluatedAt.amountNok,
      },
      recommendedBy: rec.recommender,
      decidedBy: actor.username,
      decisionDate,
      appeal: APPEAL,
      registerObligation,
    };
    const decision = await this.repository.insertDecision(tx, [
      id,
      rec.id,
      rec.recommended_by,
      actor.id,
      decisionDate,
      record.outcome,
      amount,
      record.eligibleCostsNok,
      record.intensityPct,
      LEGAL_BASIS,
      JSON.stringify(rec.conditions),
      JSON.stringify(grounds),
      evaluation.id,
      evaluation.inputHash,
      evaluation.rulebookVersion,
      evaluation.parameterSet,
      JSON.stringify(APPEAL),
      registerObligation,
      JSON.stringify(record),
    ]);
    const events: CaseEvent[] = [
      { kind: 'decision', data: { before: { status: 'recommended' }, after: { status: 'decided', ...record } } },
    ];
    for (const lang of ['nb', 'en'] as const) {
      const pdf = await renderLetter(
        {
          reference: facts.reference,
          decisionDate,
          applicant: { name: facts.applicant_name, orgNumber: facts.org_number },
          project: { title: facts.project_title, startDate: facts.start_date, endDate: facts.end_date },
          outcome: record.outcome,
          amountNok: amount,
          eligibleCosts: record.eligibleCostsByCategory,
          eligibleCostsTotalNok: record.eligibleCostsNok,
          intensityPct: record.intensityPct,
          legalBasis: LEGAL_BASIS,
          conditions: rec.conditions,
          grounds: grounds.map((g) => ({ id: g.id, title: g.title, text: g.text })),
          registerNotice: registerObligation,
          caseworker: { name: rec.recommender_name },
          approver: { name: facts.decider },
          appealDeadlineWeeks: APPEAL.weeks,
        },
        lang,
      );
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      await this.repository.insertLetter(tx, decision.id, lang, pdf, sha256);
      events.push({ kind: 'letter', data: { decisionId: decision.id, lang, sha256, bytes: pdf.length } });
    }
    if (registerObligation) await this.repository.insertRegisterReport(tx, decision.id, decisionDate);
    await this.repository.markDecided(tx, id, record.outcome, decision.decided_at);
    return events;
  }

  async decision(id: string) {
    const row = await this.repository.decision(id);
    if (!row) {
      await this.cases.status(id);
      throw decisionProblem('no-decision');
    }
    return {
      id: row.id,
      decidedAt: iso(row.decided_at),
      ...row.record,
      // A decision made before evaluations recorded their amount basis rests on one at the requested amount.
      evaluation: { amountBasis: 'requested', aidAmountNok: null, ...(row.record.evaluation as object) },
      // The record keeps usernames, as decided; the names are for people reading it.
      recommendedByName: row.recommended_by_name,
      decidedByName: row.decided_by_name,
      letters: row.letters ?? {},
    };
  }

  async letter(id: string, lang: 'nb' | 'en'): Promise<{ pdf: Buffer; sha256: string; reference: string }> {
    const row = await this.repository.letter(id, lang);
    if (!row) {
      await this.cases.status(id);
      throw decisionProblem('no-decision', 'The case has no decision letter yet');
    }
    return row;
  }

  async recommendations(id: string) {
    const rows = await this.repository.recommendations(id);
    return rows.map((r) => ({
      id: r.id,
      outcome: r.outcome,
      amountNok: r.amount_nok,
      justification: r.justification,
      conditions: r.conditions,
      grounds: r.grounds,
      evaluationId: r.evaluation_id,
      recommendedBy: r.recommender,
      recommendedByName: r.recommender_name,
      recommendedAt: iso(r.recommended_at),
      returned: r.returned_at
        ? { at: iso(r.returned_at), by: r.returner, byName: r.returner_name, reasonCode: r.return_reason, comment: r.return_comment }
        : null,
    }));
  }

  /** For the approver of a resubmitted case: what changed since the last return. */
  async changesSinceReturn(id: string) {
    const ret = await this.repository.lastReturn(id);
    if (!ret) {
      await this.cases.status(id);
      return { returned: null, changes: [] };
    }
    const events = await this.repository.assessmentEventsSince(id, ret.returned_at);
    return {
      returned: { at: iso(ret.returned_at), by: ret.returned_by, reasonCode: ret.return_reason, comment: ret.return_comment },
      changes: events.map((e) => ({
        kind: e.kind,
        actor: e.actor,
        at: iso(e.occurred_at),
        ref: e.data.criterionId ?? e.data.costLineId ?? e.data.path ?? e.data.noteId ?? null,
        before: e.data.before ?? null,
        after: e.data.after ?? null,
      })),
    };
  }
}

function grantNotPossible(blockers: GrantBlocker[], recommending: boolean): Problem {
  // The amount is what to change when an amount check or an amount rule at the recommended amount blocks.
  const amount = blockers.filter((b) => b.kind === 'amount' || (AMOUNT_RULES as readonly string[]).includes(b.ref));
  return decisionProblem('grant-not-possible', blockers.map((b) => `${b.ref}: ${b.reason.en}`).join(' '), {
    blockers,
    ...(recommending && amount.length ? { errors: [{ path: '$.amountNok', message: amount.map((b) => b.reason.en).join(' ') }] } : {}),
  });
}

/** Eligible costs per category, in the categories' order. */
function costsByCategory(e: EvaluationView): { category: string; amountNok: number }[] {
  const sums = new Map<string, number>();
  for (const l of e.costLines) {
    if (l.eligibleNok > 0) sums.set(l.category ?? 'other', (sums.get(l.category ?? 'other') ?? 0) + l.eligibleNok);
  }
  return COST_CATEGORIES.filter((c) => sums.has(c)).map((category) => ({ category, amountNok: sums.get(category)! }));
}
