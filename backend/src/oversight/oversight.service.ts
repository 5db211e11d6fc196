import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { CASE_STATUSES, CasesService, OPEN_STATUSES, SLA_RUNNING_STATUSES } from '../cases';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { Problem } from '../common/problem';
import { isCalendarDate } from '../common/validation';
import { iso } from '../common/sql';
import { toOsloDate } from '../sla/business-days';
import { AuditRepository } from './audit.repository';
import { AuditVerification, AuditVerifier } from './audit-verification';
import { oversightProblem } from './oversight.errors';
import { OversightRepository, RegisterReportRow, RegisterReportStatus } from './oversight.repository';
import { SUMMARIES } from './timeline-summaries';

const AGEING_BUCKETS = ['0-10', '11-20', '21-40', '>40'];
/** The register reports' one order, named in their cursors. */
const REGISTER_REPORT_SORT = 'dueOn';

/** What managers and auditors look at: a case's history, the register obligations, the office's numbers, the audit chain. */
@Injectable()
export class OversightService {
  private readonly log = new Logger('AuditVerification');

  constructor(
    private readonly repository: OversightRepository,
    private readonly cases: CasesService,
    private readonly audit: AuditRepository,
    private readonly verifier: AuditVerifier,
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

  /** A page of register reports by status, with the cursor of the next page and, on the first, how many there are. */
  async registerReports(status: RegisterReportStatus, page: { limit: number; cursor?: string }) {
    const today = toOsloDate(new Date());
    const after = page.cursor ? decodeCursor(page.cursor, REGISTER_REPORT_SORT, (v) => typeof v === 'string' && isCalendarDate(v)) : null;
    const rows = await this.repository.registerReports(status, {
      limit: page.limit + 1,
      after: after ? { dueOn: String(after.value), decisionId: after.id } : null,
    });
    const more = rows.length > page.limit;
    const items = rows.slice(0, page.limit).map((r) => toRegisterReport(r, today));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: more ? encodeCursor({ sort: REGISTER_REPORT_SORT, value: last.dueOn, id: last.decisionId }) : null,
      ...(after ? {} : { total: await this.repository.countRegisterReports(status) }),
    };
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
    const [row] = await this.repository.registerReports('all', { limit: 1, after: null }, decisionId);
    return toRegisterReport(row, toOsloDate(new Date()));
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

  /**
   * The audit log against its hash chains and the application's anchors: every case, or one. The
   * whole log is read in batches, with progress in the log every 10 seconds.
   */
  async verifyAudit(applicationId?: string): Promise<AuditVerification> {
    if (applicationId) {
      if (!(await this.audit.streamExists(applicationId))) throw Problem.notFound('Application', applicationId);
      const counts = { events: 0 };
      const finding = await this.verifier.verifyStream(applicationId, counts);
      const broken = finding ? [finding] : [];
      return { ok: !finding, events: counts.events, streams: 1, brokenStreams: broken.length, firstBrokenAt: finding, broken };
    }
    const started = Date.now();
    let reported = started;
    const result = await this.verifier.verifyAll({
      onProgress: (p) => {
        if (Date.now() - reported < 10_000) return;
        reported = Date.now();
        const share = p.estimatedEvents ? ` (about ${Math.min(99, Math.floor((100 * p.events) / p.estimatedEvents))}%)` : '';
        this.log.log(`audit verification: ${p.events} events of ${p.streams} streams checked${share}, ${p.brokenStreams} broken`);
      },
    });
    if (Date.now() - started >= 10_000) {
      this.log.log(`audit verification done in ${Math.round((Date.now() - started) / 1000)} s: ${result.brokenStreams} broken`);
    }
    return result;
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
