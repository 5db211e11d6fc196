import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ACCESS_KINDS, AccessKind } from '../access-entry';

const PAGE = { min: 1, max: 200, default: 50 };

export class AccessLogPageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: PAGE.min, maximum: PAGE.max, default: PAGE.default, description: 'Rows per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be an integer from ${PAGE.min} to ${PAGE.max}` })
  @Min(PAGE.min, { message: `limit must be an integer from ${PAGE.min} to ${PAGE.max}` })
  @Max(PAGE.max, { message: `limit must be an integer from ${PAGE.min} to ${PAGE.max}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'cursor must be a text of at most 1000 characters' })
  cursor?: string;
}

export class AccessLogQuery extends AccessLogPageQuery {
  @ApiPropertyOptional({ description: "Only this person's rows (the username; for a failed sign-in, the name tried)" })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: 'username must be a text of at most 64 characters' })
  username?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      `Only these kinds, comma-separated, of: ${ACCESS_KINDS.join(', ')}. ` +
      "Without it, every kind but `read` (the reads of a case are listed per case; ask for `read` with a time range for a person's reads)",
  })
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value : String(value).split(',')).map((v: string) => v.trim()).filter(Boolean))
  @IsIn(ACCESS_KINDS, { each: true, message: `each kind must be one of: ${ACCESS_KINDS.join(', ')}` })
  kind?: AccessKind[];

  @ApiPropertyOptional({ format: 'date-time', description: 'From this time (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date and time (ISO 8601, e.g. 2026-12-01T00:00:00Z)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this time (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date and time (ISO 8601, e.g. 2026-12-02T00:00:00Z)' })
  to?: string;
}
