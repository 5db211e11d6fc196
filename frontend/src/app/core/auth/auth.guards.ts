import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Role } from '../api/models';
import { AuthStore } from './auth.store';

export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthStore);
  if (auth.isAuthenticated() && !auth.isExpired()) return true;
  auth.clear();
  return inject(Router).createUrlTree(['/login'], {
    queryParams: { returnUrl: state.url === '/' ? null : state.url },
  });
};

export const guestGuard: CanActivateFn = () => {
  const auth = inject(AuthStore);
  return auth.isAuthenticated() ? inject(Router).parseUrl(auth.homeUrl()) : true;
};

/** Lets the route through only for users holding at least one of the roles. */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return () => {
    const auth = inject(AuthStore);
    return auth.hasAnyRole(...roles) ? true : inject(Router).parseUrl(auth.homeUrl());
  };
}
