import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { CASE_STATUSES, CasesService, OPEN_STATUSES, SLA_RUNNING_STATUSES } from '../cases';
import { Problem } from '../common/problem';
import { iso } from '../common/sql';
import { toOsloDate } from '../sla/business-days';
import { oversightProblem } from './oversight.errors';
import { OversightRepository, RegisterReportRow, RegisterReportStatus } from './oversight.repository';
import { SUMMARIES } from './timeline-summaries';

export interface AuditVerification {
  ok: boolean;
  events: number;
  firstBrokenAt: { id: number; applicationId: string | null; streamSeq: number; reason: string } | null;
}

const AGEING_BUCKETS = ['0-10', '11-20', '21-40', '>40'];

/** What managers and auditors look at: a case's history, the register obligations, the office's numbers, the audit chain. */
@Injectable()
export class OversightService {
  constructor(
    private readonly repository: OversightRepository,
    private readonly cases: CasesService,
  ) {}

  async timeline(applicationId: string, filter: { kind?: string[]; actor?: string }) {
    await this.cases.status(applicationId);
    const rows = await this.repository.timeline(applicationId, filter);
    return rows.map((r) => ({
      id: Number(r.id),
      occurredAt: iso(r.occurred_at),
      actor: r.actor,
      actorName: r.actor_name ?? r.actor,
      kind: r.kind,
      summary: SUMMARIES[r.kind]?.(r.data) ?? { nb: r.kind, en: r.kind },
      data: r.data,
    }));
  }

  async registerReports(status: RegisterReportStatus, decisionId: string | null = null) {
    const today = toOsloDate(new Date());
    return (await this.repository.registerReports(status, decisionId)).map((r) => toRegisterReport(r, today));
  }

  /** Records that a grant was published in the Register for public support, with the register's reference. */
  async markReported(decisionId: string, actor: Actor, registerReference: string) {
    const caseId = await this.repository.reportCase(decisionId);
    if (!caseId) throw Problem.notFound('Register report', decisionId);
    await this.cases.change({ caseId, actor, action: 'report-to-register', versioned: false }, async (tx) => {
      const report = await this.repository.lockReport(tx, decisionId);
      if (report?.reported_at) throw oversightProblem('already-reported', `Reported with reference ${report.register_reference}`);
      await this.repository.markReported(tx, decisionId, actor, registerReference);
      return {
        event: { kind: 'register-report', data: { decisionId, before: { reported: false }, after: { reported: true, registerReference } } },
        result: null,
      };
    });
    const [report] = await this.registerReports('all', decisionId);
    return report;
  }

  async overview() {
    const o = await this.repository.overview(toOsloDate(new Date()), { open: OPEN_STATUSES, slaRunning: SLA_RUNNING_STATUSES });
    return {
      countsByStatus: Object.fromEntries(CASE_STATUSES.map((s) => [s, o.counts.find((c) => c.status === s)?.n ?? 0])),
      ageing: AGEING_BUCKETS.map((bucket) => ({ bucket, count: o.ageing.find((a) => a.bucket === bucket)?.count ?? 0 })),
      workload: o.workload.map((w) => ({ username: w.username, displayName: w.display_name, open: w.open, overdue: w.overdue })),
      decisionsPerWeek: o.weeks,
      grantedThisYear: { count: o.granted.count, amountNok: Number(o.granted.amount) },
      overdue: o.overdue,
    };
  }

  async verifyAudit(): Promise<AuditVerification> {
    const row = await this.repository.verifyAuditChain();
    return { ok: row.first_broken === null, events: row.events, firstBrokenAt: row.first_broken };
  }
}

function toRegisterReport(r: RegisterReportRow, today: string) {
  return {
    decisionId: r.decision_id,
    applicationId: r.application_id,
    reference: r.reference,
    applicant: { name: r.applicant_name, orgNumber: r.org_number, naceCode: r.nace_code, county: r.county },
    aidInstrument: 'grant',
    legalBasis: r.legal_basis,
    amountNok: r.amount_nok,
    amountEur: Number(r.amount_eur),
    decisionDate: r.decision_date,
    decidedAt: iso(r.decided_at),
    dueOn: r.due_on,
    overdue: !r.reported_at && r.due_on < today,
    reportedAt: r.reported_at ? iso(r.reported_at) : null,
    reportedBy: r.reported_by,
    registerReference: r.register_reference,
  };
}
