import type { ApplicationStatus } from '../applications/application.entity';
import { Actor, hasRole } from '../auth/actor';
import { ASSESSABLE } from '../casework/case-change';

export type Who = 'assignee' | 'assignee-or-manager' | 'approver-not-recommender';

export interface Transition {
  from: ApplicationStatus;
  to: ApplicationStatus;
  action: string;
  who: Who;
  /** Transitions made through their own endpoint, with the record they create. */
  via?: 'recommendation' | 'decision';
}

/** Every allowed change of status, and who may make it. Anything else is refused with 409. */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'received', to: 'in_review', action: 'start-review', who: 'assignee' },
  { from: 'in_review', to: 'awaiting_applicant', action: 'request-information', who: 'assignee' },
  { from: 'awaiting_applicant', to: 'in_review', action: 'resume-review', who: 'assignee' },
  { from: 'in_review', to: 'recommended', action: 'recommend', who: 'assignee', via: 'recommendation' },
  { from: 'recommended', to: 'in_review', action: 'return', who: 'approver-not-recommender', via: 'decision' },
  { from: 'recommended', to: 'decided', action: 'approve', who: 'approver-not-recommender', via: 'decision' },
  { from: 'received', to: 'withdrawn', action: 'withdraw', who: 'assignee-or-manager' },
  { from: 'in_review', to: 'withdrawn', action: 'withdraw', who: 'assignee-or-manager' },
  { from: 'awaiting_applicant', to: 'withdrawn', action: 'withdraw', who: 'assignee-or-manager' },
  { from: 'recommended', to: 'withdrawn', action: 'withdraw', who: 'assignee-or-manager' },
];

export interface CaseParties {
  status: ApplicationStatus;
  assigneeId: string | null;
  recommendedBy: string | null;
}

export function mayAct(who: Who, actor: Actor, c: CaseParties): boolean {
  switch (who) {
    case 'assignee':
      return c.assigneeId !== null && c.assigneeId === actor.id && hasRole(actor, 'caseworker');
    case 'assignee-or-manager':
      return (c.assigneeId !== null && c.assigneeId === actor.id) || hasRole(actor, 'manager');
    case 'approver-not-recommender':
      return hasRole(actor, 'approver') && c.recommendedBy !== null && c.recommendedBy !== actor.id;
  }
}

/** What this person can do with the case now, for the console to offer only those. */
export function allowedActions(actor: Actor, c: CaseParties): string[] {
  const actions = TRANSITIONS.filter((t) => t.from === c.status && mayAct(t.who, actor, c)).map((t) =>
    t.via === 'decision' ? 'decide' : t.action,
  );
  const open = !['decided', 'withdrawn'].includes(c.status);
  if (open && hasRole(actor, 'manager')) actions.push('assign');
  if (open && hasRole(actor, 'caseworker') && c.assigneeId === null) actions.push('take');
  if (ASSESSABLE.includes(c.status) && c.assigneeId === actor.id) actions.push('assess');
  if (open && hasRole(actor, 'caseworker', 'approver', 'manager')) actions.push('note');
  return [...new Set(actions)];
}
