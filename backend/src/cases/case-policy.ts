import { Actor, hasRole } from '../auth/actor';
import type { Problem } from '../common/problem';
import { caseProblem } from './cases.errors';
import { ASSESSABLE_STATUSES, CaseStatus, isOpen, OPEN_STATUSES, TRANSITIONS } from './case-status';

/** Who is who on a case, as far as permissions go. */
export interface CaseParties {
  status: CaseStatus;
  assigneeId: string | null;
  assigneeUsername: string | null;
  /** Who made the open recommendation, if there is one. */
  recommendedBy: string | null;
  /** Everyone who took part in the assessment, ever (the audit events of TAKING_PART_KINDS). */
  participants: readonly string[];
}

/**
 * The changes that make a person part of a case's assessment: whoever made one may never decide
 * the case (four-eyes, docs/rules.md section 10), however often it is returned, reassigned and
 * recommended again. The decision table's trigger checks the same kinds.
 */
export const TAKING_PART_KINDS = ['recommendation', 'judgment', 'assessment', 'correction', 'exchange-rate'] as const;

/** Everything a person can do to a case. The console is offered those in `allowedActions`. */
export type CaseAction =
  | 'take'
  | 'assign'
  | 'start-review'
  | 'request-information'
  | 'resume-review'
  | 'withdraw'
  | 'recommend'
  | 'decide'
  | 'assess'
  | 'note'
  | 'evaluate'
  | 'report-to-register'
  | 'add-document'
  | 'mark-document-in-error'
  | 'reply-to-request'
  | 'mark-reply-overdue'
  | 'send-preliminary-reply';

interface Who {
  allows(actor: Actor, c: CaseParties): boolean;
  /** The 403 (or 409) that says why not. */
  refusal(actor: Actor, c: CaseParties): Problem;
}

const isAssignee = (actor: Actor, c: CaseParties) => c.assigneeId !== null && c.assigneeId === actor.id;

/** Whether the person took part in the case's assessment (or made its open recommendation). */
const tookPart = (actor: Actor, c: CaseParties) => actor.id !== null && (c.recommendedBy === actor.id || c.participants.includes(actor.id));

const notAssigned = (_: Actor, c: CaseParties) =>
  caseProblem('not-assigned', c.assigneeUsername ? `The case is assigned to ${c.assigneeUsername}` : 'Take the case first');
const notAllowed = (detail: string) => () => caseProblem('not-allowed', detail);

const WHO = {
  assignee: {
    allows: (actor, c) => isAssignee(actor, c) && hasRole(actor, 'caseworker'),
    refusal: notAssigned,
  },
  'assignee-or-manager': {
    allows: (actor, c) => isAssignee(actor, c) || hasRole(actor, 'manager'),
    refusal: notAllowed('Only the assigned caseworker or a manager can do this'),
  },
  /**
   * Four-eyes: the approver who decides took no part in the case: never recommended it, recorded
   * a judgment, assessed a cost, corrected a fact or set the exchange rate.
   */
  'approver-who-took-no-part': {
    allows: (actor, c) => hasRole(actor, 'approver') && c.recommendedBy !== null && !tookPart(actor, c),
    refusal: (actor, c) =>
      tookPart(actor, c)
        ? caseProblem(
            'four-eyes',
            c.recommendedBy === actor.id
              ? 'The approver who decides is never the caseworker who recommended (four-eyes principle)'
              : 'You took part in the assessment of this case (a recommendation, judgment, cost assessment, correction or exchange rate), so someone else must decide it (four-eyes principle)',
          )
        : caseProblem('not-allowed', 'Only an approver who took no part in the case can do this'),
  },
  manager: { allows: (actor) => hasRole(actor, 'manager'), refusal: notAllowed('Only a manager can do this') },
  /**
   * Withdrawing: the caseworker or a manager, but a recommended case waits for an approver, and
   * only a manager takes it out of the approver's hands.
   */
  withdrawer: {
    allows: (actor, c) => hasRole(actor, 'manager') || (c.status !== 'recommended' && isAssignee(actor, c)),
    refusal: (_, c) =>
      c.status === 'recommended'
        ? caseProblem('not-allowed', 'A recommended case waits for an approver; only a manager can withdraw it')
        : caseProblem('not-allowed', 'Only the assigned caseworker or a manager can do this'),
  },
  /** A caseworker takes a case nobody has (taking one's own case again changes nothing). */
  'caseworker-taking': {
    allows: (actor, c) => hasRole(actor, 'caseworker') && (c.assigneeId === null || isAssignee(actor, c)),
    refusal: (actor, c) =>
      hasRole(actor, 'caseworker')
        ? caseProblem('already-assigned', `The case is assigned to ${c.assigneeUsername}; ask a manager to reassign it`)
        : caseProblem('not-allowed', 'Only a caseworker can take a case'),
  },
  reader: {
    allows: (actor) => hasRole(actor, 'caseworker', 'approver', 'manager'),
    refusal: notAllowed('Only caseworkers, approvers and managers can do this'),
  },
  'caseworker-or-approver': {
    allows: (actor) => hasRole(actor, 'caseworker', 'approver'),
    refusal: notAllowed('Only caseworkers and approvers can do this'),
  },
  /** The background jobs (SYSTEM_ACTOR), never a person. */
  system: { allows: (actor) => actor.id === null, refusal: notAllowed('Only the background jobs do this') },
  /** The portal's account (role intake), acting for the applicant. */
  portal: { allows: (actor) => hasRole(actor, 'intake'), refusal: notAllowed('Only the portal (role intake) can do this') },
  'portal-or-assignee': {
    allows: (actor, c) => hasRole(actor, 'intake') || (isAssignee(actor, c) && hasRole(actor, 'caseworker')),
    refusal: (actor, c) =>
      hasRole(actor, 'caseworker')
        ? notAssigned(actor, c)
        : caseProblem('not-allowed', "Only the portal or the case's caseworker can do this"),
  },
} satisfies Record<string, Who>;

