/**
 * The case API's shapes are the generated client's (src/app/api, from backend/openapi.json):
 * re-exported here for the console, beside the few lists and the query model the console adds.
 */
import type { ListQueue$Params as QueueParams } from '../../api/fn/queue/list-queue';
import type { CaseStatus } from '../../api/models';

export type {
  BulkAssignResult,
  BulkAssignResults,
  CaseAction,
  CaseApplicant,
  CaseProject,
  CaseStatus,
  CaseView,
  CollaborationPartner,
  ConditionDto,
  CorrectionDto,
  CostCategory,
  CostLine,
  CostLineAssessment,
  DecisionOutcome,
  FactCorrection,
  FinancialYear,
  OtherPublicAid,
  PersonRef,
  QueueCounts,
  QueueItem,
  QueuePage,
  RecordedJudgment,
  RelatedEnterprise,
  Role,
  RuleFlags,
  SizeClass,
  User,
} from '../../api/models';
export { CASE_STATUS as CASE_STATUSES } from '../../api/models/case-status-array';
export { SIZE_CLASS as SIZE_CLASSES } from '../../api/models/size-class-array';

/** The statuses of a case that can still change (decided and withdrawn are read-only). */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'received',
  'in_review',
  'awaiting_applicant',
  'recommended',
];

/** The server's named queues (`queue=`). */
export type QueueName = NonNullable<QueueParams['queue']>;

/** The server's sort parameter: a key, prefixed with '-' for descending order. */
export type QueueSort = NonNullable<QueueParams['sort']>;
export type QueueSortKey = Exclude<QueueSort, `-${string}`>;

/** A queue as the console asks for it; ApplicationsApi.list turns it into the query parameters. */
export interface QueueQuery {
  /** A named queue of the server's (API.md `queue=`). */
  queue?: QueueName;
  /** Only cases an approver has returned. */
  returned?: boolean;
  assignee?: string;
  status?: readonly CaseStatus[];
  sizeClass?: NonNullable<QueueParams['sizeClass']>[number] | null;
  overdue?: boolean;
  /** Only cases waiting for the applicant past the reply-by date ("Svarfrist passert"). */
  replyOverdue?: boolean;
  flag?: NonNullable<QueueParams['flag']>[number] | null;
  q?: string;
  sort?: QueueSort;
  limit?: number;
  cursor?: string | null;
}
