import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Db, query, queryOne } from '../common/sql';
import type { AidAmount, AmountBasis, CaseSnapshot, EvaluationResult } from '../rulebook';
import type { CaseStatus } from './case-status';
import { caseNotFound } from './cases.errors';
import type { CorrectionRow } from './corrections';
import { anchorJoinOf, AUDIT_WRITTEN_COLUMNS, noteWritten, WrittenEventRow, writtenColumnsOf } from './audit-anchor.repository';
import { AUDIT_EVENT_INSERT } from './cases.repository';

export type EvaluationReason = 'intake' | 'requested' | 'change' | 'decision';

/** A stored evaluation as its table holds it. */
export interface EvaluationRow {
  id: string;
  application_id: string;
  evaluated_at: Date | string;
  evaluated_by: string;
  reason: EvaluationReason;
  evaluation_date: string;
  result: EvaluationResult;
}

export interface StoredEvaluationRow extends EvaluationRow {
  rulebook_version: string;
  parameter_set: string;
  nok_per_eur: number;
  fx_source: string;
  fx_date: string;
  /** The amount the amount rules ran at (docs/rules.md section 5); the amount is null at basis requested. */
  amount_basis: AmountBasis;
  aid_amount_nok: number | null;
  input_hash: string;
  input_snapshot: CaseSnapshot;
}

/** What the rulebook reads of a case: the document, approved amounts, judgments, corrections, the exchange rate. */
export interface EvaluationInputRow {
  submitted_document: CaseSnapshot;
  status: CaseStatus;
  nok_per_eur_override: number | null;
  nok_per_eur_override_reason: string | null;
  /** The override rate's own date (YYYY-MM-DD). */
  nok_per_eur_override_date: string | null;
  decided_on: string | null;
  lines: { id: string; approvedAmountNok: number | null; approvalReason: string | null }[] | null;
  judgments: NonNullable<CaseSnapshot['judgments']> | null;
  corrections: CorrectionRow[] | null;
}

/** The evaluations of cases: what the rulebook reads, and the append-only store of its results. */
@Injectable()
export class EvaluationStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async input(applicationId: string, db: Db = this.dataSource): Promise<EvaluationInputRow> {
    const row = await queryOne<EvaluationInputRow>(
      db,
      `SELECT a.submitted_document, a.status, a.nok_per_eur_override, a.nok_per_eur_override_reason, a.nok_per_eur_override_date,
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
    if (!row) throw caseNotFound(applicationId);
    return row;
  }

  /**
   * The evaluation row, the summary it leaves on the case and its audit event, in one statement.
   * `columns` are evaluationColumns then summaryColumns (case-evaluator.ts); `amount` the
   * recommended or granted amount the amount rules ran at, null for the requested aid.
   */
  async insert(
    tx: Db,
    applicationId: string,
    actor: Actor,
    reason: EvaluationReason,
    columns: unknown[],
    audit: object,
    amount: AidAmount | null,
  ): Promise<{ id: string; evaluated_at: Date }> {
    const [row] = await query<{ id: string; evaluated_at: Date } & WrittenEventRow>(
      tx,
      `WITH e AS (
         INSERT INTO evaluation (application_id, evaluated_by, reason, rulebook_version, parameter_set, evaluation_date,
            nok_per_eur, fx_source, fx_date, input_hash, input_snapshot, result, amount_basis, aid_amount_nok)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $23, $24) RETURNING id, evaluated_at
       ), summary AS (
         UPDATE application SET latest_evaluation_id = e.id, rule_outcomes = $13, flag_fail = $14, flag_missing = $15,
                flag_refer = $16, flag_assess = $17, size_class = $18, eligible_costs_nok = $19, max_aid_nok = $20
           FROM e WHERE application.id = $1
       ), audit AS (
         ${AUDIT_EVENT_INSERT}
         SELECT $21, $2, $1, 'evaluation', jsonb_build_object('evaluationId', e.id) || $22::jsonb FROM e
         RETURNING ${AUDIT_WRITTEN_COLUMNS}
       )
       SELECT e.id, e.evaluated_at, ${writtenColumnsOf('audit')}
         FROM e CROSS JOIN audit LEFT JOIN audit_anchor an ON ${anchorJoinOf('audit')}`,
      [applicationId, actor.username, reason, ...columns, actor.id, audit, amount?.basis ?? 'requested', amount?.amountNok ?? null],
    );
    noteWritten(tx, applicationId, [row]);
    return { id: row.id, evaluated_at: row.evaluated_at };
  }
}
