import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

/** The problems of the admin's work on the job queue. */
export const JOB_PROBLEMS = {
  'job-not-found': { status: HttpStatus.NOT_FOUND, title: 'No such job in the queue' },
  'job-running': { status: HttpStatus.CONFLICT, title: 'The job is running now' },
} as const;

export const jobProblem = problemFactory(JOB_PROBLEMS);
