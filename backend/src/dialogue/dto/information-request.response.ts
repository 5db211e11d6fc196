import { ApiProperty, ApiSchema } from '@nestjs/swagger';

const STATUSES = ['open', 'answered', 'closed'] as const;

@ApiSchema({ name: 'ReplyDocument', description: 'A document the applicant sent with a reply' })
export class ReplyDocumentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'What the document is to the case (DocumentKind)' })
  kind: string;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;

  @ApiProperty()
  fileName: string;

  @ApiProperty()
  contentType: string;

  @ApiProperty({ type: 'integer' })
  size: number;

  @ApiProperty()
  enteredInError: boolean;
}

@ApiSchema({ name: 'InformationReply', description: "The applicant's answer, as the portal posted it" })
export class InformationReplyResponse {
  @ApiProperty()
  message: string;

  @ApiProperty({ format: 'date-time', description: 'When the applicant sent it; the SLA clock ran again from then' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time', description: 'When the API recorded it' })
  recordedAt: string;

  @ApiProperty({ description: "Username of the portal's account that posted it" })
  postedBy: string;

  @ApiProperty({ type: [ReplyDocumentResponse] })
  documents: ReplyDocumentResponse[];
}

@ApiSchema({
  name: 'InformationRequest',
  description: 'A request for information to the applicant, with the reply once it came',
})
export class InformationRequestResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  message: string;

  @ApiProperty({ format: 'date', description: 'Reply-by date (YYYY-MM-DD)' })
  replyBy: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the late-reply job found the reply-by date passed without an answer (the case is then in the replyOverdue list)',
  })
  overdueAt: string | null;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ description: 'Username of the caseworker who asked' })
  requestedBy: string;

  @ApiProperty()
  requestedByName: string;

  @ApiProperty({
    enum: STATUSES,
    enumName: 'InformationRequestStatus',
    description:
      'open: the case waits for the applicant; answered: the applicant replied; closed: the caseworker resumed (or the case was withdrawn) without a reply',
  })
  status: (typeof STATUSES)[number];

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the case stopped waiting: the reply’s time, or the caseworker’s resume',
  })
  resumedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Username' })
  resumedBy: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Business days the SLA clock stood still' })
  pausedBusinessDays: number | null;

  @ApiProperty({ type: InformationReplyResponse, nullable: true })
  reply: InformationReplyResponse | null;
}
