import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiResponse, getSchemaPath, SchemaObject } from '@nestjs/swagger';
import { ProblemDetailsResponse } from './dto/problem-details.response';

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_JSON = 'application/problem+json';

/** What each error status means across the API; the body is always a ProblemDetails. */
const PROBLEMS = {
  400: 'Not valid: `errors` names each bad field by its JSON path (validation-failed), or a path parameter is not an id',
  401: 'No bearer token, or the token or its session has expired (unauthenticated)',
  403: "The caller's roles, or their part in the case, do not allow this",
  404: 'No such case, or nothing of this kind on it',
  409: 'The case was changed meanwhile (stale-version, with currentVersion), or its status does not allow this',
  428: 'Neither If-Match nor `version` in the body: a change must say which version of the case it was made on (version-required)',
  429: 'Too many login attempts from the client’s address, or failed logins for the username (too-many-logins): wait the seconds Retry-After gives',
  default: 'Any other problem: a 500 quotes the request id to report; 413 and 415 for a body too large or not JSON',
} as const;

export type ProblemStatus = keyof typeof PROBLEMS;

/**
 * The error answers of an operation, each as application/problem+json with the one shared
 * ProblemDetails schema; a status may come with its own description. On a controller they apply
 * to all its operations.
 */
export function ApiProblems(...statuses: (ProblemStatus | [ProblemStatus | number, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, PROBLEMS[entry]];
      return ApiResponse({ status, description, content: { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDetailsResponse) } } } });
    }),
  );
}

/** The errors every authenticated operation can answer with. */
export const ApiAuthenticatedProblems = () => ApiProblems(401, 403, 'default');

/**
 * A property that holds any JSON value, null included (a corrected fact, the before and after of
 * a change): every JSON type, as @nestjs/swagger would otherwise call it an object.
 */
export function ApiJsonValue(options: { description?: string; required?: boolean } = {}): PropertyDecorator {
  return ApiProperty({ ...options, nullable: true, anyOf: JSON_TYPES });
}

const JSON_TYPES: SchemaObject[] = [
  { type: 'string' },
  { type: 'number' },
  { type: 'boolean' },
  { type: 'object' },
  { type: 'array', items: {} },
];

/**
 * The If-Match header of a change: the case version the client saw, or `version` in the body
 * instead. One of them is required (428 without); a stale one gives 409.
 */
export const ApiIfMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'if-match',
      required: false,
      description:
        'The case version you saw, e.g. "3"; required unless `version` is in the body (428 without either); a stale one gives 409',
    }),
    ApiProblems(428),
  );
