import { Routes } from '@angular/router';
import { CasePageComponent } from './case-page.component';

export const CASE_ROUTES: Routes = [
  { path: ':id', title: 'case.title', component: CasePageComponent },
];
