import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { VersionedDto } from '../../cases';

export class AnchorDto {
  @ApiProperty({ enum: ['application', 'costLine', 'rule'] })
  @IsIn(['application', 'costLine', 'rule'], { message: 'anchor.type must be application, costLine or rule' })
  type: 'application' | 'costLine' | 'rule';

  @ApiPropertyOptional({ description: 'The cost line id or the rule/judgment id' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100)
  ref?: string | null;
}

export class NoteDto {
  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'body must not be empty' })
  @MaxLength(20000)
  body: string;

  @ApiProperty({ type: AnchorDto })
  @ValidateNested()
  @Type(() => AnchorDto)
  anchor: AnchorDto;
}

export class NoteEditDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'body must not be empty' })
  @MaxLength(20000)
  body: string;
}

export class EnteredInErrorDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(2000)
  reason: string;
}

export class NotesQuery {
  @IsOptional()
  @IsIn(['application', 'costLine', 'rule'], { message: 'anchorType must be application, costLine or rule' })
  anchorType?: 'application' | 'costLine' | 'rule';

  @IsOptional()
  @IsString()
  @MaxLength(100)
  anchorRef?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  author?: string;
}
