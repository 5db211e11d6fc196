import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

export const INTAKE_PROBLEMS = {
  'external-ref-conflict': { status: HttpStatus.CONFLICT, title: 'Another application has this externalRef' },
} as const;

export const intakeProblem = problemFactory(INTAKE_PROBLEMS);
