import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

export const OVERSIGHT_PROBLEMS = {
  'already-reported': { status: HttpStatus.CONFLICT, title: 'Already reported' },
} as const;

export const oversightProblem = problemFactory(OVERSIGHT_PROBLEMS);
