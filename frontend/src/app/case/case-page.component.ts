import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';
import {
  AssignDialogComponent,
  AssignDialogData,
  AssignDialogResult,
} from '../shared/assign-dialog.component';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { NokPipe } from '../shared/nok.pipe';
import { SlaBadgeComponent } from '../shared/sla-badge.component';
import { StatusBadgeComponent } from '../shared/status-badge.component';
import { CaseCostsComponent } from './case-costs.component';
import { CaseOverviewComponent } from './case-overview.component';
import { CaseStore } from './case.store';

/** The sections of a case, in tab order; later ones (rules, notes, timeline, decision) join here. */
export const CASE_TABS = ['overview', 'costs'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

@Component({
  selector: 'app-case-page',
  imports: [
    RouterLink,
    MatTabsModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoDirective,
    StatusBadgeComponent,
    SlaBadgeComponent,
    LocalDatePipe,
    NokPipe,
    CaseOverviewComponent,
    CaseCostsComponent,
  ],
  providers: [CaseStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-page.component.html',
  styleUrl: './case-page.component.scss',
})
export class CasePageComponent {
  protected readonly store = inject(CaseStore);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** Route parameter and query parameter, bound by the router. */
  readonly id = input.required<string>();
  readonly tab = input<string | undefined>();

  protected readonly tabs = CASE_TABS;
  protected readonly tabIndex = computed(() =>
    Math.max(0, CASE_TABS.indexOf((this.tab() ?? 'overview') as CaseTab)),
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.load(id));
    });
  }

  protected selectTab(index: number): void {
    const tab = CASE_TABS[index] ?? 'overview';
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { tab: tab === 'overview' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected openAssign(): void {
    const detail = this.store.detail();
    if (!detail) return;
    this.dialog
      .open<AssignDialogComponent, AssignDialogData, AssignDialogResult>(AssignDialogComponent, {
        data: {
          count: 1,
          reference: detail.reference,
          current: detail.assignee?.username ?? null,
          allowUnassign: true,
        },
      })
      .afterClosed()
      .subscribe((result) => {
        if (result) this.store.assign(result.assignee);
      });
  }
}
