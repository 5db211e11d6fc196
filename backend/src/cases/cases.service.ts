import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Problem } from '../common/problem';
import { addBusinessDays, businessDaysBetween, toOsloDate } from '../sla/business-days';
import { AuditAnchors } from './audit-anchors';
import { CaseEvaluator } from './case-evaluator';
import { allowedActions, CaseAction, refusal } from './case-policy';
import { CaseStatus, findTransition } from './case-status';
import { CaseView, slaDaysLeft } from './case-view';
import { caseProblem, staleVersion } from './cases.errors';
import { CasesRepository, LockedCase } from './cases.repository';
import { Notice, writeNotification } from './notifications';
import { writePortalMessage } from './portal-outbox';

/** One change of a case: what is done, by whom, on which version. */
export interface ChangeRequest {
  caseId: string;
  actor: Actor;
  /**
   * Checked against the permission policy (case-policy.ts) before the change runs; a function
   * names it from the locked case (a status change's action depends on where the case is).
   */
  action: CaseAction | ((locked: LockedCase) => CaseAction);
  /** The version the client saw; a stale one is refused with 409. */
  expectedVersion?: number;
  /** With a transition: the status asked for, named in a refusal. */
  toStatus?: CaseStatus;
  /** Run and store the rulebook after the change, so outcomes and totals follow it at once. */
  reevaluate?: boolean;
  /**
   * Whether the change moves the case's version (default yes). Annotations (notes, documents,
   * register reports, a requested evaluation) are audited but leave it alone, so a caseworker's
   * open case does not go stale because a colleague wrote a note. A function decides from the
   * locked case (an applicant's reply moves it only when it ends the wait for them).
   */
  versioned?: boolean | ((locked: LockedCase) => boolean);
}

/** An entry of the audit log: what kind of change, and its data (with `before` and `after` where they apply). */
export interface CaseEvent {
  kind: string;
  data: object;
}

/** What a change did: its audit event or events (null when nothing changed) and what the caller returns. */
export interface Changed<T> {
  event: CaseEvent | CaseEvent[] | null;
  result: T;
}

