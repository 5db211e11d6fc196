import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

export const DECISION_PROBLEMS = {
  'grant-not-possible': { status: HttpStatus.CONFLICT, title: 'A grant cannot be made on this case as it stands' },
  'no-recommendation': { status: HttpStatus.CONFLICT, title: 'The case has no open recommendation to decide on' },
  'no-decision': { status: HttpStatus.NOT_FOUND, title: 'The case has no decision yet' },
} as const;

export const decisionProblem = problemFactory(DECISION_PROBLEMS);
