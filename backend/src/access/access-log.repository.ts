import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../common/prepared';
import { query, queryOne } from '../common/sql';
import type { AccessEntry, AccessKind } from './access-entry';

/** A row of the access log as the lists give it, with the person's display name when they are a user. */
export interface AccessLogRow {
  id: string;
  occurred_at: Date;
  /** The time to the microsecond, for the cursor. */
  at_us: string;
  kind: AccessKind;
  username: string | null;
  display_name: string | null;
  why: string | null;
  application_id: string | null;
  resource_id: string | null;
  route: string | null;
  status: number | null;
  subject: string | null;
  role: string | null;
  request_id: string | null;
  client_address: string | null;
}

/** Where a page starts: after this row, newest first. */
export interface AccessLogAfter {
  occurredAt: string;
  id: string;
}

export interface AccessLogFilter {
  username?: string;
  kinds: AccessKind[];
  from?: string;
  to?: string;
}

const COLUMNS = `l.id, l.occurred_at, to_char(l.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_us, l.kind, l.username, u.display_name, l.why, l.application_id, l.resource_id, l.route,
                 l.status, l.subject, l.role, l.request_id, l.client_address`;

/** One statement for any number of rows: each column as an array, unnested. */
const INSERT = `
  INSERT INTO access_log (occurred_at, kind, username, why, application_id, resource_id, route, status, request_id, client_address)
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::smallint[],
                       $9::text[], $10::text[])`;

@Injectable()
export class AccessLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(rows: AccessEntry[]): Promise<void> {
    if (!rows.length) return;
    const column = <T>(pick: (row: AccessEntry) => T) => rows.map(pick);
    await preparedQuery(this.dataSource, 'access_log_insert', INSERT, [
      column((r) => r.occurredAt),
      column((r) => r.kind),
      column((r) => r.username),
      column((r) => r.why ?? null),
      column((r) => r.applicationId ?? null),
      column((r) => r.resourceId ?? null),
      column((r) => r.route ?? null),
      column((r) => r.status ?? null),
      column((r) => r.requestId),
      column((r) => r.clientAddress),
    ]);
  }

  async caseExists(applicationId: string): Promise<boolean> {
    return !!(await queryOne(this.dataSource, `SELECT 1 FROM application WHERE id = $1`, [applicationId]));
  }

  /** The reads of one case, newest first (ix_access_log_case_reads). */
  caseReads(applicationId: string, limit: number, after?: AccessLogAfter): Promise<AccessLogRow[]> {
    return query(
      this.dataSource,
      `SELECT ${COLUMNS}
         FROM access_log l LEFT JOIN app_user u ON u.username = l.username
        WHERE l.kind = 'read' AND l.application_id = $1
          AND ($2::timestamptz IS NULL OR (l.occurred_at, l.id) < ($2::timestamptz, $3::uuid))
        ORDER BY l.occurred_at DESC, l.id DESC
        LIMIT $4`,
      [applicationId, after?.occurredAt ?? null, after?.id ?? null, limit],
    );
  }

  /**
   * Sign-ins, refusals, role changes (and reads, when asked for), newest first. Without reads the
   * partial index of the other events serves the order; with reads, a time range is read through
   * the BRIN index on the time.
   */
  events(filter: AccessLogFilter, limit: number, after?: AccessLogAfter): Promise<AccessLogRow[]> {
    const withReads = filter.kinds.includes('read');
    return query(
      this.dataSource,
      `SELECT ${COLUMNS}
         FROM access_log l LEFT JOIN app_user u ON u.username = l.username
        WHERE ${withReads ? 'true' : `l.kind <> 'read'`} AND l.kind = ANY ($1::text[])
          AND ($2::text IS NULL OR l.username = $2)
          AND ($3::timestamptz IS NULL OR l.occurred_at >= $3)
          AND ($4::timestamptz IS NULL OR l.occurred_at < $4)
          AND ($5::timestamptz IS NULL OR (l.occurred_at, l.id) < ($5::timestamptz, $6::uuid))
        ORDER BY l.occurred_at DESC, l.id DESC
        LIMIT $7`,
      [filter.kinds, filter.username ?? null, filter.from ?? null, filter.to ?? null, after?.occurredAt ?? null, after?.id ?? null, limit],
    );
  }
}
