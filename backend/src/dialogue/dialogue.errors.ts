import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

/** The problems of the dialogue with the applicant. */
export const DIALOGUE_PROBLEMS = {
  'information-request-not-found': { status: HttpStatus.NOT_FOUND, title: 'Information request not found' },
  'already-replied': { status: HttpStatus.CONFLICT, title: 'The information request has been answered already' },
} as const;

export const dialogueProblem = problemFactory(DIALOGUE_PROBLEMS);
