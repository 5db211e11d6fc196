import { CaseDetail, CaseStatus, OPEN_STATUSES, User } from '../core/api/models';
import { personId } from '../core/api/workflow.models';

/** What a user can do with a case, as the server names it in `allowedActions`. */
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
  | 'note';

/** Statuses in which the caseworker's assessment may still change (until the recommendation). */
export const ASSESSABLE_STATUSES: readonly CaseStatus[] = [
  'received',
  'in_review',
  'awaiting_applicant',
];

type Who = 'assignee' | 'assignee-or-manager' | 'approver-not-recommender';

/** The status transitions of the workflow, as the server allows them (backend workflow/transitions.ts). */
const TRANSITIONS: { from: CaseStatus; action: CaseAction; who: Who }[] = [
  { from: 'received', action: 'start-review', who: 'assignee' },
  { from: 'in_review', action: 'request-information', who: 'assignee' },
  { from: 'awaiting_applicant', action: 'resume-review', who: 'assignee' },
  { from: 'in_review', action: 'recommend', who: 'assignee' },
  { from: 'recommended', action: 'decide', who: 'approver-not-recommender' },
  { from: 'received', action: 'withdraw', who: 'assignee-or-manager' },
  { from: 'in_review', action: 'withdraw', who: 'assignee-or-manager' },
  { from: 'awaiting_applicant', action: 'withdraw', who: 'assignee-or-manager' },
  { from: 'recommended', action: 'withdraw', who: 'assignee-or-manager' },
];

/**
 * The actions open to the user now. The server's `allowedActions` decides when
 * the case view carries it; otherwise the same rules are applied here from the
 * status, the roles and who the case is assigned to (and who recommended it).
 */
export function allowedActions(detail: CaseDetail, user: User | null): ReadonlySet<string> {
  if (Array.isArray(detail.allowedActions)) return new Set(detail.allowedActions);
  return new Set(derivedActions(detail, user));
}

export function derivedActions(detail: CaseDetail, user: User | null): CaseAction[] {
  if (!user) return [];
  const roles = new Set(user.roles);
  const mine = detail.assignee?.username === user.username;
  const recommender = personId(detail.recommendation?.recommendedBy);
  const may = (who: Who): boolean => {
    switch (who) {
      case 'assignee':
        return mine && roles.has('caseworker');
      case 'assignee-or-manager':
        return mine || roles.has('manager');
      case 'approver-not-recommender':
        return roles.has('approver') && recommender !== user.username;
    }
  };
  const actions = TRANSITIONS.filter((t) => t.from === detail.status && may(t.who)).map(
    (t) => t.action,
  );
  const open = OPEN_STATUSES.includes(detail.status);
  if (open && roles.has('manager')) actions.push('assign');
  if (open && roles.has('caseworker') && !detail.assignee) actions.push('take');
  if (ASSESSABLE_STATUSES.includes(detail.status) && mine) actions.push('assess');
  if (open && (roles.has('caseworker') || roles.has('approver') || roles.has('manager'))) {
    actions.push('note');
  }
  return [...new Set(actions)];
}

/** Why the user cannot change the assessment, as a translation key; null when they can. */
export function assessmentBlock(detail: CaseDetail, user: User | null): string | null {
  if (allowedActions(detail, user).has('assess')) return null;
  if (!ASSESSABLE_STATUSES.includes(detail.status)) return 'assessment.blocked.status';
  if (!detail.assignee) return 'assessment.blocked.unassigned';
  return 'assessment.blocked.notAssigned';
}
