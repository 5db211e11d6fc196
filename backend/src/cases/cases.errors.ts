import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

/** The problems of the case kernel: finding, locking, versions, status and who may act. */
export const CASE_PROBLEMS = {
  'not-found': { status: HttpStatus.NOT_FOUND, title: 'Application not found' },
  'stale-version': { status: HttpStatus.CONFLICT, title: 'The case was changed by someone else' },
  'version-required': { status: HttpStatus.PRECONDITION_REQUIRED, title: 'Say which version of the case you changed' },
  'case-closed': { status: HttpStatus.CONFLICT, title: 'The case is closed and read-only' },
  'wrong-status': { status: HttpStatus.CONFLICT, title: 'Not possible in the case’s current status' },
  'illegal-transition': { status: HttpStatus.CONFLICT, title: 'That change of status is not allowed' },
  'already-assigned': { status: HttpStatus.CONFLICT, title: 'The case is already assigned' },
  'not-assigned': { status: HttpStatus.FORBIDDEN, title: 'Only the case’s caseworker can do this' },
  'four-eyes': { status: HttpStatus.FORBIDDEN, title: 'You took part in this case, so someone else must decide it' },
  'not-allowed': { status: HttpStatus.FORBIDDEN, title: 'You cannot do this on this case' },
} as const;

export type CaseProblemCode = keyof typeof CASE_PROBLEMS;
export const caseProblem = problemFactory(CASE_PROBLEMS);

export const caseNotFound = (id: string) => caseProblem('not-found', `No application with id ${id}`);

export const staleVersion = (expected: number, actual: number) =>
  caseProblem('stale-version', `You sent version ${expected}, but the case is now at version ${actual}. Reload it and try again.`, {
    currentVersion: actual,
  });
