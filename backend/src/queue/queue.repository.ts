import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { CaseStatus, OPEN_STATUSES, SLA_RUNNING_STATUSES, TAKING_PART_KINDS } from '../cases';
import { decodeCursor } from '../common/cursor';
import { preparedQuery } from '../common/prepared';
import { isCalendarDate, textFault, TEXT_MESSAGES } from '../common/validation';
import { toOsloDate } from '../sla/business-days';
import { QueueName, QueueQueryDto, QueueSort } from './dto/queue-query.dto';

const SORT_COLUMNS: Record<string, string> = {
  receivedAt: 'a.received_at',
  slaDueAt: 'a.sla_due_on',
  requestedAmount: 'a.requested_amount_nok',
  applicantName: 'a.applicant_name',
  // Not yet evaluated sorts first (ascending), as -1.
  maxAid: 'coalesce(a.max_aid_nok, -1)',
  // Only in the approver's queue: the open recommendation's time, probed per recommended case
  // (index-only on ix_recommendation_open_at). A subquery, not a join: a join would let the planner
  // hash every recommendation ever made (decided cases keep theirs) to find the few open ones.
  recommendedAt: '(SELECT r.recommended_at FROM recommendation r WHERE r.application_id = a.id AND r.returned_at IS NULL)',
};

const TIMESTAMP_TEXT = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v) && isCalendarDate(v.slice(0, 10));

/**
 * What a cursor's value may be for each sort key: what sortValue gives out, so that a forged
 * cursor is refused as one instead of reaching PostgreSQL as a timestamp, date or bigint it cannot read.
 */
const CURSOR_VALUES: Record<string, (value: unknown) => boolean> = {
  receivedAt: TIMESTAMP_TEXT,
  recommendedAt: TIMESTAMP_TEXT,
  slaDueAt: isCalendarDate,
  requestedAmount: (v) => Number.isSafeInteger(v),
  maxAid: (v) => Number.isSafeInteger(v),
  applicantName: (v) => {
    if (typeof v !== 'string' || v.length > 2000) return false;
    const fault = textFault(v, { lineBreaks: true });
    return fault !== TEXT_MESSAGES.nul && fault !== TEXT_MESSAGES.surrogate;
  },
};

/**
 * The queue's SQL. Each page is one statement over the application row (which carries the latest
 * evaluation's summary, so no join to evaluations), run as a named prepared statement on the read
 * replica when there is one. Statement texts depend only on which filters a query uses, never on
 * their values, so the prepared statements per connection stay a small set.
 */
@Injectable()
export class QueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page and one row more (which says whether there is a next page). */
  async page(query: QueueQueryDto, actor: QueueActor): Promise<{ rows: QueueRow[]; limit: number; sort: QueueSort; key: string }> {
    const { sql, params, limit, sort, key } = buildQueueQuery(query, actor);
    const rows = await preparedQuery<QueueRow>(this.dataSource, queueStatementName(sql), sql, params, { replica: true });
    return { rows, limit, sort, key };
  }

  /**
   * How many cases the query's view holds (all its pages): exact where that is cheap, else the
   * planner's estimate. A named queue is a person's work (or the cases waiting for approval) and
   * is counted; a view of statuses and a caseworker (or nobody) is summed from case_tally; any
   * other view is estimated, and counted when the estimate is small.
   */
  async total(query: QueueQueryDto, actor: QueueActor): Promise<{ total: number; estimate: boolean }> {
    const tally = buildTallyCount(query, actor);
    if (tally) {
      const [row] = await preparedQuery<{ n: string }>(this.dataSource, queueStatementName(tally.sql), tally.sql, tally.params, {
        replica: true,
      });
      return { total: Number(row.n), estimate: false };
    }
    const { from, where, params } = buildQueueFilter({ ...query, cursor: undefined }, actor);
    const count = `SELECT count(*) AS n ${from} ${where}`;
    if (!query.queue) {
      // The planner's plan of the count: how many rows it expects, and whether it would read the
      // whole table for them. Counted only when the rows are few and the table is not read whole
      // (unless it is tiny); else the planner's estimate is the total.
      const explain = `EXPLAIN (FORMAT JSON) ${count}`;
      const [plan] = await preparedQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        this.dataSource,
        queueStatementName(explain),
        explain,
        params,
        {
          replica: true,
        },
      );
      const root = plan['QUERY PLAN'][0].Plan;
      const estimated = Math.round(root.Plans?.[0]?.['Plan Rows'] ?? root['Plan Rows']);
      if (estimated > EXACT_COUNT_BELOW || (scansTable(root) && root['Total Cost'] > TINY_COST)) {
        return { total: estimated, estimate: true };
      }
    }
    const [row] = await preparedQuery<{ n: string }>(this.dataSource, queueStatementName(count), count, params, { replica: true });
    return { total: Number(row.n), estimate: false };
  }

  /** The count of each queue named, for the navigation: one statement. */
  async counts(names: readonly QueueName[], actor: QueueActor): Promise<Partial<Record<QueueName, number>>> {
    if (!names.length) return {};
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const parts = names.map((name) => {
      const tally = tallyOfQueue(name, actor, param);
      if (tally) return `(${tally}) AS "${name}"`;
      const { from, conditions } = queueConditions(name, actor, param);
      return `(SELECT count(*) ${from} WHERE ${conditions.join(' AND ')}) AS "${name}"`;
    });
    const sql = `SELECT ${parts.join(', ')}`;
    const [row] = await preparedQuery<Record<string, string>>(this.dataSource, queueStatementName(sql), sql, params, { replica: true });
    return Object.fromEntries(names.map((name) => [name, Number(row[name])]));
  }
}

