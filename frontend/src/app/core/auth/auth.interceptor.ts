import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { AuthStore } from './auth.store';

const LOGIN_URL = '/api/auth/login';

/**
 * Adds the bearer token to API calls, and ends the session when the server rejects it. A 401
 * for a token another tab has just replaced (a refresh makes the old one invalid) is not the end
 * of the session: the request is sent once more with the newer token.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const isApi = req.url.startsWith('/api/');
  const isLogin = req.url === LOGIN_URL;
  const token = auth.token();
  const withToken = (t: string | null) =>
    isApi && !isLogin && t ? req.clone({ setHeaders: { Authorization: `Bearer ${t}` } }) : req;

  const rejected = (error: unknown) =>
    error instanceof HttpErrorResponse && error.status === 401 && isApi && !isLogin;

  return next(withToken(token)).pipe(
    catchError((error: unknown) => {
      if (!rejected(error)) return throwError(() => error);
      const newer = auth.newerToken(token);
      if (!newer) {
        auth.expire();
        return throwError(() => error);
      }
      return next(withToken(newer)).pipe(
        catchError((again: unknown) => {
          if (rejected(again)) auth.expire();
          return throwError(() => again);
        }),
      );
    }),
  );
};
