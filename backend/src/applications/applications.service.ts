import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { Problem } from '../common/problem';
import { preparedQuery } from '../common/prepared';
import { businessDaysBetween, toOsloDate } from '../sla/business-days';
import { ApplicationStatus } from './application.entity';
import { bumpVersion, lockCase } from '../casework/case-change';
import { QueueQueryDto, QueueSort } from './dto/queue-query.dto';

const SORT_COLUMNS: Record<string, string> = {
  receivedAt: 'a.received_at',
  slaDueAt: 'a.sla_due_on',
  requestedAmount: 'a.requested_amount_nok',
  applicantName: 'a.applicant_name',
  // Not yet evaluated sorts first (ascending), as -1.
  maxAid: 'coalesce(a.max_aid_nok, -1)',
};

/** Statuses in which the SLA clock runs (awaiting the applicant pauses it; decided and withdrawn stop it). */
export const SLA_RUNNING: ApplicationStatus[] = ['received', 'in_review', 'recommended'];

export interface QueueItem {
  id: string;
  reference: string;
  externalRef: string;
  status: ApplicationStatus;
  assignee: { username: string; displayName: string } | null;
  receivedAt: string;
  slaDueAt: string;
  slaDaysLeft: number | null;
  applicant: { name: string; orgNumber: string; county: string | null };
  project: { title: string };
  requestedAmountNok: number;
  sizeClass: string | null;
  decisionOutcome: string | null;
  version: number;
  flags: QueueFlags | null;
  maxAidNok: number | null;
}

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: QueueQueryDto, actor: Actor): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
    const { sql, params, limit, sort, key } = buildQueueQuery(query, actor);
    // Prepared per distinct statement text: which filters, sort and direction a query uses (a
    // bounded set; values are parameters).
    const name = queueStatementName(sql);
    const rows = await preparedQuery<QueueRow>(this.dataSource, name, sql, params, { replica: true });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const today = toOsloDate(new Date());
    const daysLeft = new Map<string, number | null>(); // rows share due dates
    const sla = (r: QueueRow) => {
      const k = `${r.status}|${r.sla_due_on}`;
      let v = daysLeft.get(k);
      if (v === undefined) daysLeft.set(k, (v = slaDaysLeft(r.status, r.sla_due_on, today)));
      return v;
    };
    return {
      items: page.map((r) => toQueueItem(r, sla(r))),
      nextCursor: rows.length > limit && last ? encodeCursor({ sort, value: sortValue(last, key), id: last.id }) : null,
    };
  }

  /** The whole case as the case page needs it, in one round trip. */
  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<CaseView> {
    const [row] = await preparedQuery<{ view: CaseView }>(manager, 'case-view', CASE_VIEW_SQL, [id]);
    if (!row) throw Problem.notFound('Application', id);
    const view = row.view;
    view.slaDaysLeft = slaDaysLeft(view.status, view.slaDueAt, toOsloDate(new Date()));
    return view;
  }

  /** Sets the case's caseworker; returns the case's version afterwards. */
  async assign(id: string, assignee: string | null, actor: Actor, expectedVersion?: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const app = await lockCase(manager, id, actor, expectedVersion);
      if (app.status === 'decided' || app.status === 'withdrawn') {
        throw new Problem(HttpStatus.CONFLICT, 'case-closed', 'The case is closed', `A ${app.status} case cannot be reassigned`);
      }
      const isManager = hasRole(actor, 'manager');
      if (!isManager) {
        if (assignee !== actor.username) {
          throw new Problem(HttpStatus.FORBIDDEN, 'forbidden', 'Not allowed', 'A caseworker can only take a case for themselves');
        }
        if (app.assigneeId && app.assigneeId !== actor.id) {
          throw new Problem(HttpStatus.CONFLICT, 'already-assigned', 'The case is already assigned', 'Ask a manager to reassign it');
        }
      }
      let target: { id: string; username: string } | null = null;
      if (assignee !== null) {
        const [user] = await manager.query(
          `SELECT u.id, u.username FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'caseworker'
            WHERE u.username = $1 AND u.active`,
          [assignee],
        );
        if (!user) {
          throw Problem.validation([{ path: '$.assignee', message: `no active caseworker is called "${assignee}"` }]);
        }
        target = user;
      }
      if ((target?.id ?? null) === app.assigneeId) return app.version;
      await manager.query(`UPDATE application SET assignee_id = $2 WHERE id = $1`, [id, target?.id ?? null]);
      const version = await bumpVersion(manager, id);
      await this.audit.record(manager, actor, {
        kind: 'assignment',
        applicationId: id,
        data: { before: { assignee: app.assigneeUsername }, after: { assignee: target?.username ?? null } },
      });
      return version;
    });
  }

  async bulkAssign(ids: string[], assignee: string | null, actor: Actor) {
    const results: { id: string; ok: boolean; status: number; version?: number; error?: string }[] = [];
    for (const id of ids) {
      try {
        const version = await this.assign(id, assignee, actor);
        results.push({ id, ok: true, status: 200, version });
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        results.push({ id, ok: false, status: error.getStatus(), error: error.detail ?? error.title });
      }
    }
    return { results };
  }
}

