import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

export const CASEWORK_PROBLEMS = {
  'unknown-criterion': { status: HttpStatus.NOT_FOUND, title: 'No such judgment criterion' },
  'not-author': { status: HttpStatus.FORBIDDEN, title: 'Only the author can change this note' },
  'note-in-error': { status: HttpStatus.CONFLICT, title: 'The note is marked as entered in error' },
  'stale-version': { status: HttpStatus.CONFLICT, title: 'The note was changed by someone else' },
} as const;

export const caseworkProblem = problemFactory(CASEWORK_PROBLEMS);
