import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { auditStreamOf } from '../cases';
import { Db, query, queryOne } from '../common/sql';
import type { StoredCondition } from './conditions';
import type { Ground } from './grounds';
import type { PartialGrant } from './partial-grant';

/** The open recommendation, as the approver decides on it. */
export interface OpenRecommendationRow {
  id: string;
  outcome: 'grant' | 'reject';
  amount_nok: number | null;
  justification: string;
  conditions: StoredCondition[];
  grounds: Ground[];
  /** A grant below the requested aid: why; null otherwise (and for recommendations made before it was kept). */
  partial: PartialGrant | null;
  recommended_by: string;
  recommender: string;
  recommender_name: string;
}

export interface RecommendationRow extends Omit<OpenRecommendationRow, 'recommended_by'> {
  evaluation_id: string;
  recommended_at: Date;
  returned_at: Date | null;
  returner: string | null;
  returner_name: string | null;
  return_reason: string | null;
  return_comment: string | null;
}

/** What the letter says about the case and who decided. */
export interface LetterFactsRow {
  reference: string;
  applicant_name: string;
  org_number: string;
  project_title: string;
  start_date: string;
  end_date: string;
  /** The name of the person asked for (the decider, or a draft's caseworker); null when none was. */
  user_name: string | null;
}

export interface DecisionRow {
  id: string;
  record: Record<string, unknown>;
  decided_at: Date;
  recommended_by_name: string;
  decided_by_name: string;
  letters: Record<string, string> | null;
}

export interface ChangeEventRow {
  kind: string;
  actor: string;
  occurred_at: Date;
  data: { criterionId?: string; costLineId?: string; path?: string; noteId?: string; before?: unknown; after?: unknown };
}

