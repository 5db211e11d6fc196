import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

export const QUEUE_PROBLEMS = {
  forbidden: { status: HttpStatus.FORBIDDEN, title: 'Not allowed' },
} as const;

export const queueProblem = problemFactory(QUEUE_PROBLEMS);
