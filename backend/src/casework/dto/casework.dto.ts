import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';

import { RECORDED_JUDGMENT_OUTCOMES, VersionedDto } from '../../cases';
import { BoundedWords } from '../../common/validation';

export class JudgmentDto extends VersionedDto {
  @ApiProperty({ enum: RECORDED_JUDGMENT_OUTCOMES })
  @IsIn(RECORDED_JUDGMENT_OUTCOMES, { message: 'outcome must be pass or fail' })
  outcome: 'pass' | 'fail';

  @ApiProperty({ description: 'Why: the caseworker’s written rationale' })
  @IsString()
  @Matches(/\S/, { message: 'rationale must not be empty' })
  @MaxLength(20000)
  @BoundedWords()
  rationale: string;
}

export class AssessmentDto extends VersionedDto {
  @ApiProperty({ type: 'integer', nullable: true, description: 'Whole NOK from 0 to the claimed amount; null clears the assessment' })
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'approvedAmountNok must be whole kroner' })
  @Min(0)
  approvedAmountNok: number | null;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.approvedAmountNok !== null)
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(2000)
  @BoundedWords()
  reason?: string;
}
