import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { valuesOf } from '../../common/values-of';
import type { RegisterReportStatus } from '../oversight.repository';
import { STATS_PERIODS, type StatsPeriod } from '../oversight.service';

export class TimelineQuery {
  @ApiPropertyOptional({ type: [String], description: 'Only events of these kinds, comma-separated (e.g. `status,decision`)' })
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value : String(value).split(',')).map((v: string) => v.trim()).filter(Boolean))
  @IsString({ each: true })
  kind?: string[];

  @ApiPropertyOptional({ description: "Only this person's events (username)" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;
}

const REGISTER_REPORT_STATUSES = valuesOf<RegisterReportStatus>()('due', 'reported', 'all');

export class RegisterReportsQuery {
  @ApiPropertyOptional({ enum: REGISTER_REPORT_STATUSES, default: 'due', description: 'Due (not yet reported), reported, or all' })
  @IsOptional()
  @IsIn(REGISTER_REPORT_STATUSES, { message: 'status must be due, reported or all' })
  status?: 'due' | 'reported' | 'all';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100, description: 'Reports per page' })
  @IsOptional()
  // Digits only: Number() would read "0x10" and "1e2" as numbers.
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN))
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class ReportedDto {
  @ApiProperty({ description: "The register's reference for the publication" })
  @IsString()
  @Matches(/\S/, { message: 'registerReference must not be empty' })
  @MaxLength(200)
  registerReference: string;
}

export class AuditVerifyQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this case's events (its stream), checked in one snapshot" })
  @IsOptional()
  @IsUUID('all', { message: 'applicationId must be a UUID' })
  applicationId?: string;
}

export class StatsOverviewQuery {
  @ApiPropertyOptional({
    enum: STATS_PERIODS,
    default: 'year',
    description: 'The period of the decisions, the amount granted and the lead time: this month, this and the two months before, this year',
  })
  @IsOptional()
  @IsIn(STATS_PERIODS, { message: 'period must be month, 3months or year' })
  period?: StatsPeriod;
}
