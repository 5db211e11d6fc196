import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** What a notification tells (docs/notifications.md); the kernel's NotificationKind, for the document. */
export const NOTIFICATION_KINDS = ['returned', 'reply-received', 'deadline-soon', 'assigned'] as const;

export const NOTIFICATION_PAGE = { min: 1, max: 100, default: 20 } as const;
const LIMIT_MESSAGE = `limit must be an integer from ${NOTIFICATION_PAGE.min} to ${NOTIFICATION_PAGE.max}`;

export class NotificationsQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Only the unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: NOTIFICATION_PAGE.min,
    maximum: NOTIFICATION_PAGE.max,
    default: NOTIFICATION_PAGE.default,
    description: 'Notifications per page',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(NOTIFICATION_PAGE.min, { message: LIMIT_MESSAGE })
  @Max(NOTIFICATION_PAGE.max, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'cursor must be a text of at most 1000 characters' })
  cursor?: string;
}

@ApiSchema({ name: 'NotificationData', description: 'What the text of a notification needs, by kind' })
export class NotificationDataResponse {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'returned: the reason the approver gave (missing-investigation, missing-justification, wrong-result, other)',
  })
  reasonCode?: string | null;
  @ApiPropertyOptional({ description: 'reply-received: when the applicant sent the reply' })
  receivedAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'reply-received: the information request answered' })
  requestId?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'reply-received: how many documents came with the reply' })
  documents?: number;
  @ApiPropertyOptional({ description: 'deadline-soon: the SLA due date, YYYY-MM-DD' })
  dueOn?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'deadline-soon: business days left to the due date' })
  daysLeft?: number;
}

@ApiSchema({ name: 'Notification', description: 'A notification for the signed-in person, about one case' })
export class NotificationResponse {
  @ApiProperty({ format: 'uuid', description: 'Time-ordered; the id of the stream’s event (Last-Event-ID)' })
  id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: (typeof NOTIFICATION_KINDS)[number];
  @ApiProperty({ format: 'uuid', description: 'The case' })
  applicationId: string;
  @ApiProperty({ description: 'The case’s reference, e.g. TS-2026-000123' })
  reference: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who acted (username); null for the system (a deadline)' })
  actor: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Their display name, as it was then' })
  actorName: string | null;
  @ApiProperty({ type: NotificationDataResponse })
  data: NotificationDataResponse;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the recipient read it; null while unread' })
  readAt: string | null;
}

export class NotificationPageResponse {
  @ApiProperty({ type: [NotificationResponse], description: 'Newest first' })
  items: NotificationResponse[];
  @ApiProperty({ type: 'integer', description: 'How many of the person’s notifications are unread, in all' })
  unreadCount: number;
  @ApiProperty({ type: String, nullable: true, description: 'Ask again with cursor=<this> for older ones; null when there are none' })
  nextCursor: string | null;
}

export class NotificationsReadResponse {
  @ApiProperty({ type: 'integer', description: 'How many were marked read now' })
  marked: number;
  @ApiProperty({ type: 'integer', description: 'How many are unread now' })
  unreadCount: number;
}