/** Recommendations, decisions, their letters and register obligations. */
@Injectable()
export class DecisionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertRecommendation(
    tx: Db,
    applicationId: string,
    r: {
      outcome: string;
      amountNok: number | null;
      justification: string;
      conditions: StoredCondition[];
      grounds: Ground[];
      partial: PartialGrant | null;
      evaluationId: string;
    },
    actor: Actor,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO recommendation (application_id, outcome, amount_nok, justification, conditions, grounds, evaluation_id, recommended_by,
          partial, reduction_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        applicationId,
        r.outcome,
        r.amountNok,
        r.justification,
        JSON.stringify(r.conditions),
        JSON.stringify(r.grounds),
        r.evaluationId,
        actor.id,
        r.partial === null ? null : JSON.stringify(r.partial),
        r.partial?.reductionReason ?? null,
      ],
    );
  }

  /** The recommendation waiting for a decision; outside a transaction when `db` is not given. */
  async openRecommendation(db: Db | undefined, applicationId: string): Promise<OpenRecommendationRow | undefined> {
    return queryOne(
      db ?? this.dataSource,
      `SELECT r.id, r.outcome, r.amount_nok, r.justification, r.conditions, r.grounds, r.partial, r.recommended_by,
              u.username AS recommender, u.display_name AS recommender_name
         FROM recommendation r JOIN app_user u ON u.id = r.recommended_by
        WHERE r.application_id = $1 AND r.returned_at IS NULL`,
      [applicationId],
    );
  }

  async returnRecommendation(tx: Db, recommendationId: string, actor: Actor, reasonCode: string | undefined, comment: string | undefined) {
    await tx.query(
      `UPDATE recommendation SET returned_at = now(), returned_by = $2, return_reason = $3, return_comment = $4 WHERE id = $1`,
      [recommendationId, actor.id, reasonCode, comment],
    );
  }

  async recommendations(applicationId: string): Promise<RecommendationRow[]> {
    return query(
      this.dataSource,
      `SELECT r.*, u.username AS recommender, u.display_name AS recommender_name, ru.username AS returner,
              ru.display_name AS returner_name
         FROM recommendation r JOIN app_user u ON u.id = r.recommended_by LEFT JOIN app_user ru ON ru.id = r.returned_by
        WHERE r.application_id = $1 ORDER BY r.recommended_at`,
      [applicationId],
    );
  }

  /** The case's reference and facts, and a person's name (who decides, or who drafts); outside a transaction when `db` is not given. */
  async letterFacts(db: Db | undefined, applicationId: string, user: Actor | null): Promise<LetterFactsRow | undefined> {
    return queryOne<LetterFactsRow>(
      db ?? this.dataSource,
      `SELECT a.reference, a.applicant_name, a.org_number, a.project_title, a.start_date, a.end_date,
              (SELECT u.display_name FROM app_user u WHERE u.id = $2) AS user_name
         FROM application a WHERE a.id = $1`,
      [applicationId, user?.id ?? null],
    );
  }

  /** The decision record; returns its id and when it was made. */
  async insertDecision(tx: Db, values: unknown[]): Promise<{ id: string; decided_at: Date }> {
    const [row] = await query<{ id: string; decided_at: Date }>(
      tx,
      `INSERT INTO decision (application_id, recommendation_id, recommended_by, decided_by, decision_date, outcome, amount_nok,
          eligible_costs_nok, intensity_pct, legal_basis, conditions, grounds, evaluation_id, input_hash, rulebook_version,
          parameter_set, appeal, register_obligation, record, letter_input)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       RETURNING id, decided_at`,
      values,
    );
    return row;
  }

  async insertLetter(tx: Db, decisionId: string, lang: string, pdf: Buffer, sha256: string): Promise<void> {
    await tx.query(`INSERT INTO decision_letter (decision_id, lang, pdf, sha256) VALUES ($1, $2, $3, $4)`, [decisionId, lang, pdf, sha256]);
  }

  /** The grant is due in the Register for public support six months after the decision. */
  async insertRegisterReport(tx: Db, decisionId: string, decisionDate: string): Promise<void> {
    await tx.query(`INSERT INTO register_report (decision_id, due_on) VALUES ($1, ($2::date + interval '6 months')::date)`, [
      decisionId,
      decisionDate,
    ]);
  }

  async markDecided(tx: Db, applicationId: string, outcome: string, decidedAt: Date): Promise<void> {
    await tx.query(`UPDATE application SET status = 'decided', decision_outcome = $2, decided_at = $3 WHERE id = $1`, [
      applicationId,
      outcome,
      decidedAt,
    ]);
  }

  async decision(applicationId: string): Promise<DecisionRow | undefined> {
    return queryOne(
      this.dataSource,
      `SELECT d.id, d.record, d.decided_at, ru.display_name AS recommended_by_name, du.display_name AS decided_by_name,
              (SELECT jsonb_object_agg(l.lang, l.sha256) FROM decision_letter l WHERE l.decision_id = d.id) AS letters
         FROM decision d JOIN app_user ru ON ru.id = d.recommended_by JOIN app_user du ON du.id = d.decided_by
        WHERE d.application_id = $1`,
      [applicationId],
    );
  }

  async letter(applicationId: string, lang: string): Promise<{ pdf: Buffer; sha256: string; reference: string } | undefined> {
    return queryOne(
      this.dataSource,
      `SELECT l.pdf, l.sha256, a.reference FROM decision d
         JOIN decision_letter l ON l.decision_id = d.id AND l.lang = $2
         JOIN application a ON a.id = d.application_id
        WHERE d.application_id = $1`,
      [applicationId, lang],
    );
  }

  async lastReturn(
    applicationId: string,
  ): Promise<{ returned_at: Date; return_reason: string; return_comment: string; returned_by: string } | undefined> {
    return queryOne(
      this.dataSource,
      `SELECT r.returned_at, r.return_reason, r.return_comment, u.username AS returned_by
         FROM recommendation r JOIN app_user u ON u.id = r.returned_by
        WHERE r.application_id = $1 AND r.returned_at IS NOT NULL ORDER BY r.returned_at DESC LIMIT 1`,
      [applicationId],
    );
  }

  /** The changes to the assessment since a time (for the approver of a resubmitted case). */
  async assessmentEventsSince(applicationId: string, since: Date): Promise<ChangeEventRow[]> {
    return query(
      this.dataSource,
      `SELECT kind, actor, occurred_at, data FROM audit_event
        WHERE ${auditStreamOf()} = $1 AND occurred_at > $2
          AND kind IN ('judgment', 'assessment', 'note', 'correction', 'exchange-rate', 'recommendation')
        ORDER BY ${auditStreamOf()}, stream_seq`,
      [applicationId, since],
    );
  }
}
