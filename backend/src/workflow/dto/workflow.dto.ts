import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { VersionedDto } from '../../casework/dto/casework.dto';

export class StatusChangeDto extends VersionedDto {
  @ApiProperty({ enum: ['in_review', 'awaiting_applicant', 'withdrawn', 'recommended', 'decided', 'received'] })
  @IsIn(['received', 'in_review', 'awaiting_applicant', 'recommended', 'decided', 'withdrawn'], {
    message: 'status must be one of received, in_review, awaiting_applicant, recommended, decided, withdrawn',
  })
  status: 'received' | 'in_review' | 'awaiting_applicant' | 'recommended' | 'decided' | 'withdrawn';

  @ApiPropertyOptional({ description: 'Free comment, e.g. what the applicant answered, or why the case is withdrawn' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiPropertyOptional({ description: 'For awaiting_applicant: what the applicant must send' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  message?: string;

  @ApiPropertyOptional({ description: 'For awaiting_applicant: reply-by date (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'replyBy must be a date as YYYY-MM-DD' })
  replyBy?: string;
}

export class ConditionDto {
  @ApiPropertyOptional({ description: 'A standard condition (GET /api/conditions)' })
  @ValidateIf((o) => o.text === undefined)
  @IsString()
  code?: string;

  @ApiPropertyOptional({ description: 'A condition in free text' })
  @ValidateIf((o) => o.code === undefined)
  @IsString()
  @Matches(/\S/, { message: 'text must not be empty' })
  @MaxLength(2000)
  text?: string;
}

export class RecommendationDto extends VersionedDto {
  @ApiProperty({ enum: ['grant', 'reject'] })
  @IsIn(['grant', 'reject'], { message: 'outcome must be grant or reject' })
  outcome: 'grant' | 'reject';

  @ApiPropertyOptional({ description: 'For a grant: whole NOK, at most the maximum aid and the requested aid' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'amountNok must be whole kroner' })
  @Min(1)
  amountNok?: number | null;

  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'justification must not be empty' })
  @MaxLength(20000)
  justification: string;

  @ApiPropertyOptional({ type: [ConditionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ConditionDto)
  conditions?: ConditionDto[];

  @ApiPropertyOptional({ description: 'For a rejection: the rules and judgments it rests on', example: ['INC-01'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  grounds?: string[];
}

export class DecisionDto extends VersionedDto {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'], { message: 'action must be approve or return' })
  action: 'approve' | 'return';

  @ApiPropertyOptional({ enum: ['missing-investigation', 'missing-justification', 'wrong-result', 'other'] })
  @ValidateIf((o) => o.action === 'return')
  @IsIn(['missing-investigation', 'missing-justification', 'wrong-result', 'other'], {
    message: 'reasonCode must be missing-investigation, missing-justification, wrong-result or other',
  })
  reasonCode?: 'missing-investigation' | 'missing-justification' | 'wrong-result' | 'other';

  @ApiPropertyOptional()
  @ValidateIf((o) => o.action === 'return')
  @IsString()
  @Matches(/\S/, { message: 'comment must say what to do' })
  @MaxLength(5000)
  comment?: string;
}

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

export class LetterQuery {
  @IsOptional()
  @IsIn(['nb', 'en'], { message: 'lang must be nb or en' })
  lang?: 'nb' | 'en';
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
