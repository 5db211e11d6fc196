import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { hasRole } from '../auth/actor';
import { CasesRepository, CasesService, CaseStatus, CaseView, QUEUE_ROLES, RuleFlags, slaDaysLeft } from '../cases';
import { encodeCursor } from '../common/cursor';
import { Problem } from '../common/problem';
import { toOsloDate } from '../sla/business-days';
import { QUEUE_NAMES, QueueName, QueueQueryDto } from './dto/queue-query.dto';
import { queueProblem } from './queue.errors';
import { QueueRepository, QueueRow, sortValue } from './queue.repository';

/** The names of the counts in GET /api/queues/counts. */
const COUNT_NAMES: Record<QueueName, keyof QueueCounts> = {
  mine: 'mine',
  unassigned: 'unassigned',
  'to-approve': 'toApprove',
  'awaiting-applicant': 'awaitingApplicant',
  'returned-to-me': 'returnedToMe',
};

export interface QueueCounts {
  mine?: number;
  unassigned?: number;
  toApprove?: number;
  awaitingApplicant?: number;
  returnedToMe?: number;
}

export interface QueueItem {
  id: string;
  reference: string;
  externalRef: string;
  status: CaseStatus;
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
  flags: RuleFlags | null;
  maxAidNok: number | null;
  returned: boolean;
  replyBy: string | null;
  recommendedAt: string | null;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  total?: number;
  totalIsEstimate?: boolean;
}

export interface BulkAssignResult {
  id: string;
  ok: boolean;
  status: number;
  version?: number;
  error?: string;
}

/** The queues (mine, unassigned, all, with filters) and who works which case. */
@Injectable()
export class QueueService {
  constructor(
    private readonly repository: QueueRepository,
    private readonly cases: CasesService,
    private readonly casesRepository: CasesRepository,
  ) {}

  async list(query: QueueQueryDto, actor: Actor): Promise<QueuePage> {
    checkQueueRole(query, actor);
    // The total goes with the first page only: later pages keep the one the first gave.
    const [page, counted] = await Promise.all([
      this.page(query, actor),
      query.cursor ? Promise.resolve(null) : this.repository.total(query, actor),
    ]);
    return { ...page, ...(counted ? { total: counted.total, totalIsEstimate: counted.estimate } : {}) };
  }

  /**
   * Every row of a view, page after page of `size` rows (the export): the queue's role check,
   * filters, sort and keyset, without its total. The role check comes with the first page.
   */
  async *pages(query: QueueQueryDto, actor: Actor, size: number): AsyncGenerator<QueueItem[]> {
    checkQueueRole(query, actor);
    let cursor: string | undefined;
    do {
      const page = await this.page({ ...query, limit: size, cursor }, actor);
      if (page.items.length) yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  private async page(query: QueueQueryDto, actor: Actor): Promise<QueuePage> {
    const { rows, limit, sort, key } = await this.repository.page(query, actor);
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

  /** The count of every named queue the caller's roles may open (and no other). */
  async counts(actor: Actor): Promise<QueueCounts> {
    const names = QUEUE_NAMES.filter((name) => hasRole(actor, ...QUEUE_ROLES[name]));
    const counts = await this.repository.counts(names, actor);
    return Object.fromEntries(names.map((name) => [COUNT_NAMES[name], counts[name] ?? 0]));
  }

  /**
   * Sets the case's caseworker: a manager assigns anyone (or no one), a caseworker takes a case
   * for themselves. Returns the case's version afterwards.
   */
  async assign(id: string, assignee: string | null, actor: Actor, expectedVersion?: number): Promise<number> {
    const managing = hasRole(actor, 'manager');
    if (!managing && assignee !== actor.username) {
      throw queueProblem('forbidden', 'A caseworker can only take a case for themselves');
    }
    const { version } = await this.cases.change(
      { caseId: id, actor, action: managing ? 'assign' : 'take', expectedVersion },
      async (tx, locked) => {
        let target: { id: string; username: string } | null = null;
        if (assignee !== null) {
          target = (await this.casesRepository.caseworker(tx, assignee)) ?? null;
          if (!target) throw Problem.validation([{ path: '$.assignee', message: `no active caseworker is called "${assignee}"` }]);
        }
        if ((target?.id ?? null) === locked.assigneeId) return { event: null, result: null };
        await this.casesRepository.setAssignee(tx, id, target?.id ?? null);
        // "Ny sak tildelt deg", unless they took it themselves.
        await this.cases.notify(tx, { recipientId: target?.id ?? null, kind: 'assigned', applicationId: id, actor });
        return {
          event: {
            kind: 'assignment',
            data: { before: { assignee: locked.assigneeUsername }, after: { assignee: target?.username ?? null } },
          },
          result: null,
        };
      },
    );
    return version;
  }

  async assignAndView(id: string, assignee: string | null, actor: Actor, expectedVersion?: number): Promise<CaseView> {
    await this.assign(id, assignee, actor, expectedVersion);
    return this.cases.view(id, actor);
  }

  /** Assigns many cases, each in its own transaction; one result per case, failures named. */
  async bulkAssign(ids: string[], assignee: string | null, actor: Actor): Promise<{ results: BulkAssignResult[] }> {
    const results: BulkAssignResult[] = [];
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

function checkQueueRole(query: QueueQueryDto, actor: Actor): void {
  if (query.queue && !hasRole(actor, ...QUEUE_ROLES[query.queue])) {
    throw queueProblem('forbidden', `The queue ${query.queue} is for the roles: ${QUEUE_ROLES[query.queue].join(', ')}`);
  }
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
    flags: r.latest_evaluation_id ? { fail: r.flag_fail, missing: r.flag_missing, refer: r.flag_refer, assess: r.flag_assess } : null,
    maxAidNok: r.max_aid_nok,
    returned: r.returned,
    replyBy: r.reply_by,
    recommendedAt: r.recommended_at_text ? `${r.recommended_at_text.slice(0, 23)}Z` : null,
  };
}
