import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { CaseStatus, SLA_RUNNING_STATUSES } from '../cases';
import { decodeCursor } from '../common/cursor';
import { preparedQuery } from '../common/prepared';
import { isCalendarDate, textFault, TEXT_MESSAGES } from '../common/validation';
import { toOsloDate } from '../sla/business-days';
import { QueueQueryDto, QueueSort } from './dto/queue-query.dto';

const SORT_COLUMNS: Record<string, string> = {
  receivedAt: 'a.received_at',
  slaDueAt: 'a.sla_due_on',
  requestedAmount: 'a.requested_amount_nok',
  applicantName: 'a.applicant_name',
  // Not yet evaluated sorts first (ascending), as -1.
  maxAid: 'coalesce(a.max_aid_nok, -1)',
};

/**
 * What a cursor's value may be for each sort key: what sortValue gives out, so that a forged
 * cursor is refused as one instead of reaching PostgreSQL as a timestamp, date or bigint it cannot read.
 */
const CURSOR_VALUES: Record<string, (value: unknown) => boolean> = {
  receivedAt: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v) && isCalendarDate(v.slice(0, 10)),
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
  async page(query: QueueQueryDto, actor: Pick<Actor, 'id'>): Promise<{ rows: QueueRow[]; limit: number; sort: QueueSort; key: string }> {
    const { sql, params, limit, sort, key } = buildQueueQuery(query, actor);
    const rows = await preparedQuery<QueueRow>(this.dataSource, queueStatementName(sql), sql, params, { replica: true });
    return { rows, limit, sort, key };
  }
}

const FLAGS = ['fail', 'missing', 'refer', 'assess'] as const;

/** A case's whole reference, as intake makes it (PIO-2026-000123), in any case. */
const REFERENCE = /^pio-\d{4}-\d{6,}$/i;

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
    where.push(`a.sla_due_on < ${param(toOsloDate(new Date()))}::date AND a.status = ANY(${param(SLA_RUNNING_STATUSES)}::text[])`);
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
