import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { CASE_STATUS_ENUM, CaseStatus, DECISION_OUTCOME_ENUM, PersonRefResponse, RuleFlagsResponse, SIZE_CLASS_ENUM } from '../../cases';

@ApiSchema({ name: 'QueueApplicant' })
export class QueueApplicantResponse {
  @ApiProperty()
  name: string;

  @ApiProperty()
  orgNumber: string;

  @ApiProperty({ type: String, nullable: true })
  county: string | null;
}

@ApiSchema({ name: 'QueueProject' })
export class QueueProjectResponse {
  @ApiProperty()
  title: string;
}

@ApiSchema({ name: 'QueueItem', description: 'A case as the queue lists it' })
export class QueueItemResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'PIO-2026-000123' })
  reference: string;

  @ApiProperty()
  externalRef: string;

  @ApiProperty(CASE_STATUS_ENUM)
  status: CaseStatus;

  @ApiProperty({ type: PersonRefResponse, nullable: true })
  assignee: PersonRefResponse | null;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date' })
  slaDueAt: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Business days left while the SLA clock runs, else null' })
  slaDaysLeft: number | null;

  @ApiProperty({ type: QueueApplicantResponse })
  applicant: QueueApplicantResponse;

  @ApiProperty({ type: QueueProjectResponse })
  project: QueueProjectResponse;

  @ApiProperty({ type: 'integer' })
  requestedAmountNok: number;

  @ApiProperty({ ...SIZE_CLASS_ENUM, nullable: true })
  sizeClass: string | null;

  @ApiProperty({ ...DECISION_OUTCOME_ENUM, nullable: true })
  decisionOutcome: string | null;

  @ApiProperty({ type: 'integer' })
  version: number;

  @ApiProperty({ type: RuleFlagsResponse, nullable: true, description: 'Null before the first evaluation' })
  flags: RuleFlagsResponse | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Maximum aid of the latest evaluation; null while unknown' })
  maxAidNok: number | null;

  @ApiProperty({ description: 'An approver returned a recommendation of this case, and the case is still open' })
  returned: boolean;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'While the case waits for the applicant: the reply-by date of the open request',
  })
  replyBy: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'In queue=to-approve: when the open recommendation was made; else null',
  })
  recommendedAt: string | null;
}

@ApiSchema({ name: 'QueuePage', description: 'One page of the queue' })
export class QueuePageResponse {
  @ApiProperty({ type: [QueueItemResponse] })
  items: QueueItemResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Send as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'On the first page (no cursor): how many cases the view holds in all its pages; see totalIsEstimate',
  })
  total?: number;

  @ApiPropertyOptional({
    description:
      "With total: true when it is the planner's estimate (a large view with filters counting would be slow for), false when exact",
  })
  totalIsEstimate?: boolean;
}

@ApiSchema({
  name: 'QueueCounts',
  description: "How many cases each of the caller's queues holds; only the queues the caller's roles may open",
})
export class QueueCountsResponse {
  @ApiPropertyOptional({ type: 'integer', description: 'queue=mine (caseworker)' })
  mine?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'queue=unassigned (caseworker, manager)' })
  unassigned?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'queue=to-approve (approver)' })
  toApprove?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'queue=awaiting-applicant (caseworker, manager)' })
  awaitingApplicant?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'queue=returned-to-me (caseworker)' })
  returnedToMe?: number;
}

@ApiSchema({ name: 'BulkAssignResult', description: 'What became of one case of a bulk assignment' })
export class BulkAssignResultResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  ok: boolean;

  @ApiProperty({ type: 'integer', description: 'The status a single assignment would have answered', example: 200 })
  status: number;

  @ApiPropertyOptional({ type: 'integer', description: "When ok: the case's version afterwards" })
  version?: number;

  @ApiPropertyOptional({ description: 'When not ok: why' })
  error?: string;
}

@ApiSchema({ name: 'BulkAssignResults' })
export class BulkAssignResultsResponse {
  @ApiProperty({ type: [BulkAssignResultResponse], description: 'One per id, in the order sent' })
  results: BulkAssignResultResponse[];
}
