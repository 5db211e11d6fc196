import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** JSONPath of the offending field, e.g. `$.applicant.orgNumber`. */
  path: string;
  message: string;
}

/** An RFC 9457 problem. `type` is a stable code clients can switch on. */
export class Problem extends HttpException {
  /** Headers the answer carries besides its body (a 429's Retry-After, say). */
  readonly headers: Record<string, string> = {};

  constructor(
    status: HttpStatus,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super({ code, title, detail, ...extensions }, status);
  }

  /** Adds a header to the answer; returns the problem, for `throw problem(...).withHeader(...)`. */
  withHeader(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }

  static validation(errors: FieldError[], detail?: string): Problem {
    return new Problem(
      HttpStatus.BAD_REQUEST,
      'validation-failed',
      'The request is not valid',
      detail ?? errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      { errors },
    );
  }

  static notFound(what: string, id: string): Problem {
    return new Problem(HttpStatus.NOT_FOUND, 'not-found', `${what} not found`, `No ${what.toLowerCase()} with id ${id}`);
  }
}
