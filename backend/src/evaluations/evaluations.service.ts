import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import {
  applyCorrections,
  CaseEvaluator,
  CasesService,
  CaseView,
  CorrectionRow,
  EvaluationView,
  isCorrectable,
  pathExists,
  readPath,
  toEvaluationView,
  validateIntake,
} from '../cases';
import { Problem } from '../common/problem';
import { iso } from '../common/sql';
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
} from '../rulebook';
import { toOsloDate } from '../sla/business-days';
import { evaluationProblem } from './evaluations.errors';
import { EvaluationsRepository } from './evaluations.repository';

export interface WhatIfChanges {
  costLines?: { id: string; approvedAmountNok: number | null }[];
  nokPerEur?: number;
  facts?: { path: string; value: unknown }[];
  /** An amount to try for a grant: the amount rules run at it, basis recommended (docs/rules.md section 5). */
  aidAmountNok?: number;
}

/** A time far ahead: a correction is checked against the intake contract, not against today's clock. */
const FAR_FUTURE = new Date(8.64e15);

/**
 * The rulebook on a case: running and reading evaluations, replaying one, trying changes (what-if),
 * and the caseworker's corrections of the applicant's facts and of the exchange rate.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    private readonly repository: EvaluationsRepository,
    private readonly cases: CasesService,
    private readonly evaluator: CaseEvaluator,
  ) {}

  async evaluateNow(applicationId: string, actor: Actor): Promise<EvaluationView> {
    const { result } = await this.cases.change({ caseId: applicationId, actor, action: 'evaluate', versioned: false }, async (tx) => ({
      // The evaluation writes its own audit event with the evaluation.
      event: null,
      result: await this.evaluator.evaluateAndStore(tx, applicationId, actor, 'requested'),
    }));
    return result;
  }

  async latest(applicationId: string): Promise<EvaluationView> {
    const row = await this.repository.latest(applicationId);
    if (!row) {
      await this.cases.status(applicationId);
      throw evaluationProblem('no-evaluation');
    }
    return toEvaluationView(row);
  }

  async get(applicationId: string, evaluationId: string): Promise<EvaluationView & { inputSnapshot: CaseSnapshot }> {
    const row = await this.repository.one(applicationId, evaluationId);
    if (!row) throw Problem.notFound('Evaluation', evaluationId);
    return { ...toEvaluationView(row), inputSnapshot: row.input_snapshot };
  }

  async history(applicationId: string) {
    await this.cases.status(applicationId);
    const rows = await this.repository.history(applicationId);
    return rows.map((r) => ({
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

  /** Re-runs a stored evaluation from its snapshot and context with today's rulebook; identical, or the differences field by field. */
  async replay(applicationId: string, evaluationId: string) {
    const row = await this.repository.one(applicationId, evaluationId);
    if (!row) throw Problem.notFound('Evaluation', evaluationId);
    const stored = row.result;
    const params = parameterSetById(row.parameter_set);
    if (!params) throw evaluationProblem('unknown-parameter-set', row.parameter_set);
    const context: EvaluationContext = {
      evaluationDate: row.evaluation_date,
      nokPerEur: Number(row.nok_per_eur),
      fxSource: row.fx_source,
      fxDate: row.fx_date,
      // The amount the amount rules ran at is part of the input (docs/rules.md section 5).
      ...(row.amount_basis === 'requested' ? {} : { aidAmount: { basis: row.amount_basis, amountNok: Number(row.aid_amount_nok) } }),
    };
    const replayed = evaluate(row.input_snapshot, context, params);
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
    const input = await this.evaluator.input(applicationId);
    const params = selectParameterSet(input.context.evaluationDate);
    const current = evaluate(input.snapshot, input.context, params);
    const snapshot = canonicalCopy(input.snapshot);
    for (const change of changes.costLines ?? []) {
      const line = snapshot.costLines?.find((l) => l.id === change.id);
      if (!line) throw Problem.validation([{ path: '$.costLines', message: `no cost line ${change.id} on this case` }]);
      if (change.approvedAmountNok !== null && change.approvedAmountNok > (line.amountNok ?? 0)) {
        throw Problem.validation([
          { path: '$.costLines', message: `approvedAmountNok for ${change.id} exceeds the claimed ${line.amountNok}` },
        ]);
      }
      line.approvedAmountNok = change.approvedAmountNok;
      line.approvalReason = change.approvedAmountNok === null ? null : 'what-if';
    }
    const facts = (changes.facts ?? []).map((f, i): CorrectionRow => {
      if (!isCorrectable(f.path))
        throw Problem.validation([{ path: `$.facts[${i}].path`, message: `${f.path} is not a fact that can be corrected` }]);
      return { path: f.path, corrected_value: f.value };
    });
    const proposed = facts.length ? applyCorrections(snapshot, facts) : snapshot;
    const context: EvaluationContext = {
      ...input.context,
      ...(changes.nokPerEur ? { nokPerEur: changes.nokPerEur, fxSource: 'what-if' } : {}),
      ...(changes.aidAmountNok !== undefined ? { aidAmount: { basis: 'recommended', amountNok: changes.aidAmountNok } } : {}),
    };
    const evaluation = evaluate(proposed, context, params);
    return { evaluation, changes: diffEvaluations(current, evaluation).filter((d) => d.path !== 'inputHash' && d.path !== 'fxSource') };
  }

  /** Corrects a fact the applicant gave, beside the submitted value; the corrected document must still meet the intake contract. */
  async correctFact(id: string, actor: Actor, body: { path: string; value: unknown; reason: string }, version?: number): Promise<CaseView> {
    if (!isCorrectable(body.path)) {
      throw Problem.validation([{ path: '$.path', message: `${body.path} is not a fact that can be corrected` }]);
    }
    return this.cases.changeAndView({ caseId: id, actor, action: 'assess', expectedVersion: version, reevaluate: true }, async (tx) => {
      const { doc, corrections } = await this.repository.documentWithCorrections(tx, id);
      if (!pathExists(doc, body.path)) {
        throw Problem.validation([{ path: '$.path', message: `${body.path} does not exist in this application` }]);
      }
      const corrected = applyCorrections(doc, [...corrections, { path: body.path, corrected_value: body.value }]);
      const errors = validateIntake(corrected, FAR_FUTURE).filter((e) => e.path.startsWith(`$.${body.path}`));
      if (errors.length) throw Problem.validation(errors.map((e) => ({ path: '$.value', message: e.message })));
      const before = readPath(applyCorrections(doc, corrections), body.path) ?? null;
      await this.repository.insertCorrection(
        tx,
        id,
        { path: body.path, submittedValue: readPath(doc, body.path), correctedValue: body.value, reason: body.reason },
        actor,
      );
      return {
        event: {
          kind: 'correction',
          data: { path: body.path, reason: body.reason, before: { value: before }, after: { value: body.value ?? null } },
        },
        result: null,
      };
    });
  }

  /**
   * Sets NOK per EUR for this case, with a reason and the rate's own date (today in Norwegian time
   * when not given; never a future date). null returns to the default rate.
   */
  async setExchangeRate(
    id: string,
    actor: Actor,
    body: { nokPerEur: number | null; reason?: string; date?: string | null },
    version?: number,
  ): Promise<CaseView> {
    if (body.nokPerEur !== null && !body.reason?.trim()) {
      throw Problem.validation([{ path: '$.reason', message: 'say why this case uses another rate' }]);
    }
    const today = toOsloDate(new Date());
    const given = body.date ?? null;
    if (given !== null && body.nokPerEur === null) {
      throw Problem.validation([{ path: '$.date', message: 'a date goes with a rate; the default rate has its own' }]);
    }
    if (given !== null && given > today) {
      throw Problem.validation([{ path: '$.date', message: `the rate's date may not be in the future (today is ${today})` }]);
    }
    const date = body.nokPerEur === null ? null : (given ?? today);
    return this.cases.changeAndView({ caseId: id, actor, action: 'assess', expectedVersion: version, reevaluate: true }, async (tx) => {
      const before = await this.repository.exchangeRate(tx, id);
      await this.repository.setExchangeRate(tx, id, body.nokPerEur, body.nokPerEur === null ? null : (body.reason ?? null), date);
      return {
        event: {
          kind: 'exchange-rate',
          data: {
            before: { nokPerEur: before.nokPerEur, date: before.date },
            after: { nokPerEur: body.nokPerEur, date },
            reason: body.reason ?? null,
          },
        },
        result: null,
      };
    });
  }
}
