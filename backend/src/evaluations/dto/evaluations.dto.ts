import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { VersionedDto } from '../../cases';
import { ApiJsonValue } from '../../common/openapi';
import { BoundedWords, IsCalendarDate, MaxDecimals } from '../../common/validation';

export class CorrectionDto extends VersionedDto {
  @ApiProperty({ example: 'applicant.financials[0].annualWorkUnits' })
  @IsString()
  @MaxLength(200)
  path: string;

  @ApiJsonValue({ description: 'The corrected value (null removes the fact)' })
  @Allow()
  @BoundedWords()
  value: unknown;

  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(2000)
  @BoundedWords()
  reason: string;
}

export class ExchangeRateDto extends VersionedDto {
  @ApiProperty({ type: Number, nullable: true, description: 'NOK per EUR for this case; null returns to the default' })
  @ValidateIf((_, v) => v !== null)
  @IsNumber()
  @MaxDecimals(4)
  @IsPositive()
  @Max(1000)
  nokPerEur: number | null;

  @ApiPropertyOptional({ description: 'Why, and the source of the rate' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @BoundedWords()
  reason?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: "The rate's own date (YYYY-MM-DD), not in the future; today (Norwegian time) when absent",
  })
  @IsOptional()
  @IsCalendarDate()
  date?: string | null;
}

export class WhatIfLineDto {
  @ApiProperty()
  @IsUUID()
  id: string;

  @ApiProperty({ type: 'integer', nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  approvedAmountNok: number | null;
}

export class WhatIfFactDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  path: string;

  @ApiJsonValue()
  @Allow()
  value: unknown;
}

export class WhatIfDto {
  @ApiPropertyOptional({ type: [WhatIfLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => WhatIfLineDto)
  costLines?: WhatIfLineDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  @MaxDecimals(4)
  @IsPositive()
  @Max(1000)
  nokPerEur?: number;

  @ApiPropertyOptional({ type: [WhatIfFactDto], description: 'Corrected facts to try, as in corrections' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WhatIfFactDto)
  facts?: WhatIfFactDto[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'An amount to try for a grant (whole NOK): INT-01, CUM-01, THR-01 and TRN-01 are evaluated at it, basis recommended',
  })
  @IsOptional()
  @IsInt({ message: 'aidAmountNok must be whole kroner' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  aidAmountNok?: number;
}
