import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import type { QueueQuery } from '../core/api/models';
import type { SavedFilter } from '../core/api/saved-filters.api';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { ManageSavedFiltersDialogComponent } from './manage-saved-filters-dialog.component';
import { savedFilterLink, toSavedQuery } from './saved-filter-url';
import {
  SavedFilterNameDialogComponent,
  SavedFilterNameDialogData,
} from './saved-filter-name-dialog.component';
import { SavedFiltersStore } from './saved-filters.store';

/**
 * "Lagrede utvalg": the person's saved views of the queue (each a link to its queue with its
 * filters and sort), saving the view on screen under a name, and managing them.
 */
@Component({
  selector: 'app-saved-filters-menu',
  imports: [
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatMenuModule,
    RouterLink,
    TranslocoDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t; prefix: 'queue.saved'">
      <button mat-stroked-button type="button" class="saved-button" [matMenuTriggerFor]="savedMenu">
        <mat-icon aria-hidden="true">bookmarks</mat-icon>
        {{ t('button') }}
      </button>
      <mat-menu #savedMenu="matMenu">
        @for (filter of store.filters(); track filter.id) {
          @let link = linkOf(filter);
          <a mat-menu-item [routerLink]="link.path" [queryParams]="link.queryParams">
            <mat-icon aria-hidden="true">{{ filter.isStartPage ? 'home' : 'bookmark' }}</mat-icon>
            <span>{{ filter.name }}</span>
            @if (filter.isStartPage) {
              <span class="cdk-visually-hidden">({{ t('startPage') }})</span>
            }
          </a>
        } @empty {
          <button mat-menu-item type="button" disabled>{{ t('none') }}</button>
        }
        <mat-divider />
        <button mat-menu-item type="button" (click)="save()">
          <mat-icon aria-hidden="true">bookmark_add</mat-icon>
          <span>{{ t('saveView') }}</span>
        </button>
        <button mat-menu-item type="button" (click)="manage()">
          <mat-icon aria-hidden="true">settings</mat-icon>
          <span>{{ t('manage') }}</span>
        </button>
      </mat-menu>
    </ng-container>
  `,
})
export class SavedFiltersMenuComponent {
  /** The view's filters and sort, read when the user saves. */
  readonly query = input.required<() => QueueQuery>();

  protected readonly store = inject(SavedFiltersStore);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  protected readonly linkOf = (filter: SavedFilter) => savedFilterLink(filter.query);

  constructor() {
    this.store.load();
  }

  protected save(): void {
    const data: SavedFilterNameDialogData = { mode: 'save', query: toSavedQuery(this.query()()) };
    this.dialog
      .open<SavedFilterNameDialogComponent, SavedFilterNameDialogData, SavedFilter>(
        SavedFilterNameDialogComponent,
        { data, ariaLabelledBy: 'saved-filter-name-title' },
      )
      .afterClosed()
      .subscribe((saved) => {
        if (saved)
          this.notifier.success(
            this.transloco.translate('queue.saved.savedAs', { name: saved.name }),
          );
      });
  }

  protected manage(): void {
    this.dialog.open(ManageSavedFiltersDialogComponent, {
      ariaLabelledBy: 'manage-saved-filters-title',
    });
  }
}
