import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SIZE_CLASSES, STATUSES } from '../application.entity';

export const QUEUE_SORTS = [
  'receivedAt',
  '-receivedAt',
  'slaDueAt',
  '-slaDueAt',
  'requestedAmount',
  '-requestedAmount',
  'applicantName',
  '-applicantName',
  'maxAid',
  '-maxAid',
] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

const list = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);

export class QueueQueryDto {
  @ApiPropertyOptional({ description: 'One or more statuses, comma-separated', example: 'received,in_review' })
  @IsOptional()
  @Transform(list)
  @IsIn(STATUSES, { each: true, message: `each status must be one of: ${STATUSES.join(', ')}` })
  status?: string[];

  @ApiPropertyOptional({ description: '`me`, `unassigned` or a username' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,62}$/, { message: 'assignee must be me, unassigned or a username' })
  assignee?: string;

  @ApiPropertyOptional({ description: 'Matches reference, org number, applicant name and title' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'One or more size classes, comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsIn(SIZE_CLASSES, { each: true, message: `each sizeClass must be one of: ${SIZE_CLASSES.join(', ')}` })
  sizeClass?: string[];

  @ApiPropertyOptional({ description: 'Only open cases past their SLA due date' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Latest evaluation has this rule at this outcome, e.g. INC-01:fail (comma-separated: all must hold)' })
  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(20, { message: 'at most 20 rules' })
  @Matches(/^[A-Z]{3}-\d{2}:(pass|fail|assess|missing|refer|na)$/, { each: true, message: 'each rule must look like INC-01:fail' })
  rule?: string[];

  @ApiPropertyOptional({ description: 'Latest evaluation has any rule at fail, missing, refer or assess (comma-separated: all must hold)' })
  @IsOptional()
  @Transform(list)
  @IsIn(['fail', 'missing', 'refer', 'assess'], { each: true, message: 'each flag must be fail, missing, refer or assess' })
  flag?: ('fail' | 'missing' | 'refer' | 'assess')[];

  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'receivedAt' })
  @IsOptional()
  @IsIn(QUEUE_SORTS, { message: `sort must be one of: ${QUEUE_SORTS.join(', ')}` })
  sort?: QueueSort;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}
