import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Db, query, queryOne } from '../common/sql';

export interface JudgmentRow {
  outcome: string;
  rationale: string;
  revision: number;
}

export interface JudgmentRevisionRow {
  criterion_id: string;
  revision: number;
  outcome: string;
  rationale: string;
  recorded_by: string;
  recorded_by_name: string | null;
  recorded_at: Date;
}

export interface CostLineRow {
  id: string;
  line_no: number;
  amount_nok: number;
  approved_amount_nok: number | null;
  approval_reason: string | null;
}

/** Judgments (every revision kept) and the caseworker's approved amounts on cost lines. */
@Injectable()
export class CaseworkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async judgment(tx: Db, applicationId: string, criterionId: string): Promise<JudgmentRow | undefined> {
    return queryOne(tx, `SELECT outcome, rationale, revision FROM judgment WHERE application_id = $1 AND criterion_id = $2`, [
      applicationId,
      criterionId,
    ]);
  }

  /** Records a judgment (a new revision when there is one already) and keeps the revision; returns its number. */
  async recordJudgment(
    tx: Db,
    applicationId: string,
    criterionId: string,
    outcome: string,
    rationale: string,
    actor: Actor,
  ): Promise<number> {
    const [row] = await query<{ revision: number; recorded_at: Date }>(
      tx,
      `INSERT INTO judgment (application_id, criterion_id, outcome, rationale, recorded_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT pk_judgment DO UPDATE
         SET outcome = EXCLUDED.outcome, rationale = EXCLUDED.rationale, recorded_by = EXCLUDED.recorded_by,
             recorded_at = now(), revision = judgment.revision + 1
       RETURNING revision, recorded_at`,
      [applicationId, criterionId, outcome, rationale, actor.username],
    );
    await tx.query(
      `INSERT INTO judgment_revision (application_id, criterion_id, revision, outcome, rationale, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [applicationId, criterionId, row.revision, outcome, rationale, actor.username, row.recorded_at],
    );
    return row.revision;
  }

  async judgmentHistory(applicationId: string): Promise<JudgmentRevisionRow[]> {
    return query(
      this.dataSource,
      `SELECT j.criterion_id, j.revision, j.outcome, j.rationale, j.recorded_by, u.display_name AS recorded_by_name, j.recorded_at
         FROM judgment_revision j LEFT JOIN app_user u ON u.username = j.recorded_by
        WHERE j.application_id = $1 ORDER BY j.criterion_id, j.revision`,
      [applicationId],
    );
  }

  async costLine(tx: Db, applicationId: string, lineId: string): Promise<CostLineRow | undefined> {
    return queryOne(
      tx,
      `SELECT id, line_no, amount_nok, approved_amount_nok, approval_reason FROM cost_line WHERE id = $1 AND application_id = $2`,
      [lineId, applicationId],
    );
  }

  async assessCostLine(tx: Db, lineId: string, approvedAmountNok: number | null, reason: string | null, actor: Actor): Promise<void> {
    await tx.query(
      `UPDATE cost_line SET approved_amount_nok = $2, approval_reason = $3, assessed_by = $4, assessed_at = now() WHERE id = $1`,
      [lineId, approvedAmountNok, reason, actor.username],
    );
  }

  async hasCostLine(tx: Db, applicationId: string, lineId: string): Promise<boolean> {
    const row = await queryOne(tx, `SELECT 1 FROM cost_line WHERE id::text = $1 AND application_id = $2`, [lineId, applicationId]);
    return row !== undefined;
  }

  /** Whether the document is one of the case's own (a note may be anchored to it). */
  async hasDocument(tx: Db, applicationId: string, documentId: string): Promise<boolean> {
    const row = await queryOne(tx, `SELECT 1 FROM document WHERE id = $1 AND application_id = $2`, [documentId, applicationId]);
    return row !== undefined;
  }
}
