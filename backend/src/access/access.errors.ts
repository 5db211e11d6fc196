import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

export const ACCESS_PROBLEMS = {
  'not-found': { status: HttpStatus.NOT_FOUND, title: 'Application not found' },
} as const;

export const accessProblem = problemFactory(ACCESS_PROBLEMS);
