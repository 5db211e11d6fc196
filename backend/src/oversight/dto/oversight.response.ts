import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { CASE_STATUSES, CaseStatus, INTAKE_SCHEMA } from '../../cases';
import { LocalizedTextResponse } from '../../common/dto/rulebook.response';
import { AUDIT_PROBLEMS, type AuditProblem } from '../audit-verification';

@ApiSchema({ name: 'TimelineEvent', description: 'An event of the case, from the audit log' })
export class TimelineEventResponse {
  @ApiProperty({ type: 'integer' })
  id: number;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ description: 'Username (`portal` for intake, `system` for background work)' })
  actor: string;

  @ApiProperty({ description: "The actor's display name; the username when they have none" })
  actorName: string;

  @ApiProperty({ example: 'status', description: 'intake, assignment, evaluation, judgment, assessment, correction, note, status, …' })
  kind: string;

  @ApiProperty({ type: LocalizedTextResponse, description: 'What happened, in words' })
  summary: LocalizedTextResponse;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's data as audited (with `before` and `after` where they apply)",
  })
  data: Record<string, unknown>;
}

@ApiSchema({ name: 'RegisterReportApplicant' })
export class RegisterReportApplicantResponse {
  @ApiProperty()
  name: string;

  @ApiProperty()
  orgNumber: string;

  @ApiProperty({ type: String, nullable: true })
  naceCode: string | null;

  @ApiProperty({ type: String, nullable: true })
  county: string | null;
}

@ApiSchema({
  name: 'RegisterReport',
  description: 'A grant to publish in the Register for public support, due six months after the decision',
})
export class RegisterReportResponse {
  @ApiProperty({ format: 'uuid' })
  decisionId: string;

  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty()
  reference: string;

  @ApiProperty({ type: RegisterReportApplicantResponse })
  applicant: RegisterReportApplicantResponse;

  @ApiProperty({ enum: INTAKE_SCHEMA.properties.aid.properties.instrument.enum })
  aidInstrument: string;

  @ApiProperty()
  legalBasis: string;

  @ApiProperty({ type: 'integer' })
  amountNok: number;

  @ApiProperty()
  amountEur: number;

  @ApiProperty({ format: 'date' })
  decisionDate: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;

  @ApiProperty({ format: 'date' })
  dueOn: string;

  @ApiProperty({ description: 'Not reported, and the due date has passed' })
  overdue: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reportedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Username' })
  reportedBy: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The register's reference for the publication" })
  registerReference: string | null;
}

@ApiSchema({ name: 'RegisterReportPage', description: 'A page of register reports, in due-date order' })
export class RegisterReportPageResponse {
  @ApiProperty({ type: [RegisterReportResponse] })
  items: RegisterReportResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor: string | null;

  @ApiPropertyOptional({ type: 'integer', description: 'On the first page (no cursor): how many reports have the status' })
  total?: number;
}

@ApiSchema({ name: 'AgeingBucket' })
export class AgeingBucketResponse {
  @ApiProperty({ enum: ['0-10', '11-20', '21-40', '>40'], description: 'Days since receipt' })
  bucket: string;

  @ApiProperty({ type: 'integer' })
  count: number;
}

@ApiSchema({ name: 'CaseworkerLoad' })
export class CaseworkerLoadResponse {
  @ApiProperty()
  username: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ type: 'integer', description: 'Open cases assigned' })
  open: number;

  @ApiProperty({ type: 'integer', description: 'Of those, past their SLA due date' })
  overdue: number;
}

@ApiSchema({ name: 'DecisionsInWeek' })
export class DecisionsInWeekResponse {
  @ApiProperty({ example: '2026-W11', description: 'ISO week' })
  week: string;

  @ApiProperty({ type: 'integer' })
  granted: number;

  @ApiProperty({ type: 'integer' })
  rejected: number;
}

@ApiSchema({ name: 'GrantedThisYear' })
export class GrantedThisYearResponse {
  @ApiProperty({ type: 'integer' })
  count: number;

  @ApiProperty({ type: 'integer' })
  amountNok: number;
}

@ApiSchema({ name: 'StatsPeriod' })
export class StatsPeriodResponse {
  @ApiProperty({ enum: ['month', '3months', 'year'] })
  name: 'month' | '3months' | 'year';

  @ApiProperty({ format: 'date', description: 'First day (Norwegian date)' })
  from: string;

  @ApiProperty({ format: 'date', description: 'Today (Norwegian date)' })
  to: string;
}

@ApiSchema({ name: 'DecisionsInPeriod' })
export class DecisionsInPeriodResponse {
  @ApiProperty({ type: 'integer' })
  granted: number;

  @ApiProperty({ type: 'integer' })
  rejected: number;
}