/** Who asks: the queues "mine", "to approve" and the like are the caller's. */
export type QueueActor = Pick<Actor, 'id'> & Partial<Pick<Actor, 'roles'>>;

/** Below this many cases (as the planner estimates them) a view's total is counted exactly. */
const EXACT_COUNT_BELOW = 10_000;

/** A plan's cost below which reading the whole table is cheap anyway (a few hundred pages). */
const TINY_COST = 1000;

interface PlanNode {
  'Node Type': string;
  'Plan Rows': number;
  'Total Cost': number;
  Plans?: PlanNode[];
}

/** Whether a plan reads a whole table (a count that does is no longer cheap at a million cases). */
const scansTable = (node: PlanNode): boolean => node['Node Type'] === 'Seq Scan' || (node.Plans ?? []).some(scansTable);

const ZERO_ID = `'00000000-0000-0000-0000-000000000000'::uuid`;
const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The person took part in the case (TAKING_PART_KINDS, as the four-eyes trigger checks them).
 * The kinds are written out, not a parameter, so the planner can use the partial index
 * ix_audit_event_taking_part (1764520000000-QueueCounts) that holds only those kinds.
 */
const tookPart = (actorParam: string) =>
  `EXISTS (SELECT 1 FROM audit_event e WHERE e.actor_id = ${actorParam} AND coalesce(e.application_id, ${ZERO_ID}) = a.id
              AND e.kind IN (${sqlList(TAKING_PART_KINDS)}))`;

/** An approver returned a recommendation of the case, and the case is still open. */
export const RETURNED = `(a.status <> ALL('{decided,withdrawn}'::text[])
       AND EXISTS (SELECT 1 FROM recommendation rr WHERE rr.application_id = a.id AND rr.returned_at IS NOT NULL))`;

/** The open statuses a caseworker works on again after a return (not recommended: that waits for an approver). */
const WORKING_STATUSES: readonly CaseStatus[] = ['received', 'in_review', 'awaiting_applicant'];

/** Whether the caller works cases (then "awaiting the applicant" is their own). */
const isCaseworker = (actor: QueueActor) => actor.roles?.includes('caseworker') ?? false;

/**
 * A named queue as SQL: its tables beyond the application (a) and the conditions on them. The
 * lists and the counts use the same, so a count is the number of rows its list pages through.
 */
