import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { CASE_STATUSES, CasesService, OPEN_STATUSES, SLA_RUNNING_STATUSES } from '../cases';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { Problem } from '../common/problem';
import { isCalendarDate } from '../common/validation';
import { iso } from '../common/sql';
import { AppConfig } from '../config/app-config';
import { businessDaysBetween, toOsloDate } from '../sla/business-days';
import { AuditRepository } from './audit.repository';
import { AuditVerification, AuditVerifier } from './audit-verification';
import { oversightProblem } from './oversight.errors';
import { OversightRepository, RegisterReportRow, RegisterReportStatus } from './oversight.repository';
import { SUMMARIES } from './timeline-summaries';

const AGEING_BUCKETS = ['0-10', '11-20', '21-40', '>40'];

export const STATS_PERIODS = ['month', '3months', 'year'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

/** The period's first day: this month's, the month two before this one's, or this year's. */
export function periodStart(period: StatsPeriod, today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (period === 'year') return `${year}-01-01`;
  if (period === 'month') return `${today.slice(0, 7)}-01`;
  const back = year * 12 + (month - 1) - 2;
  return `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}-01`;
}

/** The median (the lower middle for an even count) of values given with how often each occurs. */
export function weightedMedian(values: { value: number; n: number }[]): number | null {
  const total = values.reduce((sum, v) => sum + v.n, 0);
  if (total === 0) return null;
  const sorted = [...values].sort((a, b) => a.value - b.value);
  let seen = 0;
  for (const v of sorted) {
    seen += v.n;
    if (seen * 2 >= total) return v.value;
  }
  return sorted[sorted.length - 1].value;
}
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
    private readonly config: AppConfig,
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

  async overview(period: StatsPeriod = 'year') {
    const today = toOsloDate(new Date());
    const from = periodStart(period, today);
    const [o, p] = await Promise.all([
      this.repository.overview(today, { open: OPEN_STATUSES, slaRunning: SLA_RUNNING_STATUSES }),
      this.repository.period(from, period !== 'year'),
    ]);
    const target = this.config.slaBusinessDays;
    const lead = p.lead.map((l) => ({ value: l.days, n: l.n }));
    const waits = p.backlog.map((b) => ({ value: businessDaysBetween(b.day, today), n: b.n }));
    const granted = p.granted ?? o.granted;
    return {
      period: { name: period, from, to: today },
      decisionsInPeriod: { granted: p.decisions.granted, rejected: p.decisions.rejected },
      grantedInPeriod: { count: granted.count, amountNok: Number(granted.amount) },
      leadTime: {
        decisions: lead.reduce((sum, l) => sum + l.n, 0),
        medianBusinessDays: weightedMedian(lead),
        withinTarget: lead.reduce((sum, l) => sum + (l.value <= target ? l.n : 0), 0),
        targetBusinessDays: target,
      },
      approvalBacklog: {
        count: waits.reduce((sum, w) => sum + w.n, 0),
        oldestBusinessDays: waits.length ? Math.max(...waits.map((w) => w.value)) : null,
        medianBusinessDays: weightedMedian(waits),
      },
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
