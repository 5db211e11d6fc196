import { CaseDetail, User } from '../core/api/models';

/**
 * What a user can do with a case, as the server names it in `allowedActions` (the server's
 * permission policy decides; the console offers what it says and nothing else).
 */
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

/** The actions the server offers the signed-in user on this case. */
export function allowedActions(detail: CaseDetail): ReadonlySet<string> {
  return new Set(detail.allowedActions);
}

/**
 * Why the user cannot change the assessment, as a translation key; null when they can. The server
 * says whether they can; the reason shown is read from who has the case.
 */
export function assessmentBlock(detail: CaseDetail, user: User | null): string | null {
  if (allowedActions(detail).has('assess')) return null;
  if (!detail.assignee) return 'assessment.blocked.unassigned';
  if (detail.assignee.username !== user?.username) return 'assessment.blocked.notAssigned';
  return 'assessment.blocked.status';
}