export function queueConditions(
  name: QueueName,
  actor: QueueActor,
  param: (value: unknown) => string,
): { from: string; conditions: string[] } {
  const from = 'FROM application a';
  switch (name) {
    case 'mine':
      return { from, conditions: [`a.assignee_id = ${param(actor.id)}`, `a.status = ANY(${param(OPEN_STATUSES)}::text[])`] };
    case 'unassigned':
      return { from, conditions: ['a.assignee_id IS NULL', `a.status = ANY(${param(OPEN_STATUSES)}::text[])`] };
    case 'awaiting-applicant':
      return {
        from,
        conditions: [...(isCaseworker(actor) ? [`a.assignee_id = ${param(actor.id)}`] : []), `a.status = 'awaiting_applicant'`],
      };
    case 'returned-to-me':
      return {
        from,
        conditions: [`a.assignee_id = ${param(actor.id)}`, `a.status = ANY(${param(WORKING_STATUSES)}::text[])`, RETURNED],
      };
    case 'to-approve':
      // A recommended case has its open recommendation (uq_recommendation_open): no join needed.
      return { from, conditions: [`a.status = 'recommended'`, `NOT ${tookPart(param(actor.id))}`] };
  }
}

/**
 * The queues the tallies count exactly: a caseworker's (or nobody's) cases of some open statuses,
 * from open_due_tally (migrations/1764590200000-DashboardOpenTally.ts: rows per status, caseworker
 * and due date, bounded by the staff and the calendar), not case_tally's row per open case.
 */
function tallyOfQueue(name: QueueName, actor: QueueActor, param: (value: unknown) => string): string | null {
  const sum = (conditions: string[]) => `SELECT coalesce(sum(t.n), 0) AS n FROM open_due_tally t WHERE ${conditions.join(' AND ')}`;
  switch (name) {
    case 'mine':
      return sum([`t.status = ANY(${param(OPEN_STATUSES)}::text[])`, `t.assignee_id = ${param(actor.id)}`]);
    case 'unassigned':
      return sum([`t.status = ANY(${param(OPEN_STATUSES)}::text[])`, 't.assignee_id IS NULL']);
    case 'awaiting-applicant':
      return sum([`t.status = 'awaiting_applicant'`, ...(isCaseworker(actor) ? [`t.assignee_id = ${param(actor.id)}`] : [])]);
    default:
      return null;
  }
}

/**
 * A view's total from case_tally, when the view is only statuses and a caseworker (or nobody):
 * the tally holds every status, and the caseworker of open cases only.
 */
