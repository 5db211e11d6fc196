import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
import { VersionedDto } from '../../cases';
import { BoundedWords } from '../../common/validation';
import { RECOMMENDATION_OUTCOME_ENUM, RECOMMENDATION_OUTCOMES, RETURN_REASON_ENUM, RETURN_REASONS } from './decision.response';

export class ConditionDto {
  @ApiPropertyOptional({ description: 'A standard condition (GET /api/conditions)' })
  @ValidateIf((o) => o.text === undefined)
  @IsString()
  code?: string;

  @ApiPropertyOptional({ description: 'A condition in free text' })
  @ValidateIf((o) => o.code === undefined)
  @IsString()
  @Matches(/\S/, { message: 'text must not be empty' })
  @BoundedWords()
  @MaxLength(2000)
  text?: string;
}

export class RecommendationDto extends VersionedDto {
  @ApiProperty(RECOMMENDATION_OUTCOME_ENUM)
  @IsIn(RECOMMENDATION_OUTCOMES, { message: 'outcome must be grant or reject' })
  outcome: 'grant' | 'reject';

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'For a grant: whole NOK, at most the maximum aid and the requested aid',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'amountNok must be whole kroner' })
  @Min(1)
  amountNok?: number | null;

  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'justification must not be empty' })
  @BoundedWords()
  @MaxLength(20000)
  justification: string;

  @ApiPropertyOptional({ type: [ConditionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ConditionDto)
  conditions?: ConditionDto[];

  @ApiPropertyOptional({
    description:
      'For a rejection: what it rests on, each named once: rules at fail, missing or refer, judgments recorded fail, or PRIORITY',
    example: ['INC-01'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  grounds?: string[];

  @ApiPropertyOptional({
    description:
      "For a rejection on the PRIORITY ground, and only then: why the application ranks below others within the year's budget; it goes into the letter",
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'priorityReason must not be empty' })
  @BoundedWords()
  @MaxLength(2000)
  priorityReason?: string;

  @ApiPropertyOptional({
    description:
      'For a grant below the most the rules allow (the maximum aid less other aid on the same costs, at most the requested aid), ' +
      'and only then: why the aid need not be larger (J-NEED-01); it goes into the letter',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'reductionReason must not be empty' })
  @BoundedWords()
  @MaxLength(2000)
  reductionReason?: string;
}

export class DecisionDto extends VersionedDto {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'], { message: 'action must be approve or return' })
  action: 'approve' | 'return';

  @ApiPropertyOptional({ ...RETURN_REASON_ENUM, description: 'For a return: why' })
  @ValidateIf((o) => o.action === 'return')
  @IsIn(RETURN_REASONS, {
    message: 'reasonCode must be missing-investigation, missing-justification, wrong-result or other',
  })
  reasonCode?: 'missing-investigation' | 'missing-justification' | 'wrong-result' | 'other';

  @ApiPropertyOptional()
  @ValidateIf((o) => o.action === 'return')
  @IsString()
  @Matches(/\S/, { message: 'comment must say what to do' })
  @BoundedWords()
  @MaxLength(5000)
  comment?: string;
}

const LETTER_LANGUAGES = ['nb', 'en'] as const;

export class LetterQuery {
  @ApiPropertyOptional({ enum: LETTER_LANGUAGES, default: 'nb', description: 'The language of the letter' })
  @IsOptional()
  @IsIn(LETTER_LANGUAGES, { message: 'lang must be nb or en' })
  lang?: 'nb' | 'en';
}
