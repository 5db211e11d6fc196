import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoDirective } from '@jsverse/transloco';
import { Observable } from 'rxjs';
import { CaseView } from '../core/api/models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { NokPipe } from '../shared/nok.pipe';

export interface ApproveDialogData {
  reference: string;
  applicant: string;
  outcome: 'grant' | 'reject';
  amountNok: number | null;
  requestedNok: number | null;
  /** Makes the decision; the dialog shows its progress. */
  submit: () => Observable<CaseView>;
  /** The letter of the decision, once made. */
  letter: (lang: 'nb' | 'en') => Observable<Blob>;
  onReload: () => void;
}

type Phase = 'confirm' | 'running' | 'done';

/**
 * "Fatt vedtak": asks for confirmation with what is decided (the outcome, the amount, the
 * applicant) and that it cannot be undone; shows progress while the decision and both letters are
 * made (seconds); then says it is done and opens the letter.
 */
@Component({
  selector: 'app-approve-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoDirective,
    NokPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <h2 mat-dialog-title>
        {{ phase() === 'done' ? t('approveDialog.doneTitle') : t('approveDialog.title') }}
      </h2>
      <mat-dialog-content>
        @switch (phase()) {
          @case ('done') {
            <p role="status" #doneText tabindex="-1">
              <mat-icon aria-hidden="true" inline>task_alt</mat-icon>
              {{ t('approveDialog.done', { reference: data.reference }) }}
            </p>
            @if (letterUrl(); as url) {
              <p>
                <a [href]="url" target="_blank" rel="noopener" [attr.download]="fileName">
                  {{ t('approveDialog.letterLink') }}
                </a>
              </p>
            }
            @if (letterFailed()) {
              <p role="alert" class="error">{{ t('approveDialog.letterFailed') }}</p>
            }
          }
          @default {
            <p>{{ t('approveDialog.intro') }}</p>
            <dl class="kv">
              <div>
                <dt>{{ t('approveDialog.case') }}</dt>
                <dd>{{ data.reference }}</dd>
              </div>
              <div>
                <dt>{{ t('approveDialog.applicant') }}</dt>
                <dd>{{ data.applicant }}</dd>
              </div>
              <div>
                <dt>{{ t('approveDialog.outcome') }}</dt>
                <dd>
                  {{
                    data.outcome === 'reject'
                      ? t('decision.outcomes.rejected')
                      : data.requestedNok !== null &&
                          data.amountNok !== null &&
                          data.amountNok < data.requestedNok
                        ? t('decision.outcomes.partlyGranted')
                        : t('decision.outcomes.granted')
                  }}
                </dd>
              </div>
              @if (data.outcome === 'grant') {
                <div>
                  <dt>{{ t('recommendation.amount') }}</dt>
                  <dd>{{ data.amountNok | nok }}</dd>
                </div>
              }
            </dl>
            <p class="warning">
              <mat-icon aria-hidden="true" inline>warning</mat-icon>
              {{ t('approveDialog.irreversible') }}
            </p>
            @if (phase() === 'running') {
              <mat-progress-bar
                mode="indeterminate"
                [attr.aria-label]="t('approveDialog.running')"
              />
              <p role="status">{{ t('approveDialog.running') }}</p>
            }
          }
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        @if (phase() === 'done') {
          <button mat-stroked-button type="button" (click)="openLetter()" [disabled]="opening()">
            <mat-icon aria-hidden="true">description</mat-icon>
            {{ t('approveDialog.openLetter') }}
          </button>
          <button mat-flat-button type="button" mat-dialog-close>{{ t('common.close') }}</button>
        } @else {
          <button mat-button type="button" mat-dialog-close [disabled]="phase() === 'running'">
            {{ t('common.cancel') }}
          </button>
          <button
            mat-flat-button
            type="button"
            (click)="confirm()"
            [disabled]="phase() === 'running'"
          >
            {{ t('approveDialog.confirm') }}
          </button>
        }
      </mat-dialog-actions>
    </ng-container>
  `,
  styles: `
    .kv {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 8px 0;
    }
    .kv div {
      display: contents;
    }
    dt {
      font-weight: 500;
    }
    dd {
      margin: 0;
    }
    .warning {
      font-weight: 500;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ApproveDialogComponent {
  protected readonly data = inject<ApproveDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ApproveDialogComponent, CaseView | null>);
  private readonly notifier = inject(ErrorNotifier);
  protected readonly phase = signal<Phase>('confirm');
  protected readonly opening = signal(false);
  protected readonly letterUrl = signal<string | null>(null);
  protected readonly letterFailed = signal(false);
  protected readonly fileName = `${this.data.reference}-nb.pdf`;
  private readonly doneText = viewChild<ElementRef<HTMLElement>>('doneText');

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      const url = this.letterUrl();
      if (url) setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  }

  protected confirm(): void {
    this.phase.set('running');
    this.ref.disableClose = true;
    this.data.submit().subscribe({
      next: () => {
        this.ref.disableClose = false;
        this.phase.set('done');
        setTimeout(() => this.doneText()?.nativeElement.focus());
      },
      error: (err: unknown) => {
        this.ref.disableClose = false;
        this.ref.close(null);
        this.notifier.notify(err, { onReload: this.data.onReload });
      },
    });
  }

  /** The decision letter in bokmål, opened in a new tab (with a link when the tab is blocked). */
  protected openLetter(): void {
    this.opening.set(true);
    this.letterFailed.set(false);
    this.data.letter('nb').subscribe({
      next: (blob) => {
        this.opening.set(false);
        const url = this.letterUrl() ?? URL.createObjectURL(blob);
        this.letterUrl.set(url);
        window.open(url, '_blank');
      },
      error: () => {
        this.opening.set(false);
        this.letterFailed.set(true);
      },
    });
  }
}
