import { CaseView, User } from '../core/api/models';

/**
 * The actions the server offers the signed-in user on this case: its permission policy decides,
 * and the console offers what it says and nothing else.
 */
export function allowedActions(detail: CaseView): ReadonlySet<string> {
  return new Set(detail.allowedActions);
}

/**
 * Why the user cannot change the assessment, as a translation key; null when they can. The server
 * says whether they can; the reason shown is read from who has the case.
 */
export function assessmentBlock(detail: CaseView, user: User | null): string | null {
  if (allowedActions(detail).has('assess')) return null;
  if (!detail.assignee) return 'assessment.blocked.unassigned';
  if (detail.assignee.username !== user?.username) return 'assessment.blocked.notAssigned';
  return 'assessment.blocked.status';
}
