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
}

@ApiSchema({ name: 'QueuePage', description: 'One page of the queue' })
export class QueuePageResponse {
  @ApiProperty({ type: [QueueItemResponse] })
  items: QueueItemResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Send as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
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