const FLAGS = ['fail', 'missing', 'refer', 'assess'] as const;

/** The queue's SQL for a query (exported so the benchmark can run the very same statement raw). */
export function buildQueueQuery(query: QueueQueryDto, actor: Pick<Actor, 'id'>) {
  const sort: QueueSort = query.sort ?? 'receivedAt';
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const column = SORT_COLUMNS[key];
  const limit = query.limit ?? 50;
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  // One status as an equality, so an index on (…, status, sort column, id) yields rows in order
  // and a page reads 50 entries: with = ANY the planner cannot count on that order and may walk
  // the sort index filtering instead, which is slow when the newest cases have another status.
  if (query.status?.length === 1) where.push(`a.status = ${param(query.status[0])}`);
  else if (query.status?.length) where.push(`a.status = ANY(${param(query.status)}::text[])`);
  if (query.assignee === 'me') where.push(`a.assignee_id = ${param(actor.id)}`);
  else if (query.assignee === 'unassigned') where.push('a.assignee_id IS NULL');
  else if (query.assignee) {
    where.push(`a.assignee_id = (SELECT id FROM app_user WHERE username = ${param(query.assignee)})`);
  }
  if (query.sizeClass?.length) where.push(`a.size_class = ANY(${param(query.sizeClass)}::text[])`);
  if (query.overdue === true) {
    where.push(`a.sla_due_on < ${param(toOsloDate(new Date()))}::date AND a.status = ANY(${param(SLA_RUNNING)}::text[])`);
  }
  // All rules in one parameter and each flag once, in a fixed order: the statement's text then
  // depends only on which filters are used, so the prepared statements per text stay a small set.
  if (query.rule?.length) where.push(`a.rule_outcomes @> ${param([...new Set(query.rule)].sort())}::text[]`);
  for (const flag of FLAGS) if (query.flag?.includes(flag)) where.push(`a.flag_${flag} > 0`);
  if (query.q) {
    const needle = query.q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(`a.search_text LIKE ${param(`%${needle}%`)}`);
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, sort);
    where.push(`(${column}, a.id) ${descending ? '<' : '>'} (${param(cursor.value)}, ${param(cursor.id)})`);
  }
  const direction = descending ? 'DESC' : 'ASC';
  const sql = `SELECT a.id, a.reference, a.external_ref, a.status, a.sla_due_on, a.applicant_name,
            a.org_number, a.county, a.project_title, a.requested_amount_nok, a.size_class, a.decision_outcome,
            a.version, u.username AS assignee_username, u.display_name AS assignee_name,
            to_char(a.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at_text,
            a.latest_evaluation_id, a.flag_fail, a.flag_missing, a.flag_refer, a.flag_assess, a.max_aid_nok
       FROM application a
       LEFT JOIN app_user u ON u.id = a.assignee_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${column} ${direction}, a.id ${direction}
      LIMIT ${param(limit + 1)}`;
  return { sql, params, limit, sort, key };
}

