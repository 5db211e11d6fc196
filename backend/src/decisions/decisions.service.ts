import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor';
import {
  CaseEvaluator,
  CaseEvent,
  CaseInput,
  caseNotFound,
  CasesRepository,
  CasesService,
  CaseView,
  isOpen,
  letterPath,
  LockedCase,
  writePortalMessage,
} from '../cases';
import { Problem } from '../common/problem';
import { Db, iso } from '../common/sql';
import type { LetterLang } from '../letters';
import { AMOUNT_RULES, amountEvaluated, canonicalJson, EvaluationResult, grantBlockers, GrantBlocker } from '../rulebook';
import { toOsloDate } from '../sla/business-days';
import { conditionDates, grantConditions, letterConditions, StoredCondition, withMandatory } from './conditions';
import { decisionProblem } from './decisions.errors';
import { DecisionsRepository, LetterFactsRow, OpenRecommendationRow } from './decisions.repository';
import { Ground, groundsOfGrant, groundsOfRejection } from './grounds';
import { costsByCategory, intensityPct, LetterDraft, letterDraft } from './letter-input';
import { LetterRenderer } from './letter-renderer';
import { describePartialGrant, PartialGrant, partialGrant } from './partial-grant';

export const LEGAL_BASIS = 'GBER art. 29';

export interface RecommendationInput {
  outcome: 'grant' | 'reject';
  amountNok?: number | null;
  justification: string;
  conditions?: { code?: string; text?: string }[];
  grounds?: string[];
  /** For a rejection on the PRIORITY ground: its own written reason. */
  priorityReason?: string | null;
  /** For a grant below the most the rules allow: why the aid need not be larger (J-NEED-01). */
  reductionReason?: string | null;
}

export interface DecisionInput {
  action: 'approve' | 'return';
  reasonCode?: 'missing-investigation' | 'missing-justification' | 'wrong-result' | 'other';
  comment?: string;
}

/** The appeal the letter offers (forvaltningsloven §§ 28-29). */
export const APPEAL = {
  weeks: 3 as const,
  text: {
    nb: 'Vedtaket kan påklages innen tre uker fra det er mottatt (forvaltningsloven §§ 28-29).',
    en: 'The decision may be appealed within three weeks of its receipt (Public Administration Act sections 28-29).',
  },
};

const LANGUAGES: readonly LetterLang[] = ['nb', 'en'];

/** A recommendation as the decision and its preview read it. */
export interface Recommended {
  outcome: 'grant' | 'reject';
  amountNok: number | null;
  justification: string;
  conditions: StoredCondition[];
  grounds: Ground[];
  partial: PartialGrant | null;
  caseworkerName: string;
}

/** Both letters of a decision, rendered from one input. */
interface RenderedLetters {
  input: LetterDraft;
  pdfs: Record<LetterLang, Buffer>;
}

