import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import type { SavedFilter } from '../core/api/saved-filters.api';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { toProblem } from '../core/errors/problem';
import { savedFilterLink } from './saved-filter-url';
import {
  SavedFilterNameDialogComponent,
  SavedFilterNameDialogData,
} from './saved-filter-name-dialog.component';
import { SavedFiltersStore } from './saved-filters.store';

/** "Mine lagrede utvalg": open, rename, make the start page, or delete (asked once more). */
@Component({
  selector: 'app-manage-saved-filters-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    RouterLink,
    TranslocoDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t; prefix: 'queue.saved'">
      <h2 mat-dialog-title id="manage-saved-filters-title">{{ t('manageTitle') }}</h2>
      <mat-dialog-content>
        @if (store.filters().length === 0) {
          <p>{{ t('none') }}</p>
        } @else {
          <ul class="saved-list" [attr.aria-labelledby]="'manage-saved-filters-title'">
            @for (filter of store.filters(); track filter.id) {
              @let link = linkOf(filter);
              <li class="saved-row">
                <a
                  class="saved-name"
                  [routerLink]="link.path"
                  [queryParams]="link.queryParams"
                  (click)="close()"
                  >{{ filter.name }}</a
                >
                @if (filter.isStartPage) {
                  <span class="start-badge">{{ t('startPage') }}</span>
                }
                <span class="spacer"></span>
                @if (confirming() === filter.id) {
                  <span
                    class="confirm"
                    role="group"
                    [attr.aria-label]="t('deleteConfirm', { name: filter.name })"
                  >
                    <span aria-hidden="true">{{ t('deleteConfirm', { name: filter.name }) }}</span>
                    <button mat-flat-button type="button" class="danger" (click)="remove(filter)">
                      {{ t('delete') }}
                    </button>
                    <button mat-button type="button" (click)="confirming.set(null)">
                      {{ t('cancel') }}
                    </button>
                  </span>
                } @else {
                  <button
                    mat-icon-button
                    type="button"
                    [attr.aria-label]="
                      (filter.isStartPage ? t('unsetStartPage') : t('setStartPage')) +
                      ': ' +
                      filter.name
                    "
                    [matTooltip]="filter.isStartPage ? t('unsetStartPage') : t('setStartPage')"
                    [attr.aria-pressed]="filter.isStartPage"
                    (click)="toggleStartPage(filter)"
                  >
                    <mat-icon aria-hidden="true">{{
                      filter.isStartPage ? 'home' : 'home_work'
                    }}</mat-icon>
                  </button>
                  <button
                    mat-icon-button
                    type="button"
                    [attr.aria-label]="t('renameOf', { name: filter.name })"
                    [matTooltip]="t('rename')"
                    (click)="rename(filter)"
                  >
                    <mat-icon aria-hidden="true">edit</mat-icon>
                  </button>
                  <button
                    mat-icon-button
                    type="button"
                    [attr.aria-label]="t('deleteOf', { name: filter.name })"
                    [matTooltip]="t('delete')"
                    (click)="confirming.set(filter.id)"
                  >
                    <mat-icon aria-hidden="true">delete</mat-icon>
                  </button>
                }
              </li>
            }
          </ul>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ t('close') }}</button>
      </mat-dialog-actions>
    </ng-container>
  `,
  styles: `
    .saved-list {
      list-style: none;
      margin: 0;
      padding: 0;
      min-width: min(520px, 80vw);
    }
    .saved-row {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 48px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .spacer {
      flex: 1;
    }
    .start-badge {
      font-size: 0.8125rem;
      padding: 2px 8px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .confirm {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .danger {
      --mdc-filled-button-container-color: var(--mat-sys-error);
      --mdc-filled-button-label-text-color: var(--mat-sys-on-error);
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ManageSavedFiltersDialogComponent {
  protected readonly store = inject(SavedFiltersStore);
  private readonly dialog = inject(MatDialog);
  private readonly dialogRef = inject(MatDialogRef<ManageSavedFiltersDialogComponent>);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  /** The filter whose deletion waits for a second yes. */
  protected readonly confirming = signal<string | null>(null);
  protected readonly linkOf = (filter: SavedFilter) => savedFilterLink(filter.query);

  protected close(): void {
    this.dialogRef.close();
  }

  protected rename(filter: SavedFilter): void {
    const data: SavedFilterNameDialogData = { mode: 'rename', filter };
    this.dialog.open(SavedFilterNameDialogComponent, {
      data,
      ariaLabelledBy: 'saved-filter-name-title',
    });
  }

  protected toggleStartPage(filter: SavedFilter): void {
    this.store.setStartPage(filter, !filter.isStartPage).subscribe({
      next: (saved) =>
        this.notifier.success(
          this.transloco.translate(
            saved.isStartPage ? 'queue.saved.startPageSet' : 'queue.saved.startPageUnset',
            {
              name: saved.name,
            },
          ),
        ),
      error: (err: unknown) => this.failed(err),
    });
  }

  protected remove(filter: SavedFilter): void {
    this.store.remove(filter).subscribe({
      next: () => {
        this.confirming.set(null);
        this.notifier.success(
          this.transloco.translate('queue.saved.deleted', { name: filter.name }),
        );
      },
      error: (err: unknown) => this.failed(err),
    });
  }

  /** Changed or deleted in another tab: the list is read again, and the user told. */
  private failed(err: unknown): void {
    this.confirming.set(null);
    const status = toProblem(err).status;
    if (status === 409 || status === 404) {
      this.store.load();
      this.notifier.success(this.transloco.translate('queue.saved.changedElsewhere'));
      return;
    }
    this.notifier.notify(err);
  }
}
