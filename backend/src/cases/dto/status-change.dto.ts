import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { BoundedWords, IsCalendarDate } from '../../common/validation';
import { CASE_STATUSES, CaseStatus } from '../case-status';

/** A change that names the case version it was made on (or sends it as If-Match). */
export class VersionedDto {
  @ApiPropertyOptional({ type: 'integer', description: 'The case version you saw; a stale one gives 409 (or send If-Match)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class StatusChangeDto extends VersionedDto {
  @ApiProperty({ enum: CASE_STATUSES, enumName: 'CaseStatus' })
  @IsIn(CASE_STATUSES, { message: `status must be one of ${CASE_STATUSES.join(', ')}` })
  status: CaseStatus;

  @ApiPropertyOptional({
    description: 'Free comment, e.g. what the applicant answered; required when withdrawing: why the case is withdrawn',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @BoundedWords()
  comment?: string;

  @ApiPropertyOptional({ description: 'For awaiting_applicant: what the applicant must send' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @BoundedWords()
  message?: string;

  @ApiPropertyOptional({ description: 'For awaiting_applicant: reply-by date (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  replyBy?: string;
}
