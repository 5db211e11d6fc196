import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateBy } from 'class-validator';
import { isReceivedAt, VersionedDto } from '../../cases';
import { BoundedWords, IsCalendarDate } from '../../common/validation';

export class InformationRequestDto extends VersionedDto {
  @ApiProperty({ description: 'What the applicant must send or answer' })
  @IsString()
  @Matches(/\S/, { message: 'message must not be empty: say what the applicant must send' })
  @MaxLength(5000)
  @BoundedWords()
  message: string;

  @ApiPropertyOptional({ format: 'date', description: 'The reply-by date (YYYY-MM-DD), after today; 14 days ahead when left out' })
  @IsOptional()
  @IsCalendarDate()
  replyBy?: string;
}

export class InformationReplyDto {
  @ApiProperty({ description: "The applicant's answer" })
  @IsString()
  @Matches(/\S/, { message: 'message must not be empty' })
  @MaxLength(20000)
  @BoundedWords()
  message: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Documents the applicant sent with the answer, uploaded to the case first (POST …/documents, kind reply)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true, message: 'each of documentIds must be a document id' })
  documentIds?: string[];

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When the applicant sent the answer in the portal (RFC 3339, as intake’s receivedAt); the SLA clock runs again from then. Default: when the API receives it. Not in the future, not before the request',
    example: '2026-12-14T09:30:00+01:00',
  })
  @IsOptional()
  @ValidateBy({
    name: 'isReceivedAt',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isReceivedAt(value),
      defaultMessage: () => 'receivedAt must be an RFC 3339 timestamp YYYY-MM-DDThh:mm:ss, optionally with a fraction, then Z or ±hh:mm',
    },
  })
  receivedAt?: string;
}