/** The caseworker's recommendation and the approver's decision on it (four-eyes), with the letters. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly repository: DecisionsRepository,
    private readonly cases: CasesService,
    private readonly casesRepository: CasesRepository,
    private readonly evaluator: CaseEvaluator,
    private readonly renderer: LetterRenderer,
  ) {}

  async recommend(id: string, actor: Actor, input: RecommendationInput, version?: number): Promise<CaseView> {
    return this.cases.changeAndView({ caseId: id, actor, action: 'recommend', expectedVersion: version }, async (tx) => {
      const granting = input.outcome === 'grant';
      checkRecommendationShape(input);
      // A grant is judged with the amount rules at the recommended amount (docs/rules.md section 5),
      // and that evaluation is stored; a rejection's at the requested aid.
      const { input: caseInput, view: evaluation } = await this.evaluator.evaluateAndStoreWithInput(tx, id, actor, 'change', {
        amount: granting ? { basis: 'recommended', amountNok: input.amountNok as number } : undefined,
      });
      const r = recommendationOf(input, evaluation, caseInput, true);
      await this.repository.insertRecommendation(
        tx,
        id,
        {
          outcome: input.outcome,
          amountNok: r.amountNok,
          justification: input.justification,
          conditions: r.conditions,
          grounds: r.grounds,
          partial: r.partial,
          evaluationId: evaluation.id,
        },
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
              conditions: r.conditions,
              grounds: r.grounds.map((g) => g.id),
              ...(r.grounds.some((g) => g.kind === 'priority') ? { priorityReason: input.priorityReason?.trim() } : {}),
              ...(r.partial ? { partial: r.partial } : {}),
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
    // The letters are rendered before the case is locked (docs/architecture.md): rendering is the
    // slowest part of a decision and must never hold the case. Inside the transaction the letter's
    // input is worked out again from the locked case; only when it is the same are these bytes used.
    const rendered = input.action === 'approve' ? await this.renderBeforeLock(id, actor) : null;
    return this.cases.changeAndView({ caseId: id, actor, action: 'decide', expectedVersion: version, toStatus }, async (tx, locked) => {
      const rec = await this.repository.openRecommendation(tx, id);
      if (!rec) throw decisionProblem('no-recommendation');
      if (input.action === 'return') {
        await this.repository.returnRecommendation(tx, rec.id, actor, input.reasonCode, input.comment);
        await this.casesRepository.setStatus(tx, id, 'in_review');
        // "Returnert til deg": the caseworker who recommended it hears of it in the console.
        await this.cases.notify(tx, {
          recipientId: rec.recommended_by,
          kind: 'returned',
          applicationId: id,
          actor,
          data: { reasonCode: input.reasonCode ?? null },
        });
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
      return { event: await this.approve(tx, locked, actor, rec, rendered), result: null };
    });
  }

  /**
   * The letter as it would be if the case were decided now, marked as a draft (docs/api.md): from
   * the open recommendation, or from a recommendation's values not yet submitted (`form`, with the
   * person previewing as its caseworker). Stores nothing.
   */
  async letterPreview(id: string, actor: Actor, lang: LetterLang, form?: RecommendationInput): Promise<Buffer> {
    const status = await this.cases.status(id);
    if (!isOpen(status)) throw decisionProblem('no-recommendation', `The case is ${status}: it has no letter to draft`);
    const open = form ? undefined : await this.repository.openRecommendation(undefined, id);
    if (!form && !open) throw decisionProblem('no-recommendation', 'The case has no open recommendation to draft a letter from');
    if (form) checkRecommendationShape(form);
    const decisionDate = toOsloDate(new Date());
    const outcome = form?.outcome ?? open!.outcome;
    const amountNok = form ? (form.amountNok ?? null) : open!.amount_nok === null ? null : Number(open!.amount_nok);
    const { input: caseInput, result } = await this.evaluator.evaluate(id, {
      evaluationDate: decisionDate,
      amount: grantAmount(outcome, amountNok),
    });
    const facts = await this.repository.letterFacts(undefined, id, form ? actor : null);
    if (!facts) throw caseNotFound(id);
    const rec: Recommended = form
      ? { ...recommendationOf(form, result, caseInput, false), justification: form.justification, caseworkerName: facts.user_name ?? '' }
      : recommended(open!);
    return this.renderer.render(letterInputOf(facts, caseInput, result, rec, decisionDate, true), lang);
  }

  /** Both letters drafted from the case as it stands, or null when they cannot be (then the decision renders them). */
  private async renderBeforeLock(id: string, actor: Actor): Promise<RenderedLetters | null> {
    const open = await this.repository.openRecommendation(undefined, id);
    const facts = open && (await this.repository.letterFacts(undefined, id, actor));
    if (!open || !facts) return null;
    const rec = recommended(open);
    const decisionDate = toOsloDate(new Date());
    const { input: caseInput, result } = await this.evaluator.evaluate(id, {
      evaluationDate: decisionDate,
      amount: grantAmount(rec.outcome, rec.amountNok, 'granted'),
    });
    const input = letterInputOf(facts, caseInput, result, rec, decisionDate, false);
    return { input, pdfs: await this.renderer.renderBoth(input) };
  }

  /**
   * The decision, inside the change's transaction: the evaluation it rests on, the record, both
   * letters, the register obligation. Returns the audit events (decision, then each letter).
   */
  private async approve(tx: Db, locked: LockedCase, actor: Actor, row: OpenRecommendationRow, rendered: RenderedLetters | null) {
    const id = locked.id;
    const rec = recommended(row);
    const decisionDate = toOsloDate(new Date());
    const granted = rec.outcome === 'grant';
    const amount = granted ? rec.amountNok : null;
    // The evaluation the decision rests on runs on the decision date (docs/rules.md section 4), a
    // grant's with the amount rules at the granted amount (section 5).
    const { input: caseInput, view: evaluation } = await this.evaluator.evaluateAndStoreWithInput(tx, id, actor, 'decision', {
      evaluationDate: decisionDate,
      amount: grantAmount(rec.outcome, amount, 'granted'),
    });
    if (granted) {
      const blockers = grantBlockers(evaluation, amount);
      if (blockers.length) throw grantNotPossible(blockers, false);
    }
    const facts = await this.repository.letterFacts(tx, id, actor);
    if (!facts) throw caseNotFound(id);
    const { record, letterInput, obliged, grounds } = decisionRecord(facts, caseInput, evaluation, rec, {
      recommender: row.recommender,
      decidedBy: actor.username,
      decisionDate,
    });
    const decision = await this.repository.insertDecision(tx, [
      id,
      row.id,
      row.recommended_by,
      actor.id,
      decisionDate,
      record.outcome,
      amount,
      record.eligibleCostsNok,
      record.intensityPct,
      LEGAL_BASIS,
      JSON.stringify(record.conditions),
      JSON.stringify(grounds),
      evaluation.id,
      evaluation.inputHash,
      evaluation.rulebookVersion,
      evaluation.parameterSet,
      JSON.stringify(APPEAL),
      obliged,
      JSON.stringify(record),
      JSON.stringify(letterInput),
    ]);
    const events: CaseEvent[] = [
      { kind: 'decision', data: { before: { status: 'recommended' }, after: { status: 'decided', ...record } } },
    ];
    // The bytes rendered before the lock, when the locked case gives the same letter; else rendered now.
    const pdfs =
      rendered && canonicalJson(rendered.input) === canonicalJson(letterInput)
        ? rendered.pdfs
        : await this.renderer.renderBoth(letterInput);
    for (const lang of LANGUAGES) {
      const pdf = pdfs[lang];
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      await this.repository.insertLetter(tx, decision.id, lang, pdf, sha256);
      events.push({ kind: 'letter', data: { decisionId: decision.id, lang, sha256, bytes: pdf.length } });
    }
    if (obliged) await this.repository.insertRegisterReport(tx, decision.id, decisionDate);
    // The applicant is told through the portal, in this transaction: no decision without its
    // message, no message without its decision (docs/jobs-and-outbox.md).
    const messageId = await writePortalMessage(tx, id, 'decision_letter', {
      decisionId: decision.id,
      outcome: record.outcome,
      decisionDate,
      letters: Object.fromEntries(LANGUAGES.map((lang) => [lang, letterPath(id, lang)])),
    });
    events.push({ kind: 'portal-message', data: { messageId, messageKind: 'decision_letter', decisionId: decision.id } });
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
      // Decisions made before these were recorded.
      requestedAmountNok: null,
      partial: null,
      conditionDates: null,
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
      partial: r.partial ?? null,
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
/** The letter's input, for the decision and for its draft alike. */
export function letterInputOf(
  facts: LetterFactsRow,
  caseInput: CaseInput,
  result: EvaluationResult,
  rec: Recommended,
  decisionDate: string,
  draft: boolean,
): LetterDraft {
  const granting = rec.outcome === 'grant';
  const snapshot = caseInput.snapshot;
  const endDate = snapshot.project?.endDate ?? facts.end_date;
  return letterDraft(
    {
      reference: facts.reference,
      // The case as it stands, corrections applied; the columns of the case where a fact is absent.
      snapshot: {
        ...snapshot,
        applicant: {
          ...snapshot.applicant,
          name: snapshot.applicant?.name ?? facts.applicant_name,
          orgNumber: snapshot.applicant?.orgNumber ?? facts.org_number,
        },
        project: {
          ...snapshot.project,
          title: snapshot.project?.title ?? facts.project_title,
          startDate: snapshot.project?.startDate ?? facts.start_date,
          endDate,
        },
      },
      result,
      decisionDate,
    },
    {
      outcome: rec.outcome,
      amountNok: rec.amountNok,
      justification: rec.justification,
      conditions: letterConditions(rec.conditions),
      conditionDates: granting ? conditionDates(decisionDate, endDate) : null,
      grounds: rec.grounds,
      partial: granting ? (rec.partial ?? describePartialGrant(result, snapshot, rec.amountNok as number, null)) : null,
      // TRN-01 at the amount evaluated (the granted amount for a decision) sets the obligation.
      registerNotice: registerObligation(rec, result),
      caseworkerName: rec.caseworkerName,
      approverName: draft ? null : (facts.user_name ?? ''),
    },
    draft,
  );
}

/**
 * What a decision records, from the evaluation it rests on (at the granted amount, on the decision
 * date) and the recommendation: the record, the letter's input, the register obligation and the
 * grounds. A pure function of its arguments, so the bulk seed (backend/tools) writes what a
 * decision writes.
 */
export function decisionRecord(
  facts: LetterFactsRow,
  caseInput: CaseInput,
  evaluation: EvaluationResult & { id: string },
  rec: Recommended,
  who: { recommender: string; decidedBy: string; decisionDate: string },
) {
  const { decisionDate } = who;
  const granted = rec.outcome === 'grant';
  const amount = granted ? rec.amountNok : null;
  const evaluatedAt = amountEvaluated(evaluation);
  const amountEur = amount === null ? 0 : amount / evaluation.nokPerEur;
  // TRN-01 at the granted amount sets the register obligation.
  const obliged = registerObligation(rec, evaluation);
  // A grant rests on the rules as evaluated at the granted amount, with their texts.
  const grounds = granted ? groundsOfGrant(evaluation) : rec.grounds;
  const letterInput = letterInputOf(facts, caseInput, evaluation, rec, decisionDate, false);
  const record = {
    outcome: granted ? ('granted' as const) : ('rejected' as const),
    amountNok: amount,
    amountEur: Math.round(amountEur * 100) / 100,
    requestedAmountNok: evaluation.totals.requestedAidNok,
    partial: granted ? rec.partial : null,
    eligibleCostsNok: evaluation.totals.eligibleCostsNok,
    eligibleCostsByCategory: costsByCategory(evaluation),
    // Aid intensity is the aid over the eligible costs (GBER art. 2(26)); the maximum is kept beside it.
    intensityPct: amount === null ? null : intensityPct(amount, evaluation.totals.eligibleCostsNok),
    maxIntensityPct: evaluation.totals.maxIntensityPct,
    legalBasis: LEGAL_BASIS,
    conditions: granted ? withMandatory(rec.conditions) : [],
    conditionDates: letterInput.conditionDates,
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
    recommendedBy: who.recommender,
    decidedBy: who.decidedBy,
    decisionDate,
    appeal: APPEAL,
    registerObligation: obliged,
  };
  return { record, letterInput, obliged, grounds };
}

function grantNotPossible(blockers: GrantBlocker[], recommending: boolean): Problem {
  // The amount is what to change when an amount check or an amount rule at the recommended amount blocks.
  const amount = blockers.filter((b) => b.kind === 'amount' || (AMOUNT_RULES as readonly string[]).includes(b.ref));
  return decisionProblem('grant-not-possible', blockers.map((b) => `${b.ref}: ${b.reason.en}`).join(' '), {
    blockers,
    ...(recommending && amount.length ? { errors: [{ path: '$.amountNok', message: amount.map((b) => b.reason.en).join(' ') }] } : {}),
  });
}

/** What a recommendation's values must hold together, before anything is evaluated. */
function checkRecommendationShape(input: RecommendationInput): void {
  const granting = input.outcome === 'grant';
  const errors: { path: string; message: string }[] = [];
  if (granting && (input.amountNok === undefined || input.amountNok === null))
    errors.push({ path: '$.amountNok', message: 'a grant needs an amount' });
  if (!granting && input.amountNok !== undefined && input.amountNok !== null)
    errors.push({ path: '$.amountNok', message: 'a rejection has no amount' });
  if (granting && input.priorityReason !== undefined && input.priorityReason !== null) {
    errors.push({ path: '$.priorityReason', message: 'a grant has no reason of priority' });
  }
  if (!granting && input.reductionReason !== undefined && input.reductionReason !== null) {
    errors.push({ path: '$.reductionReason', message: 'a rejection has no reason for a reduction' });
  }
  if (!granting && input.conditions?.length) errors.push({ path: '$.conditions', message: 'a rejection has no conditions' });
  if (errors.length) throw Problem.validation(errors);
}

/**
 * A recommendation's conditions, grounds and partial refusal, from its values and the evaluation
 * at its amount. `enforceBlockers`: a grant that the evaluation blocks is a 409 (a preview shows
 * the letter anyway: it is a draft).
 */
export function recommendationOf(input: RecommendationInput, evaluation: EvaluationResult, caseInput: CaseInput, enforceBlockers: boolean) {
  if (input.outcome === 'grant') {
    const amountNok = input.amountNok as number;
    if (enforceBlockers) {
      const blockers = grantBlockers(evaluation, amountNok);
      if (blockers.length) throw grantNotPossible(blockers, true);
    }
    return {
      outcome: 'grant' as const,
      amountNok,
      conditions: grantConditions(input.conditions ?? []),
      grounds: groundsOfGrant(evaluation),
      partial: partialGrant(evaluation, caseInput.snapshot, amountNok, input.reductionReason),
    };
  }
  return {
    outcome: 'reject' as const,
    amountNok: null,
    conditions: [] as StoredCondition[],
    grounds: groundsOfRejection(evaluation, input.grounds ?? [], input.priorityReason),
    partial: null,
  };
}

export function recommended(row: OpenRecommendationRow): Recommended {
  return {
    outcome: row.outcome,
    amountNok: row.amount_nok === null ? null : Number(row.amount_nok),
    justification: row.justification,
    conditions: row.conditions,
    grounds: row.grounds,
    partial: row.partial,
    caseworkerName: row.recommender_name,
  };
}

function grantAmount(outcome: 'grant' | 'reject', amountNok: number | null, basis: 'recommended' | 'granted' = 'recommended') {
  return outcome === 'grant' && amountNok !== null ? { basis, amountNok } : undefined;
}

/** TRN-01 at the granted amount sets the register obligation (docs/rules.md section 5). */
export function registerObligation(rec: Recommended, result: EvaluationResult): boolean {
  return rec.outcome === 'grant' && result.obligations.includes('register-report');
}
