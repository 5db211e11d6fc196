import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

export const AUTH_PROBLEMS = {
  'invalid-credentials': { status: HttpStatus.UNAUTHORIZED, title: 'Wrong username or password' },
  unauthenticated: { status: HttpStatus.UNAUTHORIZED, title: 'Not authenticated' },
  'role-required': { status: HttpStatus.FORBIDDEN, title: 'Your role does not allow this' },
  'too-many-logins': { status: HttpStatus.TOO_MANY_REQUESTS, title: 'Too many login attempts' },
} as const;

export const authProblem = problemFactory(AUTH_PROBLEMS);
