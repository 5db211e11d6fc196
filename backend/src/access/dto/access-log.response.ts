import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ACCESS_KINDS, AccessKind } from '../access-entry';

@ApiSchema({
  name: 'AccessLogEntry',
  description: 'A read of a case, a sign-in, a refusal or a change of a user, as the access log holds it',
})
export class AccessLogEntryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ACCESS_KINDS, enumName: 'AccessKind' })
  kind: AccessKind;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Who: the signed-in user; at a failed sign-in the name tried; for a change of a user, who made it (`db:<role>` from SQL)',
  })
  username: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The user's display name, when the username is a user's" })
  displayName: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it was read: the route, e.g. `case.view`, `document.content`, `letter.decision`',
  })
  why: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  applicationId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The document, evaluation or note read, when the route names one',
  })
  resourceId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'A refusal or failed sign-in: the route, e.g. `GET /api/stats/overview`' })
  route: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'A refusal or failed sign-in: 401, 403 or 429' })
  status: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'A change of a user: whose' })
  subject: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'A role granted or revoked' })
  role: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The request id (X-Request-Id), as in the request log' })
  requestId: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The client's address" })
  clientAddress: string | null;
}

@ApiSchema({ name: 'AccessLogPage', description: 'One page of the access log, newest first' })
export class AccessLogPageResponse {
  @ApiProperty({ type: [AccessLogEntryResponse] })
  items: AccessLogEntryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Send as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}
