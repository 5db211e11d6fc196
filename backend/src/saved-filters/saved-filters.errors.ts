import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

export const SAVED_FILTER_PROBLEMS = {
  'saved-filter-name-taken': { status: HttpStatus.CONFLICT, title: 'You have a saved filter of that name already' },
  'saved-filter-limit': { status: HttpStatus.CONFLICT, title: 'You have as many saved filters as one may keep' },
  'stale-version': { status: HttpStatus.CONFLICT, title: 'Changed meanwhile' },
} as const;

export const savedFilterProblem = problemFactory(SAVED_FILTER_PROBLEMS);
