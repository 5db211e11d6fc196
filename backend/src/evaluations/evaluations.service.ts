import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { Problem } from '../common/problem';
import { AppConfig } from '../config/app-config';
import {
  canonicalCopy,
  CaseSnapshot,
  diffEvaluations,
  evaluate,
  EvaluationContext,
  EvaluationDifference,
  EvaluationResult,
  parameterSetById,
  RULEBOOK_VERSION,
  selectParameterSet,
  grantBlockers,
  GrantBlocker,
} from '../rulebook';
import { toOsloDate } from '../sla/business-days';
import { caseStatus, lockCase } from '../casework/case-change';
import { applyCorrections, CorrectionRow, isCorrectable } from './corrections';

export type EvaluationReason = 'intake' | 'requested' | 'change' | 'decision';

export interface EvaluationView extends EvaluationResult {
  id: string;
  applicationId: string;
  evaluatedAt: string;
  evaluatedBy: string;
  reason: EvaluationReason;
  evaluationDate: string;
  /** What stands in the way of recommending a grant now (RULEBOOK section 5), for the console to show. */
  grantBlockers: GrantBlocker[];
}

export interface WhatIfChanges {
  costLines?: { id: string; approvedAmountNok: number | null }[];
  nokPerEur?: number;
  facts?: { path: string; value: unknown }[];
}

export interface CaseInput {
  snapshot: CaseSnapshot;
  context: EvaluationContext;
  status: string;
}

