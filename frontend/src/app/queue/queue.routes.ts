import { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth.guards';
import { QueuePageComponent } from './queue-page.component';

export const QUEUE_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'all' },
  {
    path: 'mine',
    title: 'nav.mine',
    canActivate: [roleGuard('caseworker')],
    component: QueuePageComponent,
    data: { view: 'mine' },
  },
  {
    path: 'unassigned',
    title: 'nav.unassigned',
    canActivate: [roleGuard('caseworker', 'manager')],
    component: QueuePageComponent,
    data: { view: 'unassigned' },
  },
  {
    path: 'to-approve',
    title: 'nav.toApprove',
    canActivate: [roleGuard('approver')],
    component: QueuePageComponent,
    data: { view: 'toApprove' },
  },
  {
    path: 'awaiting-applicant',
    title: 'nav.awaitingApplicant',
    canActivate: [roleGuard('caseworker', 'manager')],
    component: QueuePageComponent,
    data: { view: 'awaitingApplicant' },
  },
  {
    path: 'returned-to-me',
    title: 'nav.returnedToMe',
    canActivate: [roleGuard('caseworker')],
    component: QueuePageComponent,
    data: { view: 'returnedToMe' },
  },
  { path: 'all', title: 'nav.all', component: QueuePageComponent, data: { view: 'all' } },
];
