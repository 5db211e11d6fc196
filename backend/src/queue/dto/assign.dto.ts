import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, IsUUID, Matches, Min, ValidateIf } from 'class-validator';

export class AssignDto {
  @ApiProperty({ type: String, nullable: true, description: 'Username of a caseworker, or null to unassign', example: 'kari' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,62}$/, { message: 'assignee must be a username' })
  assignee: string | null;

  @ApiPropertyOptional({ type: 'integer', description: 'The case version you saw; a stale one gives 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class BulkAssignDto {
  @ApiProperty({ type: String, nullable: true, example: 'kari' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,62}$/, { message: 'assignee must be a username' })
  assignee: string | null;

  @ApiProperty({ type: [String] })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids: string[];
}
