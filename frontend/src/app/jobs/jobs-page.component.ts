import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { JobFailureResponse, JobQueueResponse, JobsOverviewResponse } from '../api/models';
import { JobsApi } from '../core/api/jobs.api';
import { AuthStore } from '../core/auth/auth.store';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { toProblem } from '../core/errors/problem';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { jobLabelKey, JOB_ROLES } from './jobs.logic';

/**
 * The background jobs (GET /api/admin/jobs) for managers and administrators: each kind of job with
 * how many wait, run, wait for another try and have failed for good, the portal's undelivered
 * messages, and the latest failures with their errors, attempts and next try. An administrator may
 * run a failed job again now. Anyone else who comes here by URL is told plainly that the page is
 * not theirs, and the jobs are not asked for.
 */
@Component({
  selector: 'app-jobs-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoDirective,
    LocalDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @if (!allowed() || refused()) {
        <section class="page" aria-labelledby="jobs-refused-title">
          <h1 class="page-title" id="jobs-refused-title">{{ t('jobs.refused.title') }}</h1>
          <p role="alert">{{ t('jobs.refused.body') }}</p>
          <a mat-stroked-button [routerLink]="home()">{{ t('jobs.refused.home') }}</a>
        </section>
      } @else {
        <section class="page" aria-labelledby="jobs-title">
          <h1 class="page-title" id="jobs-title">{{ t('nav.jobs') }}</h1>
          <p class="muted intro">{{ t('jobs.intro') }}</p>
          <div class="toolbar">
            <button mat-stroked-button type="button" (click)="load()" [disabled]="loading()">
              <mat-icon aria-hidden="true">refresh</mat-icon>
              {{ t('jobs.refresh') }}
            </button>
            <p class="muted" role="status">
              @if (loadedAt(); as at) {
                {{ t('jobs.updated', { time: (at | localDate: 'dateTime') }) }}
              }
            </p>
          </div>
          @if (loading()) {
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('common.loading')" />
          }
          @if (failed()) {
            <p class="load-error" role="alert">
              {{ t('jobs.loadFailed') }}
              <button mat-button type="button" (click)="load()">{{ t('common.retry') }}</button>
            </p>
          }
          @if (overview(); as o) {
            @if (!o.runningHere) {
              <p class="note">
                <mat-icon aria-hidden="true" inline>info</mat-icon>
                {{ t('jobs.notRunningHere') }}
              </p>
            }
            <div class="scroll">
              <table class="data-table">
                <caption class="visually-hidden">
                  {{
                    t('jobs.kindsCaption')
                  }}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{{ t('jobs.columns.job') }}</th>
                    <th scope="col" class="num">{{ t('jobs.columns.pending') }}</th>
                    <th scope="col" class="num">{{ t('jobs.columns.active') }}</th>
                    <th scope="col" class="num">{{ t('jobs.columns.retrying') }}</th>
                    <th scope="col" class="num">{{ t('jobs.columns.failed') }}</th>
                    <th scope="col">{{ t('jobs.columns.backlog') }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (q of o.queues; track q.name) {
                    <tr [attr.data-job]="q.name">
                      <th scope="row">
                        <div>{{ label(q.name, q.description) }}</div>
                        <div class="muted small">{{ q.name }} · {{ schedule(q) }}</div>
                      </th>
                      <td class="num">{{ q.pending }}</td>
                      <td class="num">{{ q.active }}</td>
                      <td class="num">{{ q.retrying }}</td>
                      <td class="num">
                        @if (q.failed > 0) {
                          <span class="badge badge--sla-overdue">
                            <mat-icon aria-hidden="true" inline>error</mat-icon>
                            {{ q.failed }}
                          </span>
                        } @else {
                          0
                        }
                      </td>
                      <td>
                        @if (q.backlog; as b) {
                          {{ t('jobs.backlog', { waiting: b.waiting, failing: b.failing }) }}
                          @if (b.oldestWaitingAt) {
                            <div class="muted small">
                              {{
                                t('jobs.oldestWaiting', {
                                  time: (b.oldestWaitingAt | localDate: 'dateTime'),
                                })
                              }}
                            </div>
                          }
                        } @else {
                          <span class="muted">–</span>
                        }
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>

            <h2 id="failures-title">{{ t('jobs.failures.title') }}</h2>
            @if (o.failures.length) {
              <ul class="failures" aria-labelledby="failures-title">
                @for (f of o.failures; track f.subject + f.id) {
                  <li class="failure" [attr.data-failure]="f.id">
                    <div class="failure-head">
                      <span class="badge" [class.badge--sla-overdue]="isFailedForGood(f)">
                        <mat-icon aria-hidden="true" inline>{{
                          isFailedForGood(f) ? 'error' : 'schedule'
                        }}</mat-icon>
                        <span class="state">{{
                          t(isFailedForGood(f) ? 'jobs.failures.failed' : 'jobs.failures.retrying')
                        }}</span>
                      </span>
                      <strong>{{ label(f.name) }}</strong>
                      <span class="muted small">
                        {{
                          t(f.subject === 'item' ? 'jobs.failures.item' : 'jobs.failures.job', {
                            id: f.id,
                          })
                        }}
                      </span>
                    </div>
                    <dl class="facts">
                      <div>
                        <dt>{{ t('jobs.failures.attempts') }}</dt>
                        <dd>
                          {{
                            f.maxAttempts === null
                              ? f.attempts
                              : t('jobs.failures.attemptsOf', {
                                  attempts: f.attempts,
                                  max: f.maxAttempts,
                                })
                          }}
                        </dd>
                      </div>
                      @if (f.failedAt) {
                        <div>
                          <dt>{{ t('jobs.failures.failedAt') }}</dt>
                          <dd>{{ f.failedAt | localDate: 'dateTime' }}</dd>
                        </div>
                      }
                      <div>
                        <dt>{{ t('jobs.failures.nextAttempt') }}</dt>
                        <dd>
                          @if (f.nextAttemptAt) {
                            {{ f.nextAttemptAt | localDate: 'dateTime' }}
                          } @else {
                            {{ t('jobs.failures.noMoreAttempts') }}
                          }
                        </dd>
                      </div>
                    </dl>
                    <div class="error-text">
                      <span class="visually-hidden">{{ t('jobs.failures.error') }}:</span>
                      <code>{{ f.lastError }}</code>
                    </div>
                    @if (canRetry() && f.subject === 'job') {
                      <button
                        mat-stroked-button
                        type="button"
                        [disabled]="retrying() === f.id"
                        (click)="retry(f)"
                      >
                        <mat-icon aria-hidden="true">replay</mat-icon>
                        {{ t('jobs.retry.button')
                        }}<span class="visually-hidden">: {{ label(f.name) }} #{{ f.id }}</span>
                      </button>
                    }
                  </li>
                }
              </ul>
            } @else {
              <p class="muted">{{ t('jobs.failures.none') }}</p>
            }
            <p class="muted small">{{ t('jobs.completedNote') }}</p>
          }
        </section>
      }
    </ng-container>
  `,
  styles: `
    .intro {
      max-width: 80ch;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      margin-bottom: 8px;

      p {
        margin: 0;
      }
    }
    .scroll {
      overflow-x: auto;
    }
    th[scope='row'] {
      text-align: start;
      font-weight: normal;
    }
    .small {
      font: var(--mat-sys-body-small);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 24px 0 8px;
    }
    .note {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .failures {
      list-style: none;
      margin: 0;
      padding: 0;
      max-width: 100ch;
    }
    .failure {
      display: grid;
      gap: 6px;
      justify-items: start;
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .failure-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 24px;
      margin: 0;
      font: var(--mat-sys-body-small);

      div {
        display: flex;
        gap: 4px;
      }
      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
      }
    }
    .error-text code {
      white-space: pre-wrap;
      word-break: break-word;
    }
    .load-error {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class JobsPageComponent {
  private readonly api = inject(JobsApi);
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);

  protected readonly allowed = computed(() => this.auth.hasAnyRole(...JOB_ROLES));
  protected readonly canRetry = computed(() => this.auth.hasAnyRole('admin'));
  protected readonly home = computed(() => this.auth.homeUrl());
  protected readonly overview = signal<JobsOverviewResponse | null>(null);
  protected readonly loadedAt = signal<Date | null>(null);
  protected readonly loading = signal(false);
  protected readonly failed = signal(false);
  /** The server said 403: the user's roles changed since sign-in. */
  protected readonly refused = signal(false);
  protected readonly retrying = signal<string | null>(null);

  constructor() {
    if (this.allowed()) this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.failed.set(false);
    this.api.overview().subscribe({
      next: (overview) => {
        this.loading.set(false);
        this.overview.set(overview);
        this.loadedAt.set(new Date());
      },
      error: (error: unknown) => {
        this.loading.set(false);
        if (toProblem(error).status === 403) this.refused.set(true);
        else this.failed.set(true);
      },
    });
  }

  /** The job's name in the console's words; the server's description for a job it has none for. */
  protected label(name: string, description?: string): string {
    const key = jobLabelKey(name);
    if (key) return this.transloco.translate(key);
    return description ?? this.overview()?.queues.find((q) => q.name === name)?.description ?? name;
  }

  protected schedule(queue: JobQueueResponse): string {
    return queue.schedule === '* * * * *'
      ? this.transloco.translate('jobs.everyMinute')
      : queue.schedule;
  }

  protected isFailedForGood(failure: JobFailureResponse): boolean {
    return failure.subject === 'job' && failure.nextAttemptAt === null;
  }

  protected retry(failure: JobFailureResponse): void {
    this.retrying.set(failure.id);
    this.api.retry(failure.id).subscribe({
      next: () => {
        this.retrying.set(null);
        this.notifier.success(
          this.transloco.translate('jobs.retry.done', { name: this.label(failure.name) }),
        );
        this.load();
      },
      error: (error: unknown) => {
        this.retrying.set(null);
        this.notifier.notify(error);
        this.load();
      },
    });
  }
}
