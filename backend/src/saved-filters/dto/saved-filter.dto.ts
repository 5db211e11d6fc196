import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { QUEUE_QUERY_PARAMETERS } from '../../cases';
import { BoundedWords } from '../../common/validation';

/** The longest name of a saved filter (it fits the navigation). */
export const SAVED_FILTER_NAME_MAX = 80;

/** The queue's parameters a saved filter holds: all of them but the paging (limit, cursor). */
export const SAVED_FILTER_KEYS = Object.keys(QUEUE_QUERY_PARAMETERS).filter((name) => name !== 'limit' && name !== 'cursor');

/**
 * The queue view a saved filter holds: GET /api/applications's filters and sort, as that route
 * checks them (lists as arrays, flags as booleans). Sent as the console's query would be
 * (`"status": "received,in_review"` is read as the list), answered in this form.
 */
@ApiSchema({ name: 'SavedFilterQuery' })
export class SavedFilterQueryResponse {}
for (const name of SAVED_FILTER_KEYS) {
  const { schema, description } = QUEUE_QUERY_PARAMETERS[name as keyof typeof QUEUE_QUERY_PARAMETERS];
  ApiPropertyOptional({ description, ...schema })(SavedFilterQueryResponse.prototype, name);
}

const NAME_MESSAGE = `name must be a text of 1 to ${SAVED_FILTER_NAME_MAX} characters`;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateSavedFilterDto {
  @ApiProperty({ minLength: 1, maxLength: SAVED_FILTER_NAME_MAX, example: 'Mine store', description: 'Unique among your saved filters' })
  @Transform(trim)
  @IsString({ message: NAME_MESSAGE })
  @Matches(/\S/, { message: NAME_MESSAGE })
  @MaxLength(SAVED_FILTER_NAME_MAX, { message: NAME_MESSAGE })
  @BoundedWords()
  name: string;

  @ApiProperty({ type: SavedFilterQueryResponse })
  @IsObject({ message: 'query must be an object of the queue’s parameters' })
  query: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Open this view when you sign in (one of yours at most: another one stops being it)' })
  @IsOptional()
  @IsBoolean()
  isStartPage?: boolean;
}

export class UpdateSavedFilterDto {
  @ApiProperty({ type: 'integer', description: 'The version you saw; a stale one gives 409' })
  @IsInt({ message: 'version must be a whole number from 1' })
  @Min(1, { message: 'version must be a whole number from 1' })
  version: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: SAVED_FILTER_NAME_MAX, description: 'A new name' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: NAME_MESSAGE })
  @Matches(/\S/, { message: NAME_MESSAGE })
  @MaxLength(SAVED_FILTER_NAME_MAX, { message: NAME_MESSAGE })
  @BoundedWords()
  name?: string;

  @ApiPropertyOptional({ type: SavedFilterQueryResponse, description: 'A new view' })
  @IsOptional()
  @IsObject({ message: 'query must be an object of the queue’s parameters' })
  query?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Make it your start page, or stop it being one' })
  @IsOptional()
  @IsBoolean()
  isStartPage?: boolean;
}

export class DeleteSavedFilterQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'The version you saw: a stale one gives 409 (without it, deleted whatever its version)',
  })
  @IsOptional()
  // Digits only: Number() would read "0x10" and "1e2" as numbers.
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN))
  @IsInt({ message: 'version must be a whole number from 1' })
  @Min(1, { message: 'version must be a whole number from 1' })
  version?: number;
}

@ApiSchema({ name: 'SavedFilter', description: 'A queue view you saved under a name' })
export class SavedFilterResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: SavedFilterQueryResponse })
  query: Record<string, unknown>;

  @ApiProperty({ description: 'Your start page: the console opens this view when you sign in' })
  isStartPage: boolean;

  @ApiProperty({ type: 'integer' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