interface Permission {
  statuses: readonly CaseStatus[];
  who: keyof typeof WHO;
  /** Whether the console is offered the action when it is allowed (default: yes). */
  offer?: (actor: Actor, c: CaseParties) => boolean;
}

/** Status changes may happen where the transition table has them. */
const fromStatuses = (action: string): CaseStatus[] => [...new Set(TRANSITIONS.filter((t) => t.action === action).map((t) => t.from))];

/**
 * Who may take which action on a case in which status: written once, used to enforce every change
 * (CasesService.change) and to tell the console what to offer (allowedActions).
 */
export const CASE_POLICY: Readonly<Record<CaseAction, Permission>> = {
  take: { statuses: OPEN_STATUSES, who: 'caseworker-taking', offer: (_, c) => c.assigneeId === null },
  assign: { statuses: OPEN_STATUSES, who: 'manager' },
  'start-review': { statuses: fromStatuses('start-review'), who: 'assignee' },
  'request-information': { statuses: fromStatuses('request-information'), who: 'assignee' },
  'resume-review': { statuses: fromStatuses('resume-review'), who: 'assignee' },
  withdraw: { statuses: fromStatuses('withdraw'), who: 'withdrawer' },
  recommend: { statuses: fromStatuses('recommend'), who: 'assignee' },
  decide: { statuses: fromStatuses('decide'), who: 'approver-who-took-no-part' },
  assess: { statuses: ASSESSABLE_STATUSES, who: 'assignee' },
  note: { statuses: OPEN_STATUSES, who: 'reader' },
  // Checked, not offered: the console shows these to the roles that may use them.
  // A closed case keeps the evaluations it was decided on; running the rulebook again would only add noise.
  evaluate: { statuses: OPEN_STATUSES, who: 'caseworker-or-approver', offer: () => false },
  'report-to-register': { statuses: ['decided'], who: 'manager', offer: () => false },
  // Documents come from the portal (for the applicant) or the case's caseworker; never deleted, only marked as entered in error.
  'add-document': { statuses: OPEN_STATUSES, who: 'portal-or-assignee', offer: (actor) => !hasRole(actor, 'intake') },
  'mark-document-in-error': { statuses: OPEN_STATUSES, who: 'assignee-or-manager' },
  // The applicant's answer to an information request, posted by the portal (which reads no case view).
  'reply-to-request': { statuses: OPEN_STATUSES, who: 'portal', offer: () => false },
  // The background jobs' own changes (docs/jobs-and-outbox.md): a reply-by date passed, and the
  // preliminary reply of forvaltningsloven § 11 a.
  'mark-reply-overdue': { statuses: ['awaiting_applicant'], who: 'system', offer: () => false },
  'send-preliminary-reply': { statuses: OPEN_STATUSES, who: 'system', offer: () => false },
};

const ACTIONS = Object.keys(CASE_POLICY) as CaseAction[];

/** Why the action is not possible now, or null when it is. */
export function refusal(action: CaseAction, actor: Actor, c: CaseParties, to?: CaseStatus): Problem | null {
  const permission = CASE_POLICY[action];
  if (!permission.statuses.includes(c.status)) return wrongStatus(action, c.status, permission.statuses, to);
  const who = WHO[permission.who];
  return who.allows(actor, c) ? null : who.refusal(actor, c);
}

/** What this person can do with the case now, for the console to offer only those. */
export function allowedActions(actor: Actor, c: CaseParties): CaseAction[] {
  return ACTIONS.filter((action) => refusal(action, actor, c) === null && (CASE_POLICY[action].offer?.(actor, c) ?? true));
}

function wrongStatus(action: CaseAction, status: CaseStatus, allowed: readonly CaseStatus[], requested?: CaseStatus): Problem {
  const where = { currentStatus: status };
  if (!isOpen(status)) return caseProblem('case-closed', `The case is ${status} and can no longer change`, where);
  const to = requested ?? TRANSITIONS.find((t) => t.action === action)?.to;
  if (to) {
    return caseProblem('illegal-transition', `A case cannot go from ${status} to ${to}`, { ...where, requestedStatus: to });
  }
  return caseProblem('wrong-status', `The case is ${status}; this is possible only when it is ${allowed.join(' or ')}`, where);
}
