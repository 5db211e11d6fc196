import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class TimelineQuery {
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value : String(value).split(',')).map((v: string) => v.trim()).filter(Boolean))
  @IsString({ each: true })
  kind?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;
}

export class RegisterReportsQuery {
  @IsOptional()
  @IsIn(['due', 'reported', 'all'], { message: 'status must be due, reported or all' })
  status?: 'due' | 'reported' | 'all';
}

export class ReportedDto {
  @ApiProperty({ description: "The register's reference for the publication" })
  @IsString()
  @Matches(/\S/, { message: 'registerReference must not be empty' })
  @MaxLength(200)
  registerReference: string;
}
