import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { Problem } from '../common/problem';
import { iso } from '../common/sql';
import { ACCESS_KINDS, AccessKind } from './access-entry';
import { AccessLog } from './access-log';
import { AccessLogAfter, AccessLogRepository, AccessLogRow } from './access-log.repository';
import { accessProblem } from './access.errors';
import type { AccessLogPageQuery, AccessLogQuery } from './dto/access-log.dto';
import type { AccessLogEntryResponse, AccessLogPageResponse } from './dto/access-log.response';

const DEFAULT_LIMIT = 50;
const CURSOR_SORT = 'access-log';
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The manager's lists of the access log. */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly repository: AccessLogRepository,
    private readonly accessLog: AccessLog,
  ) {}

  async caseReads(applicationId: string, query: AccessLogPageQuery): Promise<AccessLogPageResponse> {
    const after = query.cursor ? cursorOf(query.cursor) : undefined;
    if (!(await this.repository.caseExists(applicationId))) throw accessProblem('not-found', `No application with id ${applicationId}`);
    await this.written();
    const limit = query.limit ?? DEFAULT_LIMIT;
    return page(await this.repository.caseReads(applicationId, limit + 1, after), limit);
  }

  async events(query: AccessLogQuery): Promise<AccessLogPageResponse> {
    const after = query.cursor ? cursorOf(query.cursor) : undefined;
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      throw Problem.validation([{ path: '$.to', message: 'to must be later than from' }]);
    }
    const kinds: AccessKind[] = query.kind?.length ? query.kind : ACCESS_KINDS.filter((k) => k !== 'read');
    await this.written();
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.repository.events({ kinds, username: query.username, from: query.from, to: query.to }, limit + 1, after);
    return page(rows, limit);
  }

  /** What this process has recorded is in the table before it is listed (other replicas' within a quarter second). */
  private async written(): Promise<void> {
    await this.accessLog.flush().catch(() => undefined);
  }
}

function cursorOf(raw: string): AccessLogAfter {
  const cursor = decodeCursor(raw, CURSOR_SORT, (value) => typeof value === 'string' && TIME.test(value));
  return { occurredAt: cursor.value as string, id: cursor.id };
}

function page(rows: AccessLogRow[], limit: number): AccessLogPageResponse {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toEntry),
    nextCursor: rows.length > limit && last ? encodeCursor({ sort: CURSOR_SORT, value: last.at_us, id: last.id }) : null,
  };
}

function toEntry(row: AccessLogRow): AccessLogEntryResponse {
  return {
    id: row.id,
    at: iso(row.occurred_at),
    kind: row.kind,
    username: row.username,
    displayName: row.display_name,
    why: row.why,
    applicationId: row.application_id,
    resourceId: row.resource_id,
    route: row.route,
    status: row.status,
    subject: row.subject,
    role: row.role,
    requestId: row.request_id,
    clientAddress: row.client_address,
  };
}
