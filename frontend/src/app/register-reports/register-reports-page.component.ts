import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleChange, MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { RegisterReportsApi } from '../core/api/stats.api';
import { RegisterReport } from '../core/api/workflow.models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { isoDate } from '../shared/format';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { LocalNumberPipe } from '../shared/local-number.pipe';
import { NokPipe } from '../shared/nok.pipe';
import { MarkReportedDialogComponent } from './mark-reported-dialog.component';

type ReportStatus = 'due' | 'reported';

/** Awards to publish in the Register for public support (TRN-01), and those already published. */
@Component({
  selector: 'app-register-reports-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoDirective,
    LocalDatePipe,
    LocalNumberPipe,
    NokPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <section class="page" aria-labelledby="reports-title">
        <h1 class="page-title" id="reports-title">{{ t('nav.registerReports') }}</h1>
        <p class="muted intro">{{ t('registerReports.intro') }}</p>
        <mat-button-toggle-group
          [value]="status()"
          (change)="choose($event)"
          [attr.aria-label]="t('registerReports.show')"
        >
          <mat-button-toggle value="due">{{ t('registerReports.due') }}</mat-button-toggle>
          <mat-button-toggle value="reported">{{
            t('registerReports.reported')
          }}</mat-button-toggle>
        </mat-button-toggle-group>

        @if (loading()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('common.loading')" />
        }
        <p class="muted" role="status">
          @if (!loading() && !failed()) {
            {{ t('registerReports.count.' + status(), { count: total() }) }}
            @if (total() > items().length) {
              {{ t('registerReports.shown', { shown: items().length, total: total() }) }}
            }
          }
        </p>
        @if (failed()) {
          <p class="load-error" role="alert">
            {{ t('registerReports.loadFailed') }}
            <button mat-button type="button" (click)="load()">{{ t('common.retry') }}</button>
          </p>
        }
        @if (items().length) {
          <div class="scroll">
            <table class="data-table">
              <caption class="visually-hidden">
                {{
                  t('registerReports.' + status())
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ t('queue.columns.reference') }}</th>
                  <th scope="col">{{ t('queue.columns.applicant') }}</th>
                  <th scope="col" class="num">{{ t('registerReports.amount') }}</th>
                  <th scope="col">{{ t('registerReports.decidedAt') }}</th>
                  @if (status() === 'due') {
                    <th scope="col">{{ t('registerReports.dueOn') }}</th>
                    <th scope="col">
                      <span class="visually-hidden">{{ t('rules.actions') }}</span>
                    </th>
                  } @else {
                    <th scope="col">{{ t('registerReports.reportedAt') }}</th>
                    <th scope="col">{{ t('registerReports.registerReference') }}</th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (r of items(); track r.decisionId) {
                  <tr>
                    <td class="nowrap">
                      <a
                        [routerLink]="['/cases', r.applicationId]"
                        [queryParams]="{ tab: 'decision' }"
                        >{{ r.reference }}</a
                      >
                    </td>
                    <td>
                      <div>{{ r.applicant.name }}</div>
                      <div class="muted small">{{ r.applicant.orgNumber }}</div>
                    </td>
                    <td class="num">
                      <div>{{ r.amountNok | nok }}</div>
                      <div class="muted small">EUR {{ r.amountEur | localNumber: '1.2-2' }}</div>
                    </td>
                    <td class="nowrap">{{ r.decidedAt | localDate }}</td>
                    @if (status() === 'due') {
                      <td class="nowrap">
                        <div>{{ r.dueOn | localDate }}</div>
                        @if (isOverdue(r)) {
                          <span class="badge badge--sla-overdue">
                            <mat-icon aria-hidden="true" inline>warning</mat-icon>
                            {{ t('registerReports.overdue') }}
                          </span>
                        }
                      </td>
                      <td>
                        <button mat-stroked-button type="button" (click)="mark(r)">
                          {{ t('registerReports.mark')
                          }}<span class="visually-hidden">: {{ r.reference }}</span>
                        </button>
                      </td>
                    } @else {
                      <td class="nowrap">{{ r.reportedAt | localDate }}</td>
                      <td>{{ r.registerReference }}</td>
                    }
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (nextCursor() && !loading()) {
            <button mat-stroked-button type="button" class="more" (click)="load(true)">
              {{ t('registerReports.more') }}
            </button>
          }
        } @else if (!loading() && !failed()) {
          <p class="muted">{{ t('registerReports.none.' + status()) }}</p>
        }
      </section>
    </ng-container>
  `,
  styles: `
    .intro {
      max-width: 80ch;
    }
    mat-button-toggle-group {
      margin-bottom: 8px;
    }
    .scroll {
      overflow-x: auto;
    }
    .nowrap {
      white-space: nowrap;
    }
    .small {
      font: var(--mat-sys-body-small);
    }
    .load-error {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class RegisterReportsPageComponent {
  private readonly api = inject(RegisterReportsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);

  protected readonly status = signal<ReportStatus>('due');
  protected readonly items = signal<RegisterReport[]>([]);
  /** How many reports have the status (the first page says); the list holds the pages loaded so far. */
  protected readonly total = signal(0);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly failed = signal(false);
  private readonly today = isoDate(new Date());

  constructor() {
    this.load();
  }

  protected choose(change: MatButtonToggleChange): void {
    if (change.value === 'due' || change.value === 'reported') {
      this.status.set(change.value);
      this.load();
    }
  }

  /** The first page, or with `more` the next one after those shown. */
  protected load(more = false): void {
    this.loading.set(true);
    this.failed.set(false);
    const status = this.status();
    this.api.list(status, more ? (this.nextCursor() ?? undefined) : undefined).subscribe({
      next: (page) => {
        if (status !== this.status()) return; // the other list was chosen meanwhile
        this.loading.set(false);
        this.items.set(more ? [...this.items(), ...page.items] : page.items);
        if (page.total !== undefined) this.total.set(page.total);
        this.nextCursor.set(page.nextCursor);
      },
      error: () => {
        this.loading.set(false);
        if (!more) this.items.set([]);
        this.failed.set(true);
      },
    });
  }

  /** As the server says, or by the due date when it does not. */
  protected isOverdue(report: RegisterReport): boolean {
    return report.overdue ?? report.dueOn < this.today;
  }

  protected mark(report: RegisterReport): void {
    this.dialog
      .open<MarkReportedDialogComponent, RegisterReport, RegisterReport>(
        MarkReportedDialogComponent,
        { data: report },
      )
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.items.update((items) => items.filter((i) => i.decisionId !== report.decisionId));
        this.total.update((n) => Math.max(0, n - 1));
        this.notifier.success(
          this.transloco.translate('registerReports.marked', { reference: report.reference }),
        );
      });
  }
}