/**
 * The case kernel: reading a case with what the caller may do, and the one way to change one.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CasesRepository,
    private readonly evaluator: CaseEvaluator,
    private readonly anchors: AuditAnchors,
  ) {}

  /** The whole case, with the actions the caller may take on it now. */
  async view(id: string, actor: Actor): Promise<CaseView> {
    const { view, parties } = await this.repository.view(id);
    return {
      ...view,
      slaDaysLeft: slaDaysLeft(view.status, view.slaDueAt, toOsloDate(new Date())),
      allowedActions: allowedActions(actor, parties),
    };
  }

  /**
   * Refuses now what the action's change would refuse (404, 409 in the wrong status, 403 for the
   * wrong person), without locking the case: a check before a long request, such as an upload
   * that streams its file, so a refusal comes before the bytes are read. The change checks again.
   */
  async permit(id: string, actor: Actor, action: CaseAction): Promise<void> {
    const refused = refusal(action, actor, await this.repository.parties(this.dataSource, id));
    if (refused) throw refused;
  }

  /** 404 unless the case exists; its status. */
  status(id: string): Promise<CaseStatus> {
    return this.repository.status(id);
  }

  /**
   * Changes a case, all in one transaction: lock the case row, check the version the client saw
   * (409), check the policy for the action (409 in the wrong status, 403 for the wrong person),
   * run the change, bump the version, write the audit event, re-evaluate when asked, and anchor
   * the events it wrote (AuditAnchors, signed with a key the database does not hold). A change that
   * throws leaves nothing behind. Returns the case's version afterwards and the change's result.
   */
  async change<T>(
    request: ChangeRequest,
    run: (tx: EntityManager, locked: LockedCase) => Promise<Changed<T>>,
  ): Promise<{ version: number; result: T }> {
    const { caseId, actor } = request;
    return this.dataSource.transaction(async (tx) => {
      const locked = await this.repository.lock(tx, caseId);
      if (request.expectedVersion !== undefined && request.expectedVersion !== locked.version) {
        throw staleVersion(request.expectedVersion, locked.version);
      }
      const action = typeof request.action === 'function' ? request.action(locked) : request.action;
      const refused = refusal(action, actor, locked, request.toStatus);
      if (refused) throw refused;
      const { event, result } = await run(tx, locked);
      const events = event === null ? [] : Array.isArray(event) ? event : [event];
      if (!events.length) {
        await this.anchors.seal(tx, caseId); // events the change wrote itself (an evaluation's)
        return { version: locked.version, result };
      }
      const versioned = typeof request.versioned === 'function' ? request.versioned(locked) : request.versioned !== false;
      const version = versioned ? await this.repository.bumpVersion(tx, caseId) : locked.version;
      for (const e of events) await this.repository.recordEvent(tx, actor, caseId, e.kind, e.data);
      if (request.reevaluate) await this.evaluator.evaluateAndStore(tx, caseId, actor, 'change');
      await this.anchors.seal(tx, caseId);
      return { version, result };
    });
  }

  /**
   * Inside a change: tells a member of staff of it in the console (cases/notifications.ts), in the
   * same transaction, so a change that rolls back notifies nobody. Never the one who acted.
   */
  notify(tx: EntityManager, notice: Notice): Promise<string | null> {
    return writeNotification(tx, notice);
  }

  /** A change, then the case as it stands afterwards. */
  async changeAndView(
    request: ChangeRequest,
    run: (tx: EntityManager, locked: LockedCase) => Promise<Changed<unknown>>,
  ): Promise<CaseView> {
    await this.change(request, run);
    return this.view(request.caseId, request.actor);
  }

  /** The plain status changes (start review, ask the applicant, resume, withdraw), by the transition table. */
  async changeStatus(id: string, actor: Actor, change: StatusChange, expectedVersion?: number): Promise<CaseView> {
    await this.statusChange(id, actor, change, expectedVersion);
    return this.view(id, actor);
  }

  /**
   * Asks the applicant for information (in_review → awaiting_applicant): the SLA clock stands
   * still until they answer or the caseworker resumes. The same change as a status change to
   * awaiting_applicant; the reply-by date defaults to 14 days ahead. Returns the request's id.
   */
  async requestInformation(
    id: string,
    actor: Actor,
    request: { message: string; replyBy?: string },
    expectedVersion?: number,
  ): Promise<{ version: number; requestId: string }> {
    const { version, result } = await this.statusChange(id, actor, { status: 'awaiting_applicant', ...request }, expectedVersion);
    return { version, requestId: result.requestId as string };
  }

  /**
   * Inside a change of a case that waits for the applicant (awaiting_applicant): the applicant
   * answered at `at`, so the case goes back to in_review and the SLA clock runs again from that
   * moment, not from whenever someone looks. Returns the status event for the change to record.
   */
  async applicantAnswered(tx: EntityManager, locked: LockedCase, actor: Actor, at: Date): Promise<CaseEvent> {
    if (locked.status !== 'awaiting_applicant') throw illegalTransition(locked.status, 'in_review');
    const ended = await this.endApplicantWait(tx, locked.id, actor, at, true);
    await this.repository.setStatus(tx, locked.id, 'in_review');
    return {
      kind: 'status',
      data: {
        before: { status: locked.status },
        after: { status: 'in_review' },
        reason: 'applicant-replied',
        requestId: ended.requestId,
        pausedBusinessDays: ended.pausedBusinessDays,
      },
    };
  }

  private statusChange(id: string, actor: Actor, change: StatusChange, expectedVersion?: number) {
    const transitionOf = (locked: LockedCase) => {
      const step = findTransition(locked.status, change.status);
      if (!step) throw illegalTransition(locked.status, change.status);
      if (step.via) {
        throw caseProblem(
          'illegal-transition',
          `${locked.status} → ${change.status} happens through POST /api/applications/${id}/${step.via}`,
          { currentStatus: locked.status, requestedStatus: change.status },
        );
      }
      return step.action;
    };
    return this.change<{ requestId?: string }>(
      { caseId: id, actor, action: transitionOf, expectedVersion, toStatus: change.status },
      async (tx, locked) => {
        const now = new Date();
        const today = toOsloDate(now);
        const data: Record<string, unknown> = { before: { status: locked.status }, after: { status: change.status } };
        let requestId: string | undefined;
        if (change.status === 'awaiting_applicant') {
          if (!change.message?.trim()) throw Problem.validation([{ path: '$.message', message: 'say what the applicant must send' }]);
          const replyBy = change.replyBy ?? defaultReplyBy(today);
          if (replyBy <= today) throw Problem.validation([{ path: '$.replyBy', message: 'a reply-by date after today, as YYYY-MM-DD' }]);
          requestId = await this.repository.openInformationRequest(tx, id, change.message, replyBy, actor);
          // The applicant hears of it through the portal, in the same transaction (docs/jobs-and-outbox.md).
          const messageId = await writePortalMessage(tx, id, 'information_request', {
            requestId,
            message: change.message,
            replyBy,
            reply: `/api/applications/${id}/information-requests/${requestId}/reply`,
          });
          Object.assign(data, { message: change.message, replyBy, requestId, portalMessageId: messageId });
        }
        if (locked.status === 'awaiting_applicant') {
          const ended = await this.endApplicantWait(tx, id, actor, now, change.status === 'in_review');
          data.pausedBusinessDays = ended.pausedBusinessDays;
        }
        if (change.status === 'withdrawn' && !change.comment?.trim()) {
          throw Problem.validation([{ path: '$.comment', message: 'say why the case is withdrawn; it goes into the case history' }]);
        }
        if (change.comment) data.comment = change.comment;
        await this.repository.setStatus(tx, id, change.status);
        return { event: { kind: 'status', data }, result: { requestId } };
      },
    );
  }

  /**
   * The case stops waiting for the applicant at `at`: its open information request is closed with
   * the business days the SLA clock stood still (from the day it was sent to the day of `at`), and
   * when the case goes back to review the due date moves by those days.
   */
  private async endApplicantWait(
    tx: EntityManager,
    id: string,
    actor: Actor,
    at: Date,
    resume: boolean,
  ): Promise<{ requestId: string | null; pausedBusinessDays: number }> {
    const request = await this.repository.openInformationRequestOf(tx, id);
    if (!request) return { requestId: null, pausedBusinessDays: 0 };
    const paused = Math.max(0, businessDaysBetween(toOsloDate(request.requested_at), toOsloDate(at)));
    await this.repository.closeInformationRequest(tx, request.id, actor, paused, at);
    if (resume && paused > 0) await this.repository.moveSlaDue(tx, id, (due) => addBusinessDays(due, paused));
    return { requestId: request.id, pausedBusinessDays: paused };
  }
}

/** How long the applicant has to answer when the caseworker names no date: 14 days. */
export const DEFAULT_REPLY_DAYS = 14;

function defaultReplyBy(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + DEFAULT_REPLY_DAYS);
  return d.toISOString().slice(0, 10);
}

export interface StatusChange {
  status: CaseStatus;
  comment?: string;
  message?: string;
  replyBy?: string;
}

function illegalTransition(current: CaseStatus, requested: CaseStatus): Problem {
  return caseProblem('illegal-transition', `A case cannot go from ${current} to ${requested}`, {
    currentStatus: current,
    requestedStatus: requested,
  });
}

/** The expected version from the body, or from an `If-Match` header (`"3"` or `3`). */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number {
  if (bodyVersion !== undefined) return bodyVersion;
  if (!ifMatch) {
    // Last writer wins is how updates get lost: a change says which version it was made on.
    throw caseProblem(
      'version-required',
      'Send the version of the case you last read, as the header If-Match: "3" or as "version": 3 in the body. If it is no longer current, the answer is 409 and nothing is changed.',
    );
  }
  const n = Number(ifMatch.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    throw Problem.validation([{ path: 'If-Match', message: 'must be the case version, e.g. "3"' }]);
  }
  return n;
}
