import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { Problem } from '../common/problem';
import { businessDaysBetween, toOsloDate } from '../sla/business-days';
import { Application, ApplicationStatus } from './application.entity';
import { QueueQueryDto, QueueSort } from './dto/queue-query.dto';

const SORT_COLUMNS: Record<string, string> = {
  receivedAt: 'a.received_at',
  slaDueAt: 'a.sla_due_on',
  requestedAmount: 'a.requested_amount_nok',
  applicantName: 'a.applicant_name',
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
}

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: QueueQueryDto, actor: Actor): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
    const { sql, params, limit, sort, key } = buildQueueQuery(query, actor);
    const rows: QueueRow[] = await this.dataSource.query(sql, params);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const today = toOsloDate(new Date());
    return {
      items: page.map((r) => toQueueItem(r, today)),
      nextCursor: rows.length > limit && last ? encodeCursor({ sort, value: sortValue(last, key), id: last.id }) : null,
    };
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager) {
    const app = await manager.findOne(Application, {
      where: { id },
      relations: {
        assignee: true,
        applicant: true,
        financials: true,
        relatedEnterprises: true,
        collaborationPartners: true,
        otherPublicAid: true,
        costLines: true,
      },
      relationLoadStrategy: 'query',
    });
    if (!app) throw Problem.notFound('Application', id);
    return toCaseView(app, toOsloDate(new Date()));
  }

  /** Loads a case for change, locking its row, and checks the version the client saw. */
  async lockForChange(manager: EntityManager, id: string, expectedVersion?: number): Promise<Application> {
    const app = await manager.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!app) throw Problem.notFound('Application', id);
    if (expectedVersion !== undefined && expectedVersion !== app.version) {
      throw Problem.staleVersion(expectedVersion, app.version);
    }
    return app;
  }

  async assign(id: string, assignee: string | null, actor: Actor, expectedVersion?: number) {
    await this.dataSource.transaction(async (manager) => {
      const app = await this.lockForChange(manager, id, expectedVersion);
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
      if ((target?.id ?? null) === app.assigneeId) return;
      const [before] = app.assigneeId
        ? await manager.query(`SELECT username FROM app_user WHERE id = $1`, [app.assigneeId])
        : [null];
      await manager.query(
        `UPDATE application SET assignee_id = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, target?.id ?? null],
      );
      await this.audit.record(manager, actor, {
        kind: 'assignment',
        applicationId: id,
        data: { before: { assignee: before?.username ?? null }, after: { assignee: target?.username ?? null } },
      });
    });
    return this.get(id);
  }

  async bulkAssign(ids: string[], assignee: string | null, actor: Actor) {
    const results: { id: string; ok: boolean; status: number; version?: number; error?: string }[] = [];
    for (const id of ids) {
      try {
        const view = await this.assign(id, assignee, actor);
        results.push({ id, ok: true, status: 200, version: view.version });
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        results.push({ id, ok: false, status: error.getStatus(), error: error.detail ?? error.title });
      }
    }
    return { results };
  }
}

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

  if (query.status?.length) where.push(`a.status = ANY(${param(query.status)}::text[])`);
  if (query.assignee === 'me') where.push(`a.assignee_id = ${param(actor.id)}`);
  else if (query.assignee === 'unassigned') where.push('a.assignee_id IS NULL');
  else if (query.assignee) {
    where.push(`a.assignee_id = (SELECT id FROM app_user WHERE username = ${param(query.assignee)})`);
  }
  if (query.sizeClass?.length) where.push(`a.size_class = ANY(${param(query.sizeClass)}::text[])`);
  if (query.overdue === true) {
    where.push(`a.sla_due_on < ${param(toOsloDate(new Date()))}::date AND a.status = ANY(${param(SLA_RUNNING)}::text[])`);
  }
  if (query.q) {
    const needle = query.q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(`a.search_text LIKE ${param(`%${needle}%`)}`);
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, sort);
    where.push(`(${column}, a.id) ${descending ? '<' : '>'} (${param(cursor.value)}, ${param(cursor.id)})`);
  }
  const direction = descending ? 'DESC' : 'ASC';
  const sql = `SELECT a.id, a.reference, a.external_ref, a.status, a.received_at, a.sla_due_on, a.applicant_name,
            a.org_number, a.county, a.project_title, a.requested_amount_nok, a.size_class, a.decision_outcome,
            a.version, u.username AS assignee_username, u.display_name AS assignee_name,
            to_char(a.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at_text
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
  received_at: Date;
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
}

function sortValue(row: QueueRow, key: string): string | number {
  switch (key) {
    case 'slaDueAt':
      return row.sla_due_on;
    case 'requestedAmount':
      return row.requested_amount_nok;
    case 'applicantName':
      return row.applicant_name;
    default:
      // Full microsecond precision: a JS Date would cut to milliseconds and skip rows.
      return row.received_at_text;
  }
}

export function slaDaysLeft(status: ApplicationStatus, slaDueOn: string, today: string): number | null {
  return SLA_RUNNING.includes(status) ? businessDaysBetween(today, slaDueOn) : null;
}

function toQueueItem(r: QueueRow, today: string): QueueItem {
  return {
    id: r.id,
    reference: r.reference,
    externalRef: r.external_ref,
    status: r.status,
    assignee: r.assignee_username ? { username: r.assignee_username, displayName: r.assignee_name! } : null,
    receivedAt: r.received_at.toISOString(),
    slaDueAt: r.sla_due_on,
    slaDaysLeft: slaDaysLeft(r.status, r.sla_due_on, today),
    applicant: { name: r.applicant_name, orgNumber: r.org_number, county: r.county },
    project: { title: r.project_title },
    requestedAmountNok: r.requested_amount_nok,
    sizeClass: r.size_class,
    decisionOutcome: r.decision_outcome,
    version: r.version,
  };
}

/** Drops null and undefined fields, so optional fields the applicant left out stay out. */
function compact<T extends object>(value: T, omit: string[] = []): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([k, v]) => v !== null && v !== undefined && !omit.includes(k)),
  ) as Partial<T>;
}

const CHILD_OMIT = ['id', 'applicationId', 'application', 'position'];

export function toCaseView(app: Application, today: string) {
  const a = app.applicant;
  return {
    id: app.id,
    reference: app.reference,
    externalRef: app.externalRef,
    status: app.status,
    assignee: app.assignee ? { username: app.assignee.username, displayName: app.assignee.displayName } : null,
    version: app.version,
    receivedAt: app.receivedAt.toISOString(),
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
    slaDueAt: app.slaDueOn,
    slaDaysLeft: slaDaysLeft(app.status, app.slaDueOn, today),
    sizeClass: app.sizeClass,
    decision: app.decisionOutcome ? { outcome: app.decisionOutcome } : null,
    applicant: {
      ...compact(a, ['applicationId', 'application']),
      financials: [...app.financials].sort((x, y) => y.year - x.year).map((f) => compact(f, CHILD_OMIT)),
      relatedEnterprises: byPosition(app.relatedEnterprises).map((r) => compact(r, CHILD_OMIT)),
    },
    project: {
      ...compact({
        title: app.projectTitle,
        description: app.projectDescription,
        innovationTypes: app.innovationTypes,
        startDate: app.startDate,
        endDate: app.endDate,
        location: app.location,
        circularTransition: app.circularTransition,
      }),
      firstBindingCommitmentDate: app.firstBindingCommitmentDate,
      collaborationPartners: byPosition(app.collaborationPartners).map((p) => compact(p, CHILD_OMIT)),
    },
    aid: { instrument: app.aidInstrument, requestedAmountNok: app.requestedAmountNok },
    otherPublicAid: byPosition(app.otherPublicAid).map((o) => compact(o, CHILD_OMIT)),
    costLines: [...app.costLines]
      .sort((x, y) => x.lineNo - y.lineNo)
      .map((c) => ({ id: c.id, ...compact(c, ['id', 'applicationId', 'application']) })),
  };
}

function byPosition<T extends { position: number }>(rows: T[]): T[] {
  return [...rows].sort((x, y) => x.position - y.position);
}

export type CaseView = ReturnType<typeof toCaseView>;
