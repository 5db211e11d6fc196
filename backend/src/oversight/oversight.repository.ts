import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { auditStreamOf, CaseStatus } from '../cases';
import { replicaQuery } from '../common/prepared';
import { Db, query, queryOne } from '../common/sql';
import type { EventData } from './timeline-summaries';

export interface TimelineRow {
  id: string;
  occurred_at: Date;
  actor: string;
  actor_name: string | null;
  kind: string;
  data: EventData;
}

export interface RegisterReportRow {
  decision_id: string;
  application_id: string;
  reference: string;
  applicant_name: string;
  org_number: string;
  nace_code: string | null;
  county: string | null;
  amount_nok: number;
  amount_eur: string;
  decided_at: Date;
  decision_date: string;
  legal_basis: string;
  due_on: string;
  reported_at: Date | null;
  register_reference: string | null;
  reported_by: string | null;
}

export type RegisterReportStatus = 'due' | 'reported' | 'all';

export interface OverviewRows {
  counts: { status: CaseStatus; n: number }[];
  ageing: { bucket: string; count: number }[];
  workload: { username: string; display_name: string; open: number; overdue: number }[];
  weeks: { week: string; granted: number; rejected: number }[];
  granted: { count: number; amount: number };
  overdue: number;
}

export interface AuditVerificationRow {
  events: number;
  first_broken: { id: number; applicationId: string | null; streamSeq: number; reason: string } | null;
}

