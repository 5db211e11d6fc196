import { replicaQuery } from '../common/prepared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { Problem } from '../common/problem';
import { AuditService } from '../audit/audit.service';
import { toOsloDate } from '../sla/business-days';
import { SLA_RUNNING } from '../applications/applications.service';
import { caseStatus } from '../casework/case-change';

const SUMMARIES: Record<string, (d: any) => { nb: string; en: string }> = {
  intake: (d) => ({ nb: `Søknad mottatt (${d.after?.reference ?? ''})`, en: `Application received (${d.after?.reference ?? ''})` }),
  assignment: (d) => ({
    nb: d.after?.assignee ? `Tildelt ${d.after.assignee}` : 'Tildeling fjernet',
    en: d.after?.assignee ? `Assigned to ${d.after.assignee}` : 'Unassigned',
  }),
  evaluation: (d) => ({ nb: `Regelverket kjørt (${d.reason})`, en: `Rulebook evaluated (${d.reason})` }),
  judgment: (d) => ({ nb: `Vurdering ${d.criterionId}: ${d.after?.outcome}`, en: `Judgment ${d.criterionId}: ${d.after?.outcome}` }),
  assessment: (d) => ({
    nb: `Kostnadslinje ${d.lineNo}: godkjent beløp ${d.after?.approvedAmountNok ?? 'fjernet'}`,
    en: `Cost line ${d.lineNo}: approved amount ${d.after?.approvedAmountNok ?? 'cleared'}`,
  }),
  correction: (d) => ({ nb: `Opplysning rettet: ${d.path}`, en: `Fact corrected: ${d.path}` }),
  'exchange-rate': (d) => ({ nb: `Valutakurs for saken: ${d.after?.nokPerEur ?? 'standard'}`, en: `Exchange rate for the case: ${d.after?.nokPerEur ?? 'default'}` }),
  note: (d) => ({
    nb: d.enteredInError ? 'Notat markert som feilført' : d.edit ? 'Notat endret' : 'Notat skrevet',
    en: d.enteredInError ? 'Note marked as entered in error' : d.edit ? 'Note edited' : 'Note written',
  }),
  status: (d) => ({ nb: `Status: ${d.before?.status} → ${d.after?.status}`, en: `Status: ${d.before?.status} → ${d.after?.status}` }),
  recommendation: (d) => ({
    nb: `Innstilling: ${d.after?.outcome === 'grant' ? `tilskudd ${d.after?.amountNok}` : 'avslag'}`,
    en: `Recommendation: ${d.after?.outcome === 'grant' ? `grant ${d.after?.amountNok}` : 'rejection'}`,
  }),
  return: (d) => ({ nb: `Returnert (${d.reasonCode})`, en: `Returned (${d.reasonCode})` }),
  decision: (d) => ({
    nb: `Vedtak: ${d.after?.outcome === 'granted' ? `innvilget ${d.after?.amountNok}` : 'avslått'}`,
    en: `Decision: ${d.after?.outcome === 'granted' ? `granted ${d.after?.amountNok}` : 'rejected'}`,
  }),
  letter: (d) => ({ nb: `Vedtaksbrev laget (${d.lang})`, en: `Decision letter created (${d.lang})` }),
};

