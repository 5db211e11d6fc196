import { HttpStatus } from '@nestjs/common';
import { Problem } from './problem';

export interface ProblemType {
  status: HttpStatus;
  title: string;
}

/** A module's problems: each code with its status and title, defined once. */
export type ProblemCatalogue<Code extends string> = Readonly<Record<Code, ProblemType>>;

/**
 * Builds the problems of one catalogue by code: services say
 * `caseProblem('stale-version', detail)` and never spell a status or title themselves.
 */
export function problemFactory<Code extends string>(catalogue: ProblemCatalogue<Code>) {
  return (code: Code, detail?: string, extensions?: Record<string, unknown>): Problem => {
    const { status, title } = catalogue[code];
    return new Problem(status, code, title, detail, extensions);
  };
}
