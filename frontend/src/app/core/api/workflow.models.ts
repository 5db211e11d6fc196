/**
 * Status changes, notes, timeline, recommendation and decision, statistics and register reports,
 * as the generated client types them (src/app/api); and how the console names people.
 */
import type {
  AgeingBucket,
  CaseStatus,
  ChangesSinceReturn,
  PersonRef,
  ReturnSummary,
} from '../../api/models';

export type {
  AgeingBucket,
  CaseChange,
  ConditionDates,
  ChangesSinceReturn,
  Decision,
  DecisionDto,
  Ground,
  Note,
  NoteAnchor,
  NoteAnchorType,
  NoteRevision,
  PartialGrant,
  RecommendationDto,
  RecommendationRecord,
  RefusedCost,
  RegisterReport,
  RegisterReportPage,
  ReturnReason,
  ReturnSummary,
  StandardCondition,
  StatsOverview,
  StatusChangeDto,
  StoredCondition,
  TimelineEvent,
} from '../../api/models';
export { RETURN_REASON as RETURN_REASONS } from '../../api/models/return-reason-array';

/** The statuses a case is moved to by a plain status change (the rest have their own endpoints). */
export type StatusTarget = Extract<CaseStatus, 'in_review' | 'awaiting_applicant' | 'withdrawn'>;

/** What changed since the case was returned, when it was. */
export type ReturnedChanges = ChangesSinceReturn & { returned: ReturnSummary };

/** The ageing buckets of the dashboard, in order. */
export const AGEING_BUCKETS: readonly AgeingBucket['bucket'][] = ['0-10', '11-20', '21-40', '>40'];

/** A person as the API names them: a username, or a username with a display name. */
export type Person = string | PersonRef;

export function personName(person: Person | null | undefined, displayName?: string | null): string {
  if (!person) return '–';
  if (typeof person === 'string') return displayName || person;
  return person.displayName || person.username;
}

export function personId(person: Person | null | undefined): string | null {
  if (!person) return null;
  return typeof person === 'string' ? person : person.username;
}
