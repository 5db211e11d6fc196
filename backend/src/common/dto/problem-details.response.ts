import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { GrantBlockerResponse } from './rulebook.response';

@ApiSchema({ name: 'FieldError' })
export class FieldErrorResponse {
  @ApiProperty({ description: 'JSONPath of the offending field', example: '$.applicant.orgNumber' })
  path: string;

  @ApiProperty()
  message: string;
}

/**
 * Every error the API answers (common/problem.filter.ts): RFC 9457 problem details, with the
 * members some problems add beside the standard ones.
 */
@ApiSchema({ name: 'ProblemDetails', description: 'An RFC 9457 problem, sent as application/problem+json' })
export class ProblemDetailsResponse {
  @ApiProperty({ description: 'A stable code to switch on, as a URN', example: 'urn:tilsagn:problem:stale-version' })
  type: string;

  @ApiProperty({ example: 'The case was changed by someone else' })
  title: string;

  @ApiProperty({ type: 'integer', example: 409 })
  status: number;

  @ApiPropertyOptional({ description: 'What happened, for people' })
  detail?: string;

  @ApiProperty({ description: 'The path of the request', example: '/api/applications/0190e2a4-0000-7000-8000-000000000000/assign' })
  instance: string;

  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'validation-failed: each bad field' })
  errors?: FieldErrorResponse[];

  @ApiPropertyOptional({ type: 'integer', description: 'stale-version: the version the case (or note) is at now' })
  currentVersion?: number;

  @ApiPropertyOptional({ description: "Problems with the case's status: the status it is in" })
  currentStatus?: string;

  @ApiPropertyOptional({ description: 'illegal-transition: the status asked for' })
  requestedStatus?: string;

  @ApiPropertyOptional({ type: [GrantBlockerResponse], description: 'grant-not-possible: what stands in the way' })
  blockers?: GrantBlockerResponse[];

  @ApiPropertyOptional({ format: 'uuid', description: 'external-ref-conflict: the application that has the externalRef' })
  applicationId?: string;

  @ApiPropertyOptional({ description: 'internal: the request id to quote when reporting it' })
  requestId?: string;
}
