import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ApiJsonValue } from '../../common/openapi';

export const OUTBOX_PAGE = { min: 1, max: 500, default: 100 } as const;
const LIMIT_MESSAGE = `limit must be an integer from ${OUTBOX_PAGE.min} to ${OUTBOX_PAGE.max}`;

export class OutboxQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The nextAfter of the previous page (or the id of the last message taken); none: from the first message',
  })
  @IsOptional()
  @IsUUID('all', { message: 'after must be the id of a message' })
  after?: string;

  @ApiPropertyOptional({
    minimum: OUTBOX_PAGE.min,
    maximum: OUTBOX_PAGE.max,
    default: OUTBOX_PAGE.default,
    description: 'Messages per page',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(OUTBOX_PAGE.min, { message: LIMIT_MESSAGE })
  @Max(OUTBOX_PAGE.max, { message: LIMIT_MESSAGE })
  limit?: number;
}

export const PORTAL_MESSAGE_KINDS = ['information_request', 'preliminary_reply', 'decision_letter'] as const;

export class PortalMessageResponse {
  @ApiProperty({ format: 'uuid', description: 'The message’s id: time-ordered, and the same on every delivery (deduplicate on it)' })
  id: string;
  @ApiProperty({ format: 'uuid', description: 'The case' })
  applicationId: string;
  @ApiProperty({ description: 'The portal’s own reference of the application (externalRef at intake)' })
  externalRef: string;
  @ApiProperty({ enum: PORTAL_MESSAGE_KINDS })
  kind: (typeof PORTAL_MESSAGE_KINDS)[number];
  @ApiProperty({ description: 'When the change it tells about was made' })
  createdAt: string;
  @ApiJsonValue({
    description:
      'information_request: {requestId, message, replyBy, reply (the path the portal posts the answer to)}; ' +
      'preliminary_reply: {reference, receivedOn, expectedDecisionBy, lang, message}; ' +
      'decision_letter: {decisionId, outcome, decisionDate, letters: {nb, en} (paths of the letter PDFs)}',
  })
  payload: Record<string, unknown>;
}

export class OutboxPageResponse {
  @ApiProperty({ type: [PortalMessageResponse], description: 'Messages in the order they were written (id order)' })
  items: PortalMessageResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Ask again with after=<this> for the next messages; when items is empty it is the after asked with (null when none)',
  })
  nextAfter: string | null;
}