/**
 * Runs the rulebook on a case as it stands (the submitted document with the
 * caseworker's corrections, approved amounts and judgments), stores every
 * evaluation append-only with its input snapshot and hash, and keeps the
 * latest one's summary on the case for the queue.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * Evaluates and stores, inside the caller's transaction (casework, workflow):
   * the evaluation row, the case's summary and the audit event in one
   * statement. Intake stores its first evaluation with the case instead (evaluateIntake).
   */
  async evaluateAndStore(
    manager: EntityManager,
    applicationId: string,
    actor: Actor,
    reason: EvaluationReason,
    evaluationDate?: string,
  ): Promise<EvaluationView> {
    const caseInput = await this.loadInput(manager, applicationId);
    if (evaluationDate) caseInput.context.evaluationDate = evaluationDate;
    const params = selectParameterSet(caseInput.context.evaluationDate);
    const result = evaluate(caseInput.snapshot, caseInput.context, params);
    const summary = summariseEvaluation(result, reason);
    const [{ id, evaluated_at }] = await manager.query(
      `WITH e AS (
         INSERT INTO evaluation (application_id, evaluated_by, reason, rulebook_version, parameter_set, evaluation_date,
            nok_per_eur, fx_source, fx_date, input_hash, input_snapshot, result)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id, evaluated_at
       ), summary AS (
         UPDATE application SET latest_evaluation_id = e.id, rule_outcomes = $13, flag_fail = $14, flag_missing = $15,
                flag_refer = $16, flag_assess = $17, size_class = $18, eligible_costs_nok = $19, max_aid_nok = $20
           FROM e WHERE application.id = $1
       ), audit AS (
         INSERT INTO audit_event (actor_id, actor, application_id, kind, data)
         SELECT $21, $2, $1, 'evaluation', jsonb_build_object('evaluationId', e.id) || $22::jsonb FROM e
       )
       SELECT id, evaluated_at FROM e`,
      [applicationId, actor.username, reason, ...evaluationColumns(caseInput, result), ...summaryColumns(result, summary), actor.id, summary.audit],
    );
    return toView({ id, application_id: applicationId, evaluated_at, evaluated_by: actor.username, reason,
      evaluation_date: caseInput.context.evaluationDate, result });
  }

  /** Evaluates a case just received (intake stores it in the same statement as the case itself). */
  evaluateIntake(doc: Omit<CaseSnapshot, 'costLines'> & { costLines?: object[] | null }, costLineIds: string[]) {
    const input = this.intakeInput(doc, costLineIds);
    const result = evaluate(input.snapshot, input.context, selectParameterSet(input.context.evaluationDate));
    return { input, result, summary: summariseEvaluation(result, 'intake') };
  }

  /** The rulebook's input for a case just received: the document, its cost-line ids, nothing assessed yet. */
  intakeInput(doc: Omit<CaseSnapshot, 'costLines'> & { costLines?: object[] | null }, costLineIds: string[]): CaseInput {
    return {
      status: 'received',
      // In canonical key order, so hashing it for the evaluation needs no sorting (see canonicalCopy).
      snapshot: canonicalCopy({
        ...doc,
        costLines: (doc.costLines ?? []).map((line, i) => ({ ...line, id: costLineIds[i], approvedAmountNok: null, approvalReason: null })),
        judgments: [],
      }),
      context: this.defaultContext(null),
    };
  }

  async evaluateNow(applicationId: string, actor: Actor): Promise<EvaluationView> {
    return this.dataSource.transaction(async (manager) => {
      await lockCase(manager, applicationId, actor, undefined);
      return this.evaluateAndStore(manager, applicationId, actor, 'requested');
    });
  }

  async latest(applicationId: string): Promise<EvaluationView> {
    const [row] = await this.dataSource.query(
      `SELECT e.* FROM application a JOIN evaluation e ON e.id = a.latest_evaluation_id WHERE a.id = $1`,
      [applicationId],
    );
    if (!row) {
      await caseStatus(this.dataSource, applicationId);
      throw new Problem(HttpStatus.NOT_FOUND, 'no-evaluation', 'The case has not been evaluated yet');
    }
    return toView(row);
  }

  async get(applicationId: string, evaluationId: string): Promise<EvaluationView & { inputSnapshot: CaseSnapshot }> {
    const [row] = await this.dataSource.query(`SELECT * FROM evaluation WHERE id = $1 AND application_id = $2`, [
      evaluationId,
      applicationId,
    ]);
    if (!row) throw Problem.notFound('Evaluation', evaluationId);
    return { ...toView(row), inputSnapshot: row.input_snapshot };
  }

  async history(applicationId: string) {
    await caseStatus(this.dataSource, applicationId);
    const rows = await this.dataSource.query(
      `SELECT id, evaluated_at, evaluated_by, reason, rulebook_version, parameter_set, evaluation_date, input_hash,
              result->>'sizeClass' AS size_class, result->'totals' AS totals,
              (SELECT jsonb_object_agg(o, n) FROM (SELECT r->>'outcome' AS o, count(*) AS n
                 FROM jsonb_array_elements(result->'rules') r GROUP BY 1) x) AS outcomes
         FROM evaluation WHERE application_id = $1 ORDER BY evaluated_at DESC, id`,
      [applicationId],
    );
    return rows.map((r: Record<string, any>) => ({
      id: r.id,
      evaluatedAt: iso(r.evaluated_at),
      evaluatedBy: r.evaluated_by,
      reason: r.reason,
      rulebookVersion: r.rulebook_version,
      parameterSet: r.parameter_set,
      evaluationDate: r.evaluation_date,
      inputHash: r.input_hash,
      sizeClass: r.size_class,
      outcomes: r.outcomes ?? {},
      totals: r.totals,
    }));
  }

  /**
   * Re-runs a stored evaluation from its snapshot and context with today's
   * rulebook, and reports whether the result is identical, field by field.
   */
  async replay(applicationId: string, evaluationId: string) {
    const [row] = await this.dataSource.query(`SELECT * FROM evaluation WHERE id = $1 AND application_id = $2`, [
      evaluationId,
      applicationId,
    ]);
    if (!row) throw Problem.notFound('Evaluation', evaluationId);
    const stored = row.result as EvaluationResult;
    const params = parameterSetById(row.parameter_set);
    if (!params) {
      throw new Problem(HttpStatus.CONFLICT, 'unknown-parameter-set', 'The parameter set no longer exists', row.parameter_set);
    }
    const context: EvaluationContext = {
      evaluationDate: row.evaluation_date,
      nokPerEur: Number(row.nok_per_eur),
      fxSource: row.fx_source,
      fxDate: row.fx_date,
    };
    const replayed = evaluate(row.input_snapshot as CaseSnapshot, context, params);
    const differences = diffEvaluations(stored, replayed);
    return {
      evaluationId,
      identical: differences.length === 0,
      storedRulebookVersion: stored.rulebookVersion,
      currentRulebookVersion: RULEBOOK_VERSION,
      inputHash: { stored: stored.inputHash, replayed: replayed.inputHash },
      differences,
    };
  }

  /** Evaluates proposed changes without storing anything, and says what they change against the case as it stands. */
  async whatIf(applicationId: string, changes: WhatIfChanges): Promise<{ evaluation: EvaluationResult; changes: EvaluationDifference[] }> {
    const input = await this.loadInput(this.dataSource.manager, applicationId);
    const params = selectParameterSet(input.context.evaluationDate);
    const current = evaluate(input.snapshot, input.context, params);
    const snapshot = canonicalCopy(input.snapshot);
    for (const change of changes.costLines ?? []) {
      const line = snapshot.costLines?.find((l) => l.id === change.id);
      if (!line) throw Problem.validation([{ path: '$.costLines', message: `no cost line ${change.id} on this case` }]);
      if (change.approvedAmountNok !== null && change.approvedAmountNok > (line.amountNok ?? 0)) {
        throw Problem.validation([{ path: '$.costLines', message: `approvedAmountNok for ${change.id} exceeds the claimed ${line.amountNok}` }]);
      }
      line.approvedAmountNok = change.approvedAmountNok;
      line.approvalReason = change.approvedAmountNok === null ? null : 'what-if';
    }
    const facts = (changes.facts ?? []).map((f, i) => {
      if (!isCorrectable(f.path)) throw Problem.validation([{ path: `$.facts[${i}].path`, message: `${f.path} is not a fact that can be corrected` }]);
      return { path: f.path, corrected_value: f.value } as CorrectionRow;
    });
    const proposed = facts.length ? applyCorrections(snapshot, facts) : snapshot;
    const context = { ...input.context, ...(changes.nokPerEur ? { nokPerEur: changes.nokPerEur, fxSource: 'what-if' } : {}) };
    const evaluation = evaluate(proposed, context, params);
    return { evaluation, changes: diffEvaluations(current, evaluation).filter((d) => d.path !== 'inputHash' && d.path !== 'fxSource') };
  }

  /** The rulebook's input for a case as it stands now. */
  async loadInput(manager: EntityManager, applicationId: string): Promise<CaseInput> {
    const [app] = await manager.query(
      `SELECT a.submitted_document, a.status, a.nok_per_eur_override, a.nok_per_eur_override_reason,
              (SELECT min(e.evaluation_date) FROM evaluation e WHERE e.application_id = a.id AND e.reason = 'decision') AS decided_on,
              (SELECT jsonb_agg(jsonb_build_object('id', c.id, 'approvedAmountNok', c.approved_amount_nok,
                                                   'approvalReason', c.approval_reason) ORDER BY c.line_no)
                 FROM cost_line c WHERE c.application_id = a.id) AS lines,
              (SELECT jsonb_agg(jsonb_build_object('criterionId', j.criterion_id, 'outcome', j.outcome,
                                                   'rationale', j.rationale) ORDER BY j.criterion_id)
                 FROM judgment j WHERE j.application_id = a.id) AS judgments,
              (SELECT jsonb_agg(jsonb_build_object('path', f.path, 'corrected_value', f.corrected_value) ORDER BY f.corrected_at, f.id)
                 FROM fact_correction f WHERE f.application_id = a.id) AS corrections
         FROM application a WHERE a.id = $1`,
      [applicationId],
    );
    if (!app) throw Problem.notFound('Application', applicationId);
    const doc = app.submitted_document as CaseSnapshot;
    const lines = (app.lines ?? []) as { id: string; approvedAmountNok: number | null; approvalReason: string | null }[];
    const base: CaseSnapshot = {
      ...doc,
      costLines: (doc.costLines ?? []).map((line, i) => ({
        ...line,
        id: lines[i].id,
        approvedAmountNok: lines[i].approvedAmountNok === null ? null : Number(lines[i].approvedAmountNok),
        approvalReason: lines[i].approvalReason,
      })),
      judgments: app.judgments ?? [],
    };
    const snapshot = canonicalCopy(applyCorrections(base, app.corrections ?? []));
    const override = app.nok_per_eur_override === null ? null : Number(app.nok_per_eur_override);
    const context = this.defaultContext(app.decided_on);
    if (override !== null) {
      Object.assign(context, { nokPerEur: override, fxSource: `Caseworker override: ${app.nok_per_eur_override_reason}`, fxDate: toOsloDate(new Date()) });
    }
    return { status: app.status, snapshot, context };
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

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toView(row: Record<string, any>): EvaluationView {
  return {
    id: row.id,
    applicationId: row.application_id,
    evaluatedAt: iso(row.evaluated_at),
    evaluatedBy: row.evaluated_by,
    reason: row.reason,
    evaluationDate: row.evaluation_date,
    ...(row.result as EvaluationResult),
    grantBlockers: grantBlockers(row.result as EvaluationResult),
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
export function summaryColumns(result: EvaluationResult, summary: ReturnType<typeof summariseEvaluation>): unknown[] {
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

/** What an evaluation puts on the case (the queue's summary columns) and in its audit event. */
export function summariseEvaluation(result: EvaluationResult, reason: EvaluationReason) {
  const flags = { fail: 0, missing: 0, refer: 0, assess: 0 } as Record<'fail' | 'missing' | 'refer' | 'assess', number>;
  for (const r of result.rules) if (r.outcome in flags) flags[r.outcome as keyof typeof flags]++;
  return {
    ruleOutcomes: result.rules.map((r) => `${r.ruleId}:${r.outcome}`),
    flags,
    audit: {
      reason,
      inputHash: result.inputHash,
      rulebookVersion: result.rulebookVersion,
      parameterSet: result.parameterSet,
      after: { sizeClass: result.sizeClass, flags, maxAidNok: result.totals.maxAidNok },
    },
  };
}