interface QueueRow {
  id: string;
  reference: string;
  external_ref: string;
  status: ApplicationStatus;
  sla_due_on: string;
  applicant_name: string;
  org_number: string;
  county: string | null;
  project_title: string;
  requested_amount_nok: number;
  size_class: string | null;
  decision_outcome: string | null;
  version: number;
  assignee_username: string | null;
  assignee_name: string | null;
  received_at_text: string;
  latest_evaluation_id: string | null;
  flag_fail: number;
  flag_missing: number;
  flag_refer: number;
  flag_assess: number;
  max_aid_nok: number | null;
}

function sortValue(row: QueueRow, key: string): string | number {
  switch (key) {
    case 'slaDueAt':
      return row.sla_due_on;
    case 'requestedAmount':
      return row.requested_amount_nok;
    case 'applicantName':
      return row.applicant_name;
    case 'maxAid':
      return row.max_aid_nok ?? -1;
    default:
      // Full microsecond precision: a JS Date would cut to milliseconds and skip rows.
      return row.received_at_text;
  }
}

export function slaDaysLeft(status: ApplicationStatus, slaDueOn: string, today: string): number | null {
  return SLA_RUNNING.includes(status) ? businessDaysBetween(today, slaDueOn) : null;
}

const statementNames = new Map<string, string>();

