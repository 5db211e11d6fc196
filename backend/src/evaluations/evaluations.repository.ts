import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { CorrectionRow, StoredEvaluationRow } from '../cases';
import { Db, query, queryOne } from '../common/sql';
import type { CaseSnapshot } from '../rulebook';

export interface EvaluationHistoryRow {
  id: string;
  evaluated_at: Date;
  evaluated_by: string;
  reason: string;
  rulebook_version: string;
  parameter_set: string;
  evaluation_date: string;
  input_hash: string;
  size_class: string | null;
  totals: Record<string, number>;
  outcomes: Record<string, number> | null;
}

/** Stored evaluations, and the caseworker's corrections of facts and of the exchange rate. */
@Injectable()
export class EvaluationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async latest(applicationId: string): Promise<StoredEvaluationRow | undefined> {
    return queryOne(this.dataSource, `SELECT e.* FROM application a JOIN evaluation e ON e.id = a.latest_evaluation_id WHERE a.id = $1`, [
      applicationId,
    ]);
  }

  async one(applicationId: string, evaluationId: string): Promise<StoredEvaluationRow | undefined> {
    return queryOne(this.dataSource, `SELECT * FROM evaluation WHERE id = $1 AND application_id = $2`, [evaluationId, applicationId]);
  }

  /** Every evaluation of a case, newest first, with the counts of each outcome. */
  async history(applicationId: string): Promise<EvaluationHistoryRow[]> {
    return query(
      this.dataSource,
      `SELECT id, evaluated_at, evaluated_by, reason, rulebook_version, parameter_set, evaluation_date, input_hash,
              result->>'sizeClass' AS size_class, result->'totals' AS totals,
              (SELECT jsonb_object_agg(o, n) FROM (SELECT r->>'outcome' AS o, count(*) AS n
                 FROM jsonb_array_elements(result->'rules') r GROUP BY 1) x) AS outcomes
         FROM evaluation WHERE application_id = $1 ORDER BY evaluated_at DESC, id`,
      [applicationId],
    );
  }

  /** The submitted document and the corrections made so far, in order. */
  async documentWithCorrections(tx: Db, applicationId: string): Promise<{ doc: CaseSnapshot; corrections: CorrectionRow[] }> {
    const [row] = await query<{ doc: CaseSnapshot; corrections: CorrectionRow[] }>(
      tx,
      `SELECT a.submitted_document AS doc,
              coalesce((SELECT jsonb_agg(jsonb_build_object('path', f.path, 'corrected_value', f.corrected_value)
                                         ORDER BY f.corrected_at, f.id)
                          FROM fact_correction f WHERE f.application_id = a.id), '[]') AS corrections
         FROM application a WHERE a.id = $1`,
      [applicationId],
    );
    return row;
  }

  async insertCorrection(
    tx: Db,
    applicationId: string,
    c: { path: string; submittedValue: unknown; correctedValue: unknown; reason: string },
    actor: Actor,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO fact_correction (application_id, path, submitted_value, corrected_value, reason, corrected_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [applicationId, c.path, JSON.stringify(c.submittedValue ?? null), JSON.stringify(c.correctedValue ?? null), c.reason, actor.username],
    );
  }

  /** The case's override of the exchange rate and the rate's date, both null without one. */
  async exchangeRate(tx: Db, applicationId: string): Promise<{ nokPerEur: number | null; date: string | null }> {
    const row = await queryOne<{ nok_per_eur_override: number | null; nok_per_eur_override_date: string | null }>(
      tx,
      `SELECT nok_per_eur_override, nok_per_eur_override_date FROM application WHERE id = $1`,
      [applicationId],
    );
    return { nokPerEur: row?.nok_per_eur_override ?? null, date: row?.nok_per_eur_override_date ?? null };
  }

  async setExchangeRate(
    tx: Db,
    applicationId: string,
    nokPerEur: number | null,
    reason: string | null,
    date: string | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE application SET nok_per_eur_override = $2, nok_per_eur_override_reason = $3, nok_per_eur_override_date = $4 WHERE id = $1`,
      [applicationId, nokPerEur, reason, date],
    );
  }
}
