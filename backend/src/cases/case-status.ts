/** Where a case is in its life. Every status a case can have, in the order a case moves through them. */
export const CASE_STATUSES = ['received', 'in_review', 'awaiting_applicant', 'recommended', 'decided', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A case that can still change: everything but decided and withdrawn, which are read-only. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'in_review', 'awaiting_applicant', 'recommended'];

/** Where the caseworker's assessment may still change: until the recommendation. */
export const ASSESSABLE_STATUSES: readonly CaseStatus[] = ['received', 'in_review', 'awaiting_applicant'];

/** Where the SLA clock runs: waiting for the applicant pauses it, decided and withdrawn stop it. */
export const SLA_RUNNING_STATUSES: readonly CaseStatus[] = ['received', 'in_review', 'recommended'];

export const isOpen = (status: CaseStatus): boolean => OPEN_STATUSES.includes(status);

/** A status change and the action that makes it (cases/case-policy.ts says who may take the action). */
export interface Transition {
  from: CaseStatus;
  to: CaseStatus;
  action: 'start-review' | 'request-information' | 'resume-review' | 'withdraw' | 'recommend' | 'decide';
  /** Changes made through their own endpoint, because they create a record of their own. */
  via?: 'recommendation' | 'decision';
}

/** Every allowed change of status. Anything else is refused with 409. */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'received', to: 'in_review', action: 'start-review' },
  { from: 'in_review', to: 'awaiting_applicant', action: 'request-information' },
  { from: 'awaiting_applicant', to: 'in_review', action: 'resume-review' },
  { from: 'in_review', to: 'recommended', action: 'recommend', via: 'recommendation' },
  { from: 'recommended', to: 'in_review', action: 'decide', via: 'decision' },
  { from: 'recommended', to: 'decided', action: 'decide', via: 'decision' },
  ...OPEN_STATUSES.map((from) => ({ from, to: 'withdrawn' as const, action: 'withdraw' as const })),
];

export function findTransition(from: CaseStatus, to: CaseStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}
