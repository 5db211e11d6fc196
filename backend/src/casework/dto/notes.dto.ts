import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { VersionedDto } from '../../cases';
import { BoundedWords } from '../../common/validation';
import { NOTE_ANCHOR_TYPE_ENUM, NOTE_ANCHOR_TYPES } from './note.response';

export class AnchorDto {
  @ApiProperty(NOTE_ANCHOR_TYPE_ENUM)
  @IsIn(NOTE_ANCHOR_TYPES, { message: 'anchor.type must be application, costLine, rule or document' })
  type: 'application' | 'costLine' | 'rule' | 'document';

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'The cost line id, the rule/judgment id, or `<documentId>` or `<documentId>#p<page>` (page from 1) for a document of the case',
  })
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
  @BoundedWords()
  body: string;

  @ApiProperty({ type: AnchorDto })
  @IsObject({ message: 'anchor must be an object: {type, ref}' })
  @ValidateNested()
  @Type(() => AnchorDto)
  anchor: AnchorDto;
}

export class NoteEditDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'body must not be empty' })
  @MaxLength(20000)
  @BoundedWords()
  body: string;
}

export class EnteredInErrorDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(2000)
  @BoundedWords()
  reason: string;
}

export class NotesQuery {
  @ApiPropertyOptional({ ...NOTE_ANCHOR_TYPE_ENUM, description: 'Only notes on this kind of thing' })
  @IsOptional()
  @IsIn(NOTE_ANCHOR_TYPES, { message: 'anchorType must be application, costLine, rule or document' })
  anchorType?: 'application' | 'costLine' | 'rule' | 'document';

  @ApiPropertyOptional({ maxLength: 100, description: 'Only notes on this cost line, rule or document page (exactly as the anchor ref)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  anchorRef?: string;

  @ApiPropertyOptional({ maxLength: 64, description: "Only this author's notes (username)" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  author?: string;
}