/** A queue statement's prepared-statement name, from its text (remembered: the texts are a small set). */
function queueStatementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `queue-${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (statementNames.size >= 1000) statementNames.clear();
    statementNames.set(sql, name);
  }
  return name;
}

function toQueueItem(r: QueueRow, slaDaysLeft: number | null): QueueItem {
  return {
    id: r.id,
    reference: r.reference,
    externalRef: r.external_ref,
    status: r.status,
    assignee: r.assignee_username ? { username: r.assignee_username, displayName: r.assignee_name! } : null,
    // Milliseconds, as everywhere in the API (the text keeps microseconds for the cursor).
    receivedAt: `${r.received_at_text.slice(0, 23)}Z`,
    slaDueAt: r.sla_due_on,
    slaDaysLeft,
    applicant: { name: r.applicant_name, orgNumber: r.org_number, county: r.county },
    project: { title: r.project_title },
    requestedAmountNok: r.requested_amount_nok,
    sizeClass: r.size_class,
    decisionOutcome: r.decision_outcome,
    version: r.version,
    flags: r.latest_evaluation_id
      ? { fail: r.flag_fail, missing: r.flag_missing, refer: r.flag_refer, assess: r.flag_assess }
      : null,
    maxAidNok: r.max_aid_nok,
  };
}

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The case view, built by PostgreSQL as JSON. Optional fields the applicant
 * left out stay out (jsonb_strip_nulls), so the parts read like the submitted
 * document, with ids added.
 */
const CASE_VIEW_SQL = `
  SELECT jsonb_build_object(
    'id', a.id, 'reference', a.reference, 'externalRef', a.external_ref, 'status', a.status,
    'assignee', CASE WHEN u.id IS NULL THEN NULL ELSE jsonb_build_object('username', u.username, 'displayName', u.display_name) END,
    'version', a.version,
    'receivedAt', to_char(a.received_at AT TIME ZONE 'UTC', ${ISO_UTC}),
    'createdAt', to_char(a.created_at AT TIME ZONE 'UTC', ${ISO_UTC}),
    'updatedAt', to_char(a.updated_at AT TIME ZONE 'UTC', ${ISO_UTC}),
    'slaDueAt', a.sla_due_on, 'slaDaysLeft', NULL, 'sizeClass', a.size_class,
    'decision', CASE WHEN a.decision_outcome IS NULL THEN NULL ELSE jsonb_build_object('outcome', a.decision_outcome) END,
    'applicant', jsonb_strip_nulls(jsonb_build_object(
        'orgNumber', ap.org_number, 'name', ap.name, 'companyForm', ap.company_form, 'incorporatedOn', ap.incorporated_on,
        'naceCode', ap.nace_code, 'county', ap.county, 'publicOwnershipPct', ap.public_ownership_pct,
        'insolvencyProceedings', ap.insolvency_proceedings, 'outstandingRescueAid', ap.outstanding_rescue_aid,
        'outstandingRecoveryOrder', ap.outstanding_recovery_order))
      || jsonb_build_object(
        'financials', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
            -- where the year stands in the submitted document: corrections address it by that index
            'index', (SELECT x.n - 1 FROM jsonb_array_elements(a.submitted_document->'applicant'->'financials')
                        WITH ORDINALITY x(e, n) WHERE (x.e->>'year')::int = f.year),
            'year', f.year, 'annualWorkUnits', f.annual_work_units, 'turnoverNok', f.turnover_nok,
            'balanceSheetNok', f.balance_sheet_nok, 'shareCapitalNok', f.share_capital_nok, 'otherEquityNok', f.other_equity_nok,
            'debtNok', f.debt_nok, 'ebitdaNok', f.ebitda_nok, 'interestExpenseNok', f.interest_expense_nok)) ORDER BY f.year DESC)
          FROM financial_year f WHERE f.application_id = a.id), '[]'::jsonb),
        'relatedEnterprises', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
            'name', r.name, 'orgNumber', r.org_number, 'relation', r.relation, 'sharePct', r.share_pct,
            'annualWorkUnits', r.annual_work_units, 'turnoverNok', r.turnover_nok, 'balanceSheetNok', r.balance_sheet_nok))
            ORDER BY r.position)
          FROM related_enterprise r WHERE r.application_id = a.id), '[]'::jsonb)),
    'project', jsonb_strip_nulls(jsonb_build_object(
        'title', a.project_title, 'description', a.project_description, 'innovationTypes', to_jsonb(a.innovation_types),
        'startDate', a.start_date, 'endDate', a.end_date, 'location', a.location, 'circularTransition', a.circular_transition))
      || jsonb_build_object(
        'firstBindingCommitmentDate', a.first_binding_commitment_date,
        'collaborationPartners', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
            'name', p.name, 'orgNumber', p.org_number, 'sizeClass', p.size_class, 'eligibleCostsNok', p.eligible_costs_nok))
            ORDER BY p.position)
          FROM collaboration_partner p WHERE p.application_id = a.id), '[]'::jsonb)),
    'aid', jsonb_build_object('instrument', a.aid_instrument, 'requestedAmountNok', a.requested_amount_nok),
    'otherPublicAid', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
        'grantor', o.grantor, 'legalBasis', o.legal_basis, 'amountNok', o.amount_nok, 'coversSameCosts', o.covers_same_costs))
        ORDER BY o.position)
      FROM other_public_aid o WHERE o.application_id = a.id), '[]'::jsonb),
    'costLines', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
        'id', c.id, 'lineNo', c.line_no, 'category', c.category, 'description', c.description, 'amountNok', c.amount_nok,
        'hours', c.hours, 'hourlyRateNok', c.hourly_rate_nok, 'basis', c.basis, 'acquisitionCostNok', c.acquisition_cost_nok,
        'usefulLifeMonths', c.useful_life_months, 'monthsUsed', c.months_used, 'projectUseSharePct', c.project_use_share_pct,
        'monthlyRentNok', c.monthly_rent_nok, 'supplierName', c.supplier_name, 'supplierRelation', c.supplier_relation,
        'incurredFrom', c.incurred_from)) || jsonb_build_object(
        'assessment', CASE WHEN c.approved_amount_nok IS NULL THEN NULL ELSE jsonb_build_object(
          'approvedAmountNok', c.approved_amount_nok, 'reason', c.approval_reason, 'assessedBy', c.assessed_by,
          'assessedByName', (SELECT u.display_name FROM app_user u WHERE u.username = c.assessed_by),
          'assessedAt', to_char(c.assessed_at AT TIME ZONE 'UTC', ${ISO_UTC})) END) ORDER BY c.line_no)
      FROM cost_line c WHERE c.application_id = a.id), '[]'::jsonb),
    'judgments', coalesce((SELECT jsonb_agg(jsonb_build_object('criterionId', j.criterion_id, 'outcome', j.outcome,
        'rationale', j.rationale, 'recordedBy', j.recorded_by,
        'recordedByName', (SELECT u.display_name FROM app_user u WHERE u.username = j.recorded_by), 'revision', j.revision,
        'recordedAt', to_char(j.recorded_at AT TIME ZONE 'UTC', ${ISO_UTC})) ORDER BY j.criterion_id)
      FROM judgment j WHERE j.application_id = a.id), '[]'::jsonb),
    'corrections', coalesce((SELECT jsonb_agg(jsonb_build_object('path', f.path, 'submittedValue', f.submitted_value,
        'correctedValue', f.corrected_value, 'reason', f.reason, 'correctedBy', f.corrected_by,
        'correctedByName', (SELECT u.display_name FROM app_user u WHERE u.username = f.corrected_by),
        'correctedAt', to_char(f.corrected_at AT TIME ZONE 'UTC', ${ISO_UTC})) ORDER BY f.corrected_at, f.id)
      FROM fact_correction f WHERE f.application_id = a.id), '[]'::jsonb),
    'exchangeRate', CASE WHEN a.nok_per_eur_override IS NULL THEN NULL
      ELSE jsonb_build_object('nokPerEur', a.nok_per_eur_override, 'reason', a.nok_per_eur_override_reason) END,
    'evaluation', CASE WHEN a.latest_evaluation_id IS NULL THEN NULL ELSE jsonb_build_object(
      'id', a.latest_evaluation_id, 'flags', jsonb_build_object('fail', a.flag_fail, 'missing', a.flag_missing,
      'refer', a.flag_refer, 'assess', a.flag_assess), 'eligibleCostsNok', a.eligible_costs_nok, 'maxAidNok', a.max_aid_nok) END
  ) AS view
  FROM application a
  JOIN applicant ap ON ap.application_id = a.id
  LEFT JOIN app_user u ON u.id = a.assignee_id
  WHERE a.id = $1`;

export interface CaseView {
  id: string;
  reference: string;
  externalRef: string;
  status: ApplicationStatus;
  assignee: { username: string; displayName: string } | null;
  version: number;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  slaDueAt: string;
  slaDaysLeft: number | null;
  sizeClass: string | null;
  decision: { outcome: string } | null;
  applicant: Record<string, unknown> & { orgNumber: string; name: string; financials: Record<string, unknown>[] };
  project: Record<string, unknown> & { title: string };
  aid: { instrument: string; requestedAmountNok: number };
  otherPublicAid: Record<string, unknown>[];
  costLines: (Record<string, unknown> & { id: string; lineNo: number; category: string; amountNok: number })[];
  judgments: { criterionId: string; outcome: string; rationale: string; recordedBy: string; recordedByName: string | null; revision: number; recordedAt: string }[];
  corrections: { path: string; submittedValue: unknown; correctedValue: unknown; reason: string; correctedBy: string; correctedByName: string | null; correctedAt: string }[];
  exchangeRate: { nokPerEur: number; reason: string } | null;
  evaluation: { id: string; flags: QueueFlags; eligibleCostsNok: number | null; maxAidNok: number | null } | null;
}

export interface QueueFlags {
  fail: number;
  missing: number;
  refer: number;
  assess: number;
}

