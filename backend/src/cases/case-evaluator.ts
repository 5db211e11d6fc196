import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { Db, iso } from '../common/sql';
import { AppConfig } from '../config/app-config';
import {
  AidAmount,
  amountEvaluated,
  canonicalCopy,
  CaseSnapshot,
  evaluate,
  EvaluationContext,
  EvaluationResult,
  grantBlockers,
  GrantBlocker,
  selectParameterSet,
} from '../rulebook';
import { toOsloDate } from '../sla/business-days';
import { applyCorrections } from './corrections';
import { EvaluationReason, EvaluationRow, EvaluationStore } from './evaluation.repository';

export type { EvaluationReason };

/** When to evaluate (default: today in Oslo) and at which aid amount (default: the requested aid). */
export interface EvaluateOptions {
  evaluationDate?: string;
  amount?: AidAmount;
}

export interface EvaluationView extends EvaluationResult {
  id: string;
  applicationId: string;
  evaluatedAt: string;
  evaluatedBy: string;
  reason: EvaluationReason;
  evaluationDate: string;
  /** What stands in the way of recommending a grant now (docs/rules.md section 10), for the console to show. */
  grantBlockers: GrantBlocker[];
}

/** The rulebook's input for a case: the snapshot it evaluates and the context (date, exchange rate). */
export interface CaseInput {
  snapshot: CaseSnapshot;
  context: EvaluationContext;
  status: string;
}

/** An intake document as the rulebook reads it (cost lines get their ids when the case is made). */
export type IntakeSnapshot = Omit<CaseSnapshot, 'costLines'> & { costLines?: object[] | null };

/**
 * Runs the rulebook on a case as it stands (the submitted document with the caseworker's
 * corrections, approved amounts and judgments), stores every evaluation append-only with its
 * input snapshot and hash, and keeps the latest one's summary on the case for the queue.
 */
@Injectable()
export class CaseEvaluator {
  constructor(
    private readonly store: EvaluationStore,
    private readonly config: AppConfig,
  ) {}

  /**
   * Evaluates and stores inside the caller's transaction: the evaluation row, the case's summary
   * and the audit event in one statement. Intake stores its first evaluation with the case instead
   * (evaluateIntake). `amount`: the recommended or granted amount to evaluate the amount rules at
   * (docs/rules.md section 5); without it, the requested aid. It is stored with the evaluation.
   */
  async evaluateAndStore(
    tx: Db,
    applicationId: string,
    actor: Actor,
    reason: EvaluationReason,
    options: EvaluateOptions = {},
  ): Promise<EvaluationView> {
    return (await this.evaluateAndStoreWithInput(tx, applicationId, actor, reason, options)).view;
  }

  /** As evaluateAndStore, also giving the input it evaluated (the case as it stands, corrections applied). */
  async evaluateAndStoreWithInput(
    tx: Db,
    applicationId: string,
    actor: Actor,
    reason: EvaluationReason,
    options: EvaluateOptions = {},
  ): Promise<{ input: CaseInput; view: EvaluationView }> {
    const { input, result } = await this.evaluate(applicationId, options, tx);
    const summary = summariseEvaluation(result, reason);
    const stored = await this.store.insert(
      tx,
      applicationId,
      actor,
      reason,
      [...evaluationColumns(input, result), ...summaryColumns(result, summary)],
      summary.audit,
      input.context.aidAmount ?? null,
    );
    const view = toEvaluationView({
      ...stored,
      application_id: applicationId,
      evaluated_by: actor.username,
      reason,
      evaluation_date: input.context.evaluationDate,
      result,
    });
    return { input, view };
  }

  /** Evaluates a case as it stands and stores nothing (a preview, or work done before taking the case's lock). */
  async evaluate(applicationId: string, options: EvaluateOptions = {}, db?: Db): Promise<{ input: CaseInput; result: EvaluationResult }> {
    const input = await this.input(applicationId, db);
    if (options.evaluationDate) input.context.evaluationDate = options.evaluationDate;
    if (options.amount) input.context.aidAmount = { basis: options.amount.basis, amountNok: options.amount.amountNok };
    return { input, result: evaluate(input.snapshot, input.context, selectParameterSet(input.context.evaluationDate)) };
  }