/** What managers and auditors look at: a case's history, the register obligations, the office's numbers. */
@Injectable()
export class OversightService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async timeline(applicationId: string, filter: { kind?: string[]; actor?: string }) {
    await caseStatus(this.dataSource, applicationId);
    const rows = await this.dataSource.query(
      `SELECT e.id, e.occurred_at, e.actor, u.display_name AS actor_name, e.kind, e.data FROM audit_event e
         LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE e.application_id = $1 AND ($2::text[] IS NULL OR e.kind = ANY($2)) AND ($3::text IS NULL OR e.actor = $3)
        ORDER BY e.stream_seq`,
      [applicationId, filter.kind?.length ? filter.kind : null, filter.actor ?? null],
    );
    return rows.map((r: any) => ({
      id: Number(r.id),
      occurredAt: new Date(r.occurred_at).toISOString(),
      actor: r.actor,
      actorName: r.actor_name ?? r.actor,
      kind: r.kind,
      summary: SUMMARIES[r.kind]?.(r.data) ?? { nb: r.kind, en: r.kind },
      data: r.data,
    }));
  }

  /** The register reports by status, or the one of a decision. */
  async registerReports(status: 'due' | 'reported' | 'all', decisionId: string | null = null) {
    const rows = await this.dataSource.query(
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
    const today = toOsloDate(new Date());
    return rows.map((r: any) => ({
      decisionId: r.decision_id,
      applicationId: r.application_id,
      reference: r.reference,
      applicant: { name: r.applicant_name, orgNumber: r.org_number, naceCode: r.nace_code, county: r.county },
      aidInstrument: 'grant',
      legalBasis: r.legal_basis,
      amountNok: r.amount_nok,
      amountEur: Number(r.amount_eur),
      decisionDate: r.decision_date,
      decidedAt: new Date(r.decided_at).toISOString(),
      dueOn: r.due_on,
      overdue: !r.reported_at && r.due_on < today,
      reportedAt: r.reported_at ? new Date(r.reported_at).toISOString() : null,
      reportedBy: r.reported_by,
      registerReference: r.register_reference,
    }));
  }

  async markReported(decisionId: string, actor: Actor, registerReference: string) {
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT rr.*, d.application_id FROM register_report rr JOIN decision d ON d.id = rr.decision_id
          WHERE rr.decision_id = $1 FOR UPDATE OF rr`,
        [decisionId],
      );
      if (!row) throw Problem.notFound('Register report', decisionId);
      if (row.reported_at) {
        throw new Problem(409, 'already-reported', 'Already reported', `Reported with reference ${row.register_reference}`);
      }
      await m.query(`UPDATE register_report SET reported_at = now(), reported_by = $2, register_reference = $3 WHERE decision_id = $1`, [
        decisionId,
        actor.id,
        registerReference,
      ]);
      await this.audit.record(m, actor, {
        kind: 'register-report',
        applicationId: row.application_id,
        data: { decisionId, before: { reported: false }, after: { reported: true, registerReference } },
      });
    });
    const [report] = await this.registerReports('all', decisionId);
    return report;
  }

  async overview() {
    const today = toOsloDate(new Date());
    const year = today.slice(0, 4);
    const [counts, ageing, workload, weeks, granted, overdue] = await Promise.all([
      replicaQuery<any>(this.dataSource, `SELECT status, count(*)::int AS n FROM application GROUP BY status`),
      replicaQuery<any>(this.dataSource, 
        `SELECT CASE WHEN age <= 10 THEN '0-10' WHEN age <= 20 THEN '11-20' WHEN age <= 40 THEN '21-40' ELSE '>40' END AS bucket,
                count(*)::int AS count
           FROM (SELECT ($1::date - (received_at AT TIME ZONE 'Europe/Oslo')::date) AS age FROM application
                  WHERE status NOT IN ('decided', 'withdrawn')) x
          GROUP BY 1`,
        [today],
      ),
      replicaQuery<any>(this.dataSource, 
        `SELECT u.username, u.display_name,
                count(a.id) FILTER (WHERE a.status NOT IN ('decided', 'withdrawn'))::int AS open,
                count(a.id) FILTER (WHERE a.status = ANY($2) AND a.sla_due_on < $1::date)::int AS overdue
           FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'caseworker'
           LEFT JOIN application a ON a.assignee_id = u.id
          WHERE u.active GROUP BY u.id ORDER BY open DESC, u.username`,
        [today, SLA_RUNNING],
      ),
      replicaQuery<any>(this.dataSource, 
        `SELECT to_char(decided_at AT TIME ZONE 'Europe/Oslo', 'IYYY-"W"IW') AS week,
                count(*) FILTER (WHERE decision_outcome = 'granted')::int AS granted,
                count(*) FILTER (WHERE decision_outcome = 'rejected')::int AS rejected
           FROM application WHERE decided_at >= now() - interval '12 weeks' GROUP BY 1 ORDER BY 1`,
      ),
      replicaQuery<any>(this.dataSource, 
        `SELECT count(*)::int AS count, coalesce(sum(amount_nok), 0)::bigint AS amount
           FROM decision WHERE outcome = 'granted' AND to_char(decision_date, 'YYYY') = $1`,
        [year],
      ),
      replicaQuery<any>(this.dataSource, 
        `SELECT count(*)::int AS n FROM application WHERE status = ANY($2) AND sla_due_on < $1::date`,
        [today, SLA_RUNNING],
      ),
    ]);
    const order = ['0-10', '11-20', '21-40', '>40'];
    return {
      countsByStatus: Object.fromEntries(
        ['received', 'in_review', 'awaiting_applicant', 'recommended', 'decided', 'withdrawn'].map((s) => [
          s,
          counts.find((c: any) => c.status === s)?.n ?? 0,
        ]),
      ),
      ageing: order.map((bucket) => ({ bucket, count: ageing.find((a: any) => a.bucket === bucket)?.count ?? 0 })),
      workload: workload.map((w: any) => ({ username: w.username, displayName: w.display_name, open: w.open, overdue: w.overdue })),
      decisionsPerWeek: weeks,
      grantedThisYear: { count: granted[0].count, amountNok: Number(granted[0].amount) },
      overdue: overdue[0].n,
    };
  }
}
