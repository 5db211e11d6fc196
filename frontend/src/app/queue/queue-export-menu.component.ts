import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { TranslocoDirective } from '@jsverse/transloco';
import { ApplicationsApi } from '../core/api/applications.api';
import { QueueQuery } from '../core/api/models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { LanguageService } from '../core/i18n/language.service';

/**
 * "Eksporter": the queue view as it is filtered and sorted (every page, not only the one shown)
 * as a CSV or Excel file. The file comes through the API client, with the session's token, as a
 * blob, and is handed to the browser as a download.
 */
@Component({
  selector: 'app-queue-export-menu',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <button
        mat-stroked-button
        type="button"
        class="export-button"
        [matMenuTriggerFor]="exportMenu"
        [disabled]="busy()"
        [attr.aria-busy]="busy()"
      >
        <mat-icon aria-hidden="true">download</mat-icon>
        {{ busy() ? t('queue.export.busy') : t('queue.export.button') }}
      </button>
      <mat-menu #exportMenu="matMenu">
        <button mat-menu-item type="button" (click)="download('csv')">
          {{ t('queue.export.csv') }}
        </button>
        <button mat-menu-item type="button" (click)="download('xlsx')">
          {{ t('queue.export.xlsx') }}
        </button>
      </mat-menu>
    </ng-container>
  `,
})
export class QueueExportMenuComponent {
  /** The view's filters and sort, read when the user asks (paging is left out). */
  readonly query = input.required<() => QueueQuery>();

  private readonly api = inject(ApplicationsApi);
  private readonly languages = inject(LanguageService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly document = inject(DOCUMENT);
  protected readonly busy = signal(false);

  protected download(format: 'csv' | 'xlsx'): void {
    const lang = this.languages.language();
    this.busy.set(true);
    this.api.export(this.query()(), format, lang).subscribe({
      next: (blob) => {
        this.busy.set(false);
        const url = URL.createObjectURL(blob);
        const link = this.document.createElement('a');
        link.href = url;
        link.download = exportFileName(format, lang, new Date());
        this.document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.notifier.notify(error);
      },
    });
  }
}

/** "saker-2026-12-03.csv": the local date, as the server names the file. */
export function exportFileName(format: 'csv' | 'xlsx', lang: 'nb' | 'en', now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `${lang === 'nb' ? 'saker' : 'cases'}-${date}.${format}`;
}