@ApiSchema({ name: 'LeadTime', description: 'From receipt to decision, for the cases decided in the period' })
export class LeadTimeResponse {
  @ApiProperty({ type: 'integer', description: 'Cases decided in the period' })
  decisions: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Median business days from receipt to decision; null without decisions' })
  medianBusinessDays: number | null;

  @ApiProperty({ type: 'integer', description: 'Of the decisions, those made within the target' })
  withinTarget: number;

  @ApiProperty({ type: 'integer', description: 'The target in business days (SLA_BUSINESS_DAYS)' })
  targetBusinessDays: number;
}

@ApiSchema({ name: 'ApprovalBacklog', description: 'Recommended cases waiting for a decision' })
export class ApprovalBacklogResponse {
  @ApiProperty({ type: 'integer' })
  count: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Business days the oldest recommendation has waited; null when none waits' })
  oldestBusinessDays: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Median business days waited; null when none waits' })
  medianBusinessDays: number | null;
}

@ApiSchema({ name: 'StatsOverview', description: "The manager's overview of the office" })
export class StatsOverviewResponse {
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(CASE_STATUSES.map((s) => [s, { type: 'integer' }])),
    required: [...CASE_STATUSES],
    selfRequired: true,
    description: 'Cases in each status',
  })
  countsByStatus: Record<CaseStatus, number>;

  @ApiProperty({ type: [AgeingBucketResponse], description: 'Open cases by days since receipt, every bucket' })
  ageing: AgeingBucketResponse[];

  @ApiProperty({ type: [CaseworkerLoadResponse], description: 'Every active caseworker, busiest first' })
  workload: CaseworkerLoadResponse[];

  @ApiProperty({ type: [DecisionsInWeekResponse], description: 'The last twelve weeks with decisions' })
  decisionsPerWeek: DecisionsInWeekResponse[];

  @ApiProperty({ type: GrantedThisYearResponse })
  grantedThisYear: GrantedThisYearResponse;

  @ApiProperty({ type: 'integer', description: 'Open cases past their SLA due date' })
  overdue: number;

  @ApiProperty({ type: StatsPeriodResponse })
  period: StatsPeriodResponse;

  @ApiProperty({ type: DecisionsInPeriodResponse, description: 'Decisions in the period by outcome' })
  decisionsInPeriod: DecisionsInPeriodResponse;

  @ApiProperty({ type: GrantedThisYearResponse, description: 'Grants decided in the period and their amount' })
  grantedInPeriod: GrantedThisYearResponse;

  @ApiProperty({ type: LeadTimeResponse })
  leadTime: LeadTimeResponse;

  @ApiProperty({ type: ApprovalBacklogResponse })
  approvalBacklog: ApprovalBacklogResponse;
}

@ApiSchema({
  name: 'AuditBreak',
  description: 'A stream\'s first position that is not as the application wrote it (docs/architecture.md, "The audit log")',
})
export class AuditBreakResponse {
  @ApiProperty({ type: 'integer', nullable: true, description: 'The event at that position; null when there is none (it was deleted)' })
  id: number | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The case; null for the events about no case' })
  applicationId: string | null;

  @ApiProperty({ type: 'integer', description: "The first bad position of the case's stream of events (1 is its first event)" })
  streamSeq: number;

  @ApiProperty({
    enum: AUDIT_PROBLEMS,
    description:
      'missing: an event was deleted; link, content: the hash chain does not hold; rewritten: an event was rewritten with its hash ' +
      'and the later ones recomputed; unanchored: an event the application did not write; db-change: a change of case data made in ' +
      'the database, not through the application; truncated: the newest events were deleted; replaced: events were deleted and ' +
      "their positions written again; anchor-invalid: the application's signed anchor does not verify",
  })
  problem: AuditProblem;

  @ApiProperty({ example: 'content does not match its hash' })
  reason: string;
}

@ApiSchema({ name: 'AuditVerification' })
export class AuditVerificationResponse {
  @ApiProperty({ description: 'Every stream is as the application wrote it' })
  ok: boolean;

  @ApiProperty({ type: 'integer', description: 'Events checked' })
  events: number;

  @ApiProperty({ type: 'integer', description: 'Streams checked: cases (and the events about no case)' })
  streams: number;

  @ApiProperty({ type: 'integer', description: 'Streams with a finding' })
  brokenStreams: number;

  @ApiProperty({ type: AuditBreakResponse, nullable: true, description: 'The first finding, in the order of case ids' })
  firstBrokenAt: AuditBreakResponse | null;

  @ApiProperty({ type: [AuditBreakResponse], description: 'One finding per broken stream, in the order of case ids; at most 100' })
  broken: AuditBreakResponse[];
}
