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

/** Decided cases of a period and the cases waiting for approval, grouped by day (a few thousand rows at most). */
export interface PeriodRows {
  decisions: { granted: number; rejected: number };
  /** Granted decisions of the period from the decision table; null when the year's tally answers. */
  granted: { count: number; amount: number } | null;
  /** Decided cases in the period by business days from the day received to the day decided (Norwegian dates). */
  lead: { days: number; n: number }[];
  /** Cases recommended and waiting for a decision, by day of recommendation. */
  backlog: { day: string; n: number }[];
}

/** The register reports with the status in $1 (due, reported or all), as the list and its count both read them. */
const REPORTS_WITH_STATUS = `($1 = 'all' OR ($1 = 'due' AND rr.reported_at IS NULL) OR ($1 = 'reported' AND rr.reported_at IS NOT NULL))`;

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

  /**
   * The register reports by status, a page at a time in (due_on, decision_id) order after `after`
   * (ix_register_report_due for those due, ix_register_report_order for the others), or the one of
   * a decision. The amount in euro is read from each row's decision record: a page's worth.
   */
  async registerReports(
    status: RegisterReportStatus,
    page: { limit: number; after: { dueOn: string; decisionId: string } | null } = { limit: 1, after: null },
    decisionId: string | null = null,
  ): Promise<RegisterReportRow[]> {
    return query(
      this.dataSource,
      `WITH page AS (
         SELECT rr.decision_id, rr.due_on, rr.reported_at, rr.register_reference, rr.reported_by
           FROM register_report rr
          WHERE ${REPORTS_WITH_STATUS}
            AND ($2::uuid IS NULL OR rr.decision_id = $2)
            AND ($3::date IS NULL OR (rr.due_on, rr.decision_id) > ($3::date, $4::uuid))
          ORDER BY rr.due_on, rr.decision_id
          LIMIT $5)
       SELECT d.id AS decision_id, d.application_id, a.reference, a.applicant_name, a.org_number, ap.nace_code, ap.county,
              d.amount_nok, d.record->>'amountEur' AS amount_eur, d.decided_at, d.decision_date, d.legal_basis,
              p.due_on, p.reported_at, p.register_reference, u.username AS reported_by
         FROM page p
         JOIN decision d ON d.id = p.decision_id
         JOIN application a ON a.id = d.application_id
         JOIN applicant ap ON ap.application_id = a.id
         LEFT JOIN app_user u ON u.id = p.reported_by
        ORDER BY p.due_on, p.decision_id`,
      [status, decisionId, page.after?.dueOn ?? null, page.after?.decisionId ?? null, page.limit],
    );
  }

  /** How many register reports have the status (the first page's total; the reports due from a partial index). */
  async countRegisterReports(status: RegisterReportStatus): Promise<number> {
    const row = await queryOne<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n FROM register_report rr
        WHERE ${REPORTS_WITH_STATUS}`,
      [status],
    );
    return row?.n ?? 0;
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

  /**
   * The dashboard's figures, read from the replica when there is one (they may lag by the
   * replication delay). One statement over the tallies the database keeps as cases change
   * (migrations/1764400000000-DashboardTally.ts, 1764590200000-DashboardOpenTally.ts): rows per day,
   * per caseworker and due date, never per case. Counting the application and decision tables instead took
   * p95 2.1 s at 1 000 000 cases. Decisions per week: the last twelve weeks by day of decision.
   */
  async overview(today: string, statuses: { open: readonly CaseStatus[]; slaRunning: readonly CaseStatus[] }): Promise<OverviewRows> {
    const [row] = await replicaQuery<OverviewRows>(this.dataSource, OVERVIEW_SQL, [
      today,
      statuses.open,
      statuses.slaRunning,
      Number(today.slice(0, 4)),
    ]);
    return row;
  }

  /**
   * The figures of a period from `from` (the first of a month, Norwegian time) to today: decisions
   * per outcome from case_tally (by day of decision); the amount granted (when `grantsFromDecisions`:
   * grant_tally counts per year only) and the lead times from period_tally, by month of decision
   * (migrations/1764590000000-DashboardPeriodTally.ts: a few hundred rows a month, whatever the
   * number of cases; reading the period's decisions and their cases took 223 ms for the year at
   * 100 000 cases); the approval backlog from ix_recommendation_open_at and the application's
   * primary key.
   */
  async period(from: string, grantsFromDecisions: boolean): Promise<PeriodRows> {
    const [row] = await replicaQuery<PeriodRows>(this.dataSource, PERIOD_SQL, [from, grantsFromDecisions]);
    return row;
  }
}

/** $1 the period's first day (Oslo, the first of a month), $2 whether to sum the period's granted decisions. */
const PERIOD_SQL = `
  SELECT
    (SELECT json_build_object('granted', coalesce(sum(n) FILTER (WHERE outcome = 'granted'), 0)::int,
                              'rejected', coalesce(sum(n) FILTER (WHERE outcome = 'rejected'), 0)::int)
       FROM case_tally WHERE status = 'decided' AND decided_on >= $1::date) AS decisions,
    (SELECT json_build_object('count', coalesce(sum(p.n), 0)::int, 'amount', coalesce(sum(p.amount_nok), 0)::bigint)
       FROM period_tally p WHERE $2::boolean AND p.month >= date_trunc('month', $1::date)::date AND p.outcome = 'granted'
     HAVING $2::boolean) AS granted,
    (SELECT coalesce(json_agg(json_build_object('days', days, 'n', n)), '[]')
       FROM (SELECT p.lead_days AS days, sum(p.n)::int AS n
               FROM period_tally p WHERE p.month >= date_trunc('month', $1::date)::date
              GROUP BY 1) l) AS lead,
    (SELECT coalesce(json_agg(json_build_object('day', day, 'n', n)), '[]')
       FROM (SELECT to_char(r.recommended_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS day, count(*)::int AS n
               FROM application a
               CROSS JOIN LATERAL (SELECT r.recommended_at FROM recommendation r
                                    WHERE r.application_id = a.id AND r.returned_at IS NULL
                                    ORDER BY r.recommended_at DESC LIMIT 1) r
              WHERE a.status = 'recommended'
              GROUP BY 1) b) AS backlog`;

/**
 * $1 today (Oslo), $2 the open statuses, $3 those where the SLA clock runs, $4 this year. Open cases
 * from open_age_tally and open_due_tally (migrations/1764590200000-DashboardOpenTally.ts: rows per
 * day and per caseworker and due date, not per case; summing case_tally's row per open case took
 * 250-320 ms with a million cases' open cases), closed ones from case_tally's rows per day.
 */
const OVERVIEW_SQL = `
  SELECT
    (SELECT coalesce(json_agg(json_build_object('status', status, 'n', n)), '[]')
       FROM (SELECT status, sum(n)::int AS n FROM open_due_tally GROUP BY status
             UNION ALL
             SELECT status, sum(n)::int AS n FROM case_tally WHERE status IN ('decided', 'withdrawn') GROUP BY status) c) AS counts,
    (SELECT coalesce(json_agg(json_build_object('bucket', bucket, 'count', count)), '[]')
       FROM (SELECT CASE WHEN age <= 10 THEN '0-10' WHEN age <= 20 THEN '11-20' WHEN age <= 40 THEN '21-40' ELSE '>40' END AS bucket,
                    sum(n)::int AS count
               FROM (SELECT $1::date - received_on AS age, n FROM open_age_tally WHERE status = ANY($2::text[])) x GROUP BY 1) b) AS ageing,
    (SELECT coalesce(json_agg(json_build_object('username', u.username, 'display_name', u.display_name,
                                                'open', coalesce(w.open, 0), 'overdue', coalesce(w.overdue, 0))
                              ORDER BY coalesce(w.open, 0) DESC, u.username), '[]')
       FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'caseworker'
       LEFT JOIN (SELECT assignee_id, sum(n) FILTER (WHERE status = ANY($2::text[]))::int AS open,
                         sum(n) FILTER (WHERE status = ANY($3::text[]) AND sla_due_on < $1::date)::int AS overdue
                    FROM open_due_tally WHERE assignee_id IS NOT NULL GROUP BY assignee_id) w ON w.assignee_id = u.id
      WHERE u.active) AS workload,
    (SELECT coalesce(json_agg(json_build_object('week', week, 'granted', granted, 'rejected', rejected) ORDER BY week), '[]')
       FROM (SELECT to_char(decided_on, 'IYYY-"W"IW') AS week,
                    coalesce(sum(n) FILTER (WHERE outcome = 'granted'), 0)::int AS granted,
                    coalesce(sum(n) FILTER (WHERE outcome = 'rejected'), 0)::int AS rejected
               FROM case_tally WHERE status = 'decided' AND decided_on > $1::date - 84 GROUP BY 1) d) AS weeks,
    (SELECT json_build_object('count', coalesce(sum(n), 0)::int, 'amount', coalesce(sum(amount_nok), 0)::bigint)
       FROM grant_tally WHERE year = $4 AND outcome = 'granted') AS granted,
    (SELECT coalesce(sum(n), 0)::int FROM open_due_tally WHERE status = ANY($3::text[]) AND sla_due_on < $1::date) AS overdue`;