  /** Evaluates a case just received (intake stores it in the same statement as the case itself). */
  evaluateIntake(doc: IntakeSnapshot, costLineIds: string[]) {
    const input: CaseInput = {
      status: 'received',
      // In canonical key order, so hashing it for the evaluation needs no sorting (see canonicalCopy).
      snapshot: canonicalCopy({
        ...doc,
        costLines: (doc.costLines ?? []).map((line, i) => ({ ...line, id: costLineIds[i], approvedAmountNok: null, approvalReason: null })),
        judgments: [],
      }),
      context: this.defaultContext(null),
    };
    const result = evaluate(input.snapshot, input.context, selectParameterSet(input.context.evaluationDate));
    return { input, result, summary: summariseEvaluation(result, 'intake') };
  }

  /** The rulebook's input for a case as it stands now. */
  async input(applicationId: string, db?: Db): Promise<CaseInput> {
    const row = await this.store.input(applicationId, db);
    const doc = row.submitted_document;
    const lines = row.lines ?? [];
    const base: CaseSnapshot = {
      ...doc,
      costLines: (doc.costLines ?? []).map((line, i) => ({
        ...line,
        id: lines[i].id,
        approvedAmountNok: lines[i].approvedAmountNok === null ? null : Number(lines[i].approvedAmountNok),
        approvalReason: lines[i].approvalReason,
      })),
      judgments: row.judgments ?? [],
    };
    const snapshot = canonicalCopy(applyCorrections(base, row.corrections ?? []));
    const context = this.defaultContext(row.decided_on);
    if (row.nok_per_eur_override !== null) {
      Object.assign(context, {
        nokPerEur: Number(row.nok_per_eur_override),
        fxSource: `Caseworker override: ${row.nok_per_eur_override_reason}`,
        // The rate's own date, as the caseworker gave it (docs/rules.md section 4).
        fxDate: row.nok_per_eur_override_date,
      });
    }
    return { status: row.status, snapshot, context };
  }

  private defaultContext(decidedOn: string | null): EvaluationContext {
    return {
      evaluationDate: decidedOn ?? toOsloDate(new Date()),
      nokPerEur: this.config.nokPerEur,
      fxSource: this.config.nokPerEurSource,
      fxDate: this.config.nokPerEurDate,
    };
  }
}

export function toEvaluationView(row: EvaluationRow): EvaluationView {
  return {
    id: row.id,
    applicationId: row.application_id,
    evaluatedAt: iso(row.evaluated_at),
    evaluatedBy: row.evaluated_by,
    reason: row.reason,
    evaluationDate: row.evaluation_date,
    ...row.result,
    grantBlockers: grantBlockers(row.result),
  };
}

/**
 * The evaluation row's values in the order of its columns rulebook_version, parameter_set,
 * evaluation_date, nok_per_eur, fx_source, fx_date, input_hash, input_snapshot, result.
 */
export function evaluationColumns(input: CaseInput, result: EvaluationResult): unknown[] {
  return [
    result.rulebookVersion,
    result.parameterSet,
    input.context.evaluationDate,
    result.nokPerEur,
    result.fxSource,
    result.fxDate,
    result.inputHash,
    input.snapshot,
    result,
  ];
}

/**
 * The summary an evaluation leaves on the case, in the order rule_outcomes, flag_fail,
 * flag_missing, flag_refer, flag_assess, size_class, eligible_costs_nok, max_aid_nok.
 */
export function summaryColumns(result: EvaluationResult, summary: EvaluationSummary): unknown[] {
  return [
    summary.ruleOutcomes,
    summary.flags.fail,
    summary.flags.missing,
    summary.flags.refer,
    summary.flags.assess,
    result.sizeClass,
    result.totals.eligibleCostsNok,
    result.totals.maxAidNok,
  ];
}

export type EvaluationSummary = ReturnType<typeof summariseEvaluation>;

/** What an evaluation puts on the case (the queue's summary columns) and in its audit event. */
export function summariseEvaluation(result: EvaluationResult, reason: EvaluationReason) {
  const flags = { fail: 0, missing: 0, refer: 0, assess: 0 };
  for (const r of result.rules) if (r.outcome in flags) flags[r.outcome as keyof typeof flags]++;
  const amount = amountEvaluated(result);
  return {
    ruleOutcomes: result.rules.map((r) => `${r.ruleId}:${r.outcome}`),
    flags,
    audit: {
      reason,
      amountBasis: amount.basis,
      aidAmountNok: amount.amountNok,
      inputHash: result.inputHash,
      rulebookVersion: result.rulebookVersion,
      parameterSet: result.parameterSet,
      after: { sizeClass: result.sizeClass, flags, maxAidNok: result.totals.maxAidNok },
    },
  };
}
