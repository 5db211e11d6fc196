import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

export const EVALUATION_PROBLEMS = {
  'no-evaluation': { status: HttpStatus.NOT_FOUND, title: 'The case has not been evaluated yet' },
  'unknown-parameter-set': { status: HttpStatus.CONFLICT, title: 'The parameter set no longer exists' },
} as const;

export const evaluationProblem = problemFactory(EVALUATION_PROBLEMS);
