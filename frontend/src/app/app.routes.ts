import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { authGuard, guestGuard, roleGuard } from './core/auth/auth.guards';
import { AuthStore } from './core/auth/auth.store';
import { SavedFiltersApi } from './core/api/saved-filters.api';
import { savedFilterUrl } from './queue/saved-filter-url';

export const routes: Routes = [
  {
    path: 'login',
    title: 'login.title',
    canActivate: [guestGuard],
    loadComponent: () => import('./login/login-page.component').then((m) => m.LoginPageComponent),
  },
  {
    path: '',
    // Lazy like every page: the login page loads only what it shows (no shell, menus or sidenav).
    loadComponent: () => import('./core/shell/shell.component').then((m) => m.ShellComponent),
    canActivate: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        // Redirects run before guards: signed out, go to login rather than to a home that needs a session.
        redirectTo: () => {
          const auth = inject(AuthStore);
          if (!auth.isAuthenticated()) return '/login';
          // The start page she chose among her saved views, else her role's home.
          if (!auth.hasAnyRole('caseworker', 'approver', 'manager')) return auth.homeUrl();
          return inject(SavedFiltersApi)
            .list()
            .pipe(
              map((saved) => {
                const start = saved.find((f) => f.isStartPage);
                return start ? savedFilterUrl(start.query) : auth.homeUrl();
              }),
              catchError(() => of(auth.homeUrl())),
            );
        },
      },
      {
        path: 'queue',
        canActivate: [roleGuard('caseworker', 'approver', 'manager')],
        loadChildren: () => import('./queue/queue.routes').then((m) => m.QUEUE_ROUTES),
      },
      {
        path: 'cases',
        canActivate: [roleGuard('caseworker', 'approver', 'manager')],
        loadChildren: () => import('./case/case.routes').then((m) => m.CASE_ROUTES),
      },
      {
        path: 'dashboard',
        title: 'nav.dashboard',
        canActivate: [roleGuard('manager')],
        loadComponent: () =>
          import('./dashboard/dashboard-page.component').then((m) => m.DashboardPageComponent),
      },
      {
        path: 'register-reports',
        title: 'nav.registerReports',
        canActivate: [roleGuard('manager')],
        loadComponent: () =>
          import('./register-reports/register-reports-page.component').then(
            (m) => m.RegisterReportsPageComponent,
          ),
      },
      {
        // No role guard: anyone else who comes here is told plainly that the page is not theirs.
        path: 'jobs',
        title: 'nav.jobs',
        loadComponent: () => import('./jobs/jobs-page.component').then((m) => m.JobsPageComponent),
      },
      {
        path: 'no-access',
        title: 'noAccess.title',
        loadComponent: () =>
          import('./core/shell/no-access-page.component').then((m) => m.NoAccessPageComponent),
      },
      {
        path: '**',
        title: 'notFound.title',
        loadComponent: () =>
          import('./core/shell/not-found-page.component').then((m) => m.NotFoundPageComponent),
      },
    ],
  },
];
