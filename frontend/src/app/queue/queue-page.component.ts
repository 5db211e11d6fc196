import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';
import {
  CASE_STATUSES,
  CaseStatus,
  QueueItem,
  QueueSortKey,
  SIZE_CLASSES,
  SizeClass,
} from '../core/api/models';
import { AuthStore } from '../core/auth/auth.store';
import {
  AssignDialogComponent,
  AssignDialogData,
  AssignDialogResult,
} from '../shared/assign-dialog.component';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { NokPipe } from '../shared/nok.pipe';
import { SlaBadgeComponent } from '../shared/sla-badge.component';
import { StatusBadgeComponent } from '../shared/status-badge.component';
import { QueueExportMenuComponent } from './queue-export-menu.component';
import { readQueueParams, sameQueueParams, writeQueueParams } from './queue-url';
import { SavedFiltersMenuComponent } from './saved-filters-menu.component';
import {
  QueueStore,
  QueueView,
  RULE_FLAGS,
  RuleFlag,
  VIEWS_WITH_STATUS_FILTER,
  DEFAULT_FILTERS,
  defaultSort,
} from './queue.store';

@Component({
  selector: 'app-queue-page',
  imports: [
    RouterLink,
    MatTableModule,
    MatSortModule,
    MatChipsModule,
    MatCheckboxModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    TranslocoDirective,
    NokPipe,
    LocalDatePipe,
    StatusBadgeComponent,
    SlaBadgeComponent,
    QueueExportMenuComponent,
    SavedFiltersMenuComponent,
  ],
  providers: [QueueStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './queue-page.component.html',
  styleUrl: './queue-page.component.scss',
})
export class QueuePageComponent {
  protected readonly store = inject(QueueStore);
  protected readonly auth = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly view = (this.route.snapshot.data['view'] as QueueView | undefined) ?? 'all';
  protected readonly statuses = CASE_STATUSES;
  protected readonly sizeClasses = SIZE_CLASSES;
  protected readonly ruleFlags = RULE_FLAGS;
  protected readonly searchText = signal('');
  /** The row that takes part in the tab order (roving tabindex). */
  protected readonly activeRow = signal(0);

  /** The view's filters and sort, for the export. */
  protected readonly viewQuery = () => this.store.viewQuery();
  protected readonly trackById = (_: number, item: QueueItem) => item.id;
  protected readonly canBulkAssign = computed(() => this.auth.isManager());
  protected readonly canTake = computed(() => this.auth.isCaseworker());
  protected readonly hasStatusFilter = VIEWS_WITH_STATUS_FILTER.includes(this.view);
  /** "Svarfrist passert": the views where cases waiting for the applicant are listed. */
  protected readonly replyOverdueFilter = (
    ['mine', 'awaitingApplicant', 'all'] as QueueView[]
  ).includes(this.view);
  /**
   * The columns, most important first. Below some widths the less important ones are hidden
   * (queue-page.component.scss: size and received below 1600 px, the amount below 1200 px), so that the queue
   * fits the screen without scrolling sideways; under 600 px each row is a card.
   */
  protected readonly columns = computed(() => [
    ...(this.canBulkAssign() ? ['select'] : []),
    'reference',
    'applicantName',
    'title',
    'status',
    ...(this.view === 'toApprove' ? ['recommendedAt'] : []),
    ...(this.view === 'awaitingApplicant' ? ['replyBy'] : []),
    'requestedAmount',
    'sizeClass',
    'receivedAt',
    'slaDueAt',
    'assignee',
  ]);

  constructor() {
    const { filters, sort } = readQueueParams(this.route.snapshot.queryParamMap, this.view);
    this.store.init(this.view, filters, sort);
    this.searchText.set(this.store.filters().q);

    effect(() => {
      const queryParams = writeQueueParams(
        this.store.filters(),
        this.store.sort(),
        defaultSort(this.view),
      );
      untracked(() =>
        this.router.navigate([], { relativeTo: this.route, queryParams, replaceUrl: true }),
      );
    });

    // The same page with other filters in its URL (a saved filter opened from the menu, the
    // browser's back button): the view follows. The page's own URL updates change nothing.
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      const { filters, sort } = readQueueParams(params, this.view);
      const shown = writeQueueParams(
        this.store.filters(),
        this.store.sort(),
        defaultSort(this.view),
      );
      const asked = writeQueueParams(
        { ...DEFAULT_FILTERS, ...filters },
        sort,
        defaultSort(this.view),
      );
      if (sameQueueParams(shown, asked)) return;
      this.store.init(this.view, filters, sort);
      this.searchText.set(this.store.filters().q);
    });

    // A new page starts with its first row as the keyboard entry point.
    effect(() => {
      this.store.items();
      untracked(() => this.activeRow.set(0));
    });
  }

  protected onSearchInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.searchText.set(value);
    this.store.search(value);
  }

  protected clearSearch(): void {
    this.searchText.set('');
    this.store.setFilters({ q: '' });
  }

  protected onStatusChange(change: MatChipListboxChange): void {
    this.store.setFilters({ statuses: [...((change.value as CaseStatus[] | null) ?? [])] });
  }

  protected onSizeChange(change: MatChipListboxChange): void {
    this.store.setFilters({ sizeClass: (change.value as SizeClass | undefined) ?? null });
  }

  protected onFlagChange(change: MatChipListboxChange): void {
    this.store.setFilters({ flag: (change.value as RuleFlag | undefined) ?? null });
  }

  protected onOverdueChange(change: MatChipListboxChange): void {
    this.store.setFilters({ overdue: change.value === 'overdue' });
  }

  protected onReplyOverdueChange(change: MatChipListboxChange): void {
    this.store.setFilters({ replyOverdue: change.value === 'replyOverdue' });
  }

  protected onReturnedChange(change: MatChipListboxChange): void {
    this.store.setFilters({ returned: change.value === 'returned' });
  }

  protected onSort(sort: Sort): void {
    if (!sort.direction) return;
    this.store.setSort({ active: sort.active as QueueSortKey, direction: sort.direction });
  }

  protected open(item: QueueItem): void {
    void this.router.navigate(['/cases', item.id]);
  }

  protected onRowClick(event: MouseEvent, item: QueueItem): void {
    // Clicks on the row's own controls (checkbox, link, Take) do their own thing.
    if ((event.target as HTMLElement).closest('a, button, input, mat-checkbox')) return;
    this.open(item);
  }

  protected onRowKeydown(event: KeyboardEvent, index: number, item: QueueItem): void {
    if (event.target !== event.currentTarget) return;
    const last = this.store.items().length - 1;
    let target: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
        target = Math.min(index + 1, last);
        break;
      case 'ArrowUp':
        target = Math.max(index - 1, 0);
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = last;
        break;
      case 'Enter':
        event.preventDefault();
        this.open(item);
        return;
      case ' ':
        if (this.canBulkAssign()) {
          event.preventDefault();
          this.store.toggle(item.id);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    this.focusRow(target);
  }

  protected take(item: QueueItem): void {
    this.store.take(item).subscribe();
  }

  protected assignSelected(): void {
    const data: AssignDialogData = { count: this.store.selectedCount(), allowUnassign: true };
    this.dialog
      .open<AssignDialogComponent, AssignDialogData, AssignDialogResult>(AssignDialogComponent, {
        data,
      })
      .afterClosed()
      .subscribe((result) => {
        if (result) this.store.assignSelected(result.assignee).subscribe();
      });
  }

  private focusRow(index: number): void {
    this.activeRow.set(index);
    const rows = this.host.nativeElement.querySelectorAll<HTMLElement>('tr.queue-row');
    rows[index]?.focus();
  }
}