/** The reads managers and auditors make: timelines, register reports, the office's numbers, the audit chain. */
@Injectable()
export class OversightRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async timeline(applicationId: string, filter: { kind?: string[]; actor?: string }): Promise<TimelineRow[]> {
    return query(
      this.dataSource,
      `SELECT e.id, e.occurred_at, e.actor, u.display_name AS actor_name, e.kind, e.data FROM audit_event e
         LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE ${auditStreamOf('e')} = $1 AND ($2::text[] IS NULL OR e.kind = ANY($2)) AND ($3::text IS NULL OR e.actor = $3)
        ORDER BY ${auditStreamOf('e')}, e.stream_seq`,
      [applicationId, filter.kind?.length ? filter.kind : null, filter.actor ?? null],
    );
  }

  /** The register reports by status, or the one of a decision. */
  async registerReports(status: RegisterReportStatus, decisionId: string | null = null): Promise<RegisterReportRow[]> {
    return query(
      this.dataSource,
      `SELECT d.id AS decision_id, d.application_id, a.reference, a.applicant_name, a.org_number, ap.nace_code, ap.county,
              d.amount_nok, d.record->>'amountEur' AS amount_eur, d.decided_at, d.decision_date, d.legal_basis,
              rr.due_on, rr.reported_at, rr.register_reference, u.username AS reported_by
         FROM register_report rr
         JOIN decision d ON d.id = rr.decision_id
         JOIN application a ON a.id = d.application_id
         JOIN applicant ap ON ap.application_id = a.id
         LEFT JOIN app_user u ON u.id = rr.reported_by
        WHERE ($1 = 'all' OR ($1 = 'due' AND rr.reported_at IS NULL) OR ($1 = 'reported' AND rr.reported_at IS NOT NULL))
          AND ($2::uuid IS NULL OR rr.decision_id = $2)
        ORDER BY rr.due_on, d.decided_at`,
      [status, decisionId],
    );
  }

  /** The case a decision's register report belongs to. */
  async reportCase(decisionId: string): Promise<string | undefined> {
    const row = await queryOne<{ application_id: string }>(
      this.dataSource,
      `SELECT d.application_id FROM register_report rr JOIN decision d ON d.id = rr.decision_id WHERE rr.decision_id = $1`,
      [decisionId],
    );
    return row?.application_id;
  }

  /** The report, locked until the transaction ends. */
  async lockReport(tx: Db, decisionId: string): Promise<{ reported_at: Date | null; register_reference: string | null } | undefined> {
    return queryOne(tx, `SELECT reported_at, register_reference FROM register_report WHERE decision_id = $1 FOR UPDATE`, [decisionId]);
  }

  async markReported(tx: Db, decisionId: string, actor: Actor, registerReference: string): Promise<void> {
    await tx.query(`UPDATE register_report SET reported_at = now(), reported_by = $2, register_reference = $3 WHERE decision_id = $1`, [
      decisionId,
      actor.id,
      registerReference,
    ]);
  }

  /** The dashboard's figures, read from the replica when there is one (they may lag by the replication delay). */
  async overview(today: string, statuses: { open: readonly CaseStatus[]; slaRunning: readonly CaseStatus[] }): Promise<OverviewRows> {
    const year = today.slice(0, 4);
    const [counts, ageing, workload, weeks, granted, overdue] = await Promise.all([
      replicaQuery<{ status: CaseStatus; n: number }>(
        this.dataSource,
        `SELECT status, count(*)::int AS n FROM application GROUP BY status`,
      ),
      replicaQuery<{ bucket: string; count: number }>(
        this.dataSource,
        `SELECT CASE WHEN age <= 10 THEN '0-10' WHEN age <= 20 THEN '11-20' WHEN age <= 40 THEN '21-40' ELSE '>40' END AS bucket,
                count(*)::int AS count
           FROM (SELECT ($1::date - (received_at AT TIME ZONE 'Europe/Oslo')::date) AS age FROM application
                  WHERE status = ANY($2)) x
          GROUP BY 1`,
        [today, statuses.open],
      ),
      replicaQuery<{ username: string; display_name: string; open: number; overdue: number }>(
        this.dataSource,
        `SELECT u.username, u.display_name,
                count(a.id) FILTER (WHERE a.status = ANY($3))::int AS open,
                count(a.id) FILTER (WHERE a.status = ANY($2) AND a.sla_due_on < $1::date)::int AS overdue
           FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'caseworker'
           LEFT JOIN application a ON a.assignee_id = u.id
          WHERE u.active GROUP BY u.id ORDER BY open DESC, u.username`,
        [today, statuses.slaRunning, statuses.open],
      ),
      replicaQuery<{ week: string; granted: number; rejected: number }>(
        this.dataSource,
        `SELECT to_char(decided_at AT TIME ZONE 'Europe/Oslo', 'IYYY-"W"IW') AS week,
                count(*) FILTER (WHERE decision_outcome = 'granted')::int AS granted,
                count(*) FILTER (WHERE decision_outcome = 'rejected')::int AS rejected
           FROM application WHERE decided_at >= now() - interval '12 weeks' GROUP BY 1 ORDER BY 1`,
      ),
      replicaQuery<{ count: number; amount: number }>(
        this.dataSource,
        `SELECT count(*)::int AS count, coalesce(sum(amount_nok), 0)::bigint AS amount
           FROM decision WHERE outcome = 'granted' AND to_char(decision_date, 'YYYY') = $1`,
        [year],
      ),
      replicaQuery<{ n: number }>(
        this.dataSource,
        `SELECT count(*)::int AS n FROM application WHERE status = ANY($2) AND sla_due_on < $1::date`,
        [today, statuses.slaRunning],
      ),
    ]);
    return { counts, ageing, workload, weeks, granted: granted[0], overdue: overdue[0].n };
  }

  /**
   * Walks the audit log's hash chain in one pass in the database: recomputes every hash, and
   * checks that each event links to the one before it in its stream, with no gap.
   */
  async verifyAuditChain(): Promise<AuditVerificationRow> {
    const [row] = await query<AuditVerificationRow>(
      this.dataSource,
      `WITH chain AS (
        SELECT id, application_id, stream_seq, prev_hash, hash,
               audit_event_digest(prev_hash, stream_seq, occurred_at, actor, application_id, kind, data) AS recomputed,
               lag(hash) OVER w AS previous_hash,
               lag(stream_seq) OVER w AS previous_seq
          FROM audit_event
        WINDOW w AS (PARTITION BY application_id ORDER BY stream_seq)
      ), broken AS (
        SELECT id, application_id, stream_seq,
               CASE WHEN recomputed <> hash THEN 'content does not match its hash'
                    WHEN previous_seq IS NULL AND (stream_seq <> 1 OR prev_hash <> repeat('0', 64))
                      THEN 'the events before this one are missing'
                    WHEN previous_seq IS NOT NULL AND stream_seq <> previous_seq + 1 THEN 'an event is missing before this one'
                    WHEN previous_seq IS NOT NULL AND prev_hash <> previous_hash THEN 'link to the previous event is broken'
               END AS reason
          FROM chain
      )
      SELECT (SELECT count(*) FROM audit_event)::int AS events,
             (SELECT json_build_object('id', id, 'applicationId', application_id, 'streamSeq', stream_seq, 'reason', reason)
                FROM broken WHERE reason IS NOT NULL ORDER BY id LIMIT 1) AS first_broken`,
    );
    return row;
  }
}