function buildTallyCount(query: QueueQueryDto, actor: QueueActor): { sql: string; params: unknown[] } | null {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const { q, sizeClass, rule, flag, returned, queue, status, assignee } = query;
  // The tally counts by status and caseworker only.
  const overdue = query.overdue || query.replyOverdue;
  if (queue === 'mine' || queue === 'unassigned' || queue === 'awaiting-applicant') {
    if (q || sizeClass?.length || overdue || rule?.length || flag?.length || returned !== undefined || status?.length || assignee)
      return null;
    return { sql: tallyOfQueue(queue, actor, param)!, params };
  }
  if (queue || q || sizeClass?.length || overdue || rule?.length || flag?.length || returned !== undefined) return null;
  const conditions: string[] = [];
  if (status?.length) conditions.push(`t.status = ANY(${param(status)}::text[])`);
  if (assignee) {
    if (!status?.length || !status.every((s) => OPEN_STATUSES.includes(s as CaseStatus))) return null;
    if (assignee === 'me') conditions.push(`t.assignee_id = ${param(actor.id)}`);
    else if (assignee === 'unassigned') conditions.push('t.assignee_id IS NULL');
    else conditions.push(`t.assignee_id = (SELECT id FROM app_user WHERE username = ${param(assignee)})`);
  }
  const sql = `SELECT coalesce(sum(t.n), 0) AS n FROM case_tally t${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
  return { sql, params };
}

const FLAGS = ['fail', 'missing', 'refer', 'assess'] as const;

/** A case's whole reference, as intake makes it (PIO-2026-000123), in any case. */
const REFERENCE = /^pio-\d{4}-\d{6,}$/i;

/** The queue's SQL for a query (exported so the benchmark can run the very same statement raw). */
export function buildQueueQuery(query: QueueQueryDto, actor: QueueActor) {
  const { sort, key, descending, column, from, where, params, param } = buildQueueFilter(query, actor);
  const limit = query.limit ?? 50;
  const direction = descending ? 'DESC' : 'ASC';
  const approving = query.queue === 'to-approve';
  const sql = `SELECT a.id, a.reference, a.external_ref, a.status, a.sla_due_on, a.applicant_name,
            a.org_number, a.county, a.project_title, a.requested_amount_nok, a.size_class, a.decision_outcome,
            a.version, u.username AS assignee_username, u.display_name AS assignee_name,
            to_char(a.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at_text,
            a.latest_evaluation_id, a.flag_fail, a.flag_missing, a.flag_refer, a.flag_assess, a.max_aid_nok,
            ${RETURNED} AS returned,
            CASE WHEN a.status = 'awaiting_applicant' THEN
              (SELECT ir.reply_by FROM information_request ir WHERE ir.application_id = a.id AND ir.resumed_at IS NULL) END AS reply_by,
            ${approving ? `to_char(${SORT_COLUMNS.recommendedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : 'NULL::text'} AS recommended_at_text
       ${from}
       LEFT JOIN app_user u ON u.id = a.assignee_id
      ${where}
      ORDER BY ${column} ${direction}, a.id ${direction}
      LIMIT ${param(limit + 1)}`;
  return { sql, params, limit, sort, key };
}

/** The sort a query asks for: the approver's queue defaults to the oldest recommendation first. */
export function queueSort(query: QueueQueryDto): QueueSort {
  return query.sort ?? (query.queue === 'to-approve' ? 'recommendedAt' : 'receivedAt');
}

/** The FROM and WHERE of a query (its filters, its queue, its cursor), shared by a page and its total. */
function buildQueueFilter(query: QueueQueryDto, actor: QueueActor) {
  const sort = queueSort(query);
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const column = SORT_COLUMNS[key];
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  let from = 'FROM application a';
  if (query.queue) {
    const named = queueConditions(query.queue, actor, param);
    from = named.from;
    where.push(...named.conditions);
  }

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
    where.push(`a.sla_due_on < ${param(toOsloDate(new Date()))}::date AND a.status = ANY(${param(SLA_RUNNING_STATUSES)}::text[])`);
  }
  if (query.returned === true) where.push(RETURNED);
  else if (query.returned === false) where.push(`NOT ${RETURNED}`);
  // Few cases at a time are late with a reply: the partial index ix_information_request_overdue holds just those.
  if (query.replyOverdue === true) {
    where.push(`a.status = 'awaiting_applicant' AND EXISTS (SELECT 1 FROM information_request ir
      WHERE ir.application_id = a.id AND ir.resumed_at IS NULL AND ir.overdue_at IS NOT NULL)`);
  }
  // All rules in one parameter and each flag once, in a fixed order: the statement's text then
  // depends only on which filters are used, so the prepared statements per text stay a small set.
  if (query.rule?.length) where.push(`a.rule_outcomes @> ${param([...new Set(query.rule)].sort())}::text[]`);
  for (const flag of FLAGS) if (query.flag?.includes(flag)) where.push(`a.flag_${flag} > 0`);
  if (query.q) {
    const text = query.q.trim();
    if (REFERENCE.test(text)) {
      // A whole reference names one case: the unique index finds it. The trigram index would have
      // to intersect the posting lists of "pio", "-20…" and the digits, which grow with the office
      // (p50 7 ms at 100 000 cases, 46 ms at 1 000 000). Only a reference can hold a reference.
      where.push(`a.reference = ${param(text.toUpperCase())}`);
    } else {
      const needle = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      where.push(`a.search_text LIKE ${param(`%${needle}%`)}`);
    }
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, sort, CURSOR_VALUES[key]);
    where.push(`(${column}, a.id) ${descending ? '<' : '>'} (${param(cursor.value)}, ${param(cursor.id)})`);
  }
  return { sort, key, descending, column, from, where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, param };
}

export interface QueueRow {
  id: string;
  reference: string;
  external_ref: string;
  status: CaseStatus;
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
  returned: boolean;
  reply_by: string | null;
  recommended_at_text: string | null;
}

export function sortValue(row: QueueRow, key: string): string | number {
  switch (key) {
    case 'slaDueAt':
      return row.sla_due_on;
    case 'requestedAmount':
      return row.requested_amount_nok;
    case 'applicantName':
      return row.applicant_name;
    case 'maxAid':
      return row.max_aid_nok ?? -1;
    case 'recommendedAt':
      return row.recommended_at_text!;
    default:
      // Full microsecond precision: a JS Date would cut to milliseconds and skip rows.
      return row.received_at_text;
  }
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
