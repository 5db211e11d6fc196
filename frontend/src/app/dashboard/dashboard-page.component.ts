import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { CASE_STATUSES, CaseStatus, OPEN_STATUSES } from '../core/api/models';
import { STATS_PERIODS, StatsApi, StatsPeriodName } from '../core/api/stats.api';
import { AGEING_BUCKETS, StatsOverview } from '../core/api/workflow.models';
import { LanguageService } from '../core/i18n/language.service';
import { LocalNumberPipe } from '../shared/local-number.pipe';
import { NokPipe } from '../shared/nok.pipe';
import { ChartPanelComponent, ChartSpec } from './chart-panel.component';

const BLUE = '#1565c0';
const RED = '#c62828';
const GREEN = '#2e7d32';
const PURPLE = '#6a1b9a';

/** "2026-W07" as "uke 7, 2026" / "week 7, 2026". */
export function weekLabel(
  week: string,
  translate: (key: string, params: object) => string,
): string {
  const m = /^(\d{4})-W(\d{1,2})$/.exec(week);
  return m ? translate('dashboard.week', { week: Number(m[2]), year: m[1] }) : week;
}

/** The managers' overview: case counts, ageing, workload, decisions and the money granted. */
@Component({
  selector: 'app-dashboard-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoDirective,
    LocalNumberPipe,
    NokPipe,
    ChartPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <section class="page" aria-labelledby="dashboard-title">
        <div class="head">
          <h1 class="page-title" id="dashboard-title">{{ t('nav.dashboard') }}</h1>
          <button mat-stroked-button type="button" (click)="load()" [disabled]="loading()">
            <mat-icon aria-hidden="true">refresh</mat-icon>
            {{ t('dashboard.refresh') }}
          </button>
        </div>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('common.loading')" />
        }
        @if (failed()) {
          <p class="load-error" role="alert">
            {{ t('dashboard.loadFailed') }}
            <button mat-button type="button" (click)="load()">{{ t('common.retry') }}</button>
          </p>
        }
        <div class="period">
          <span id="dashboard-period-label">{{ t('dashboard.period') }}</span>
          <mat-button-toggle-group
            aria-labelledby="dashboard-period-label"
            [value]="period()"
            (change)="choosePeriod($event.value)"
            hideSingleSelectionIndicator
          >
            @for (p of periods; track p) {
              <mat-button-toggle [value]="p">{{ t('dashboard.periods.' + p) }}</mat-button-toggle>
            }
          </mat-button-toggle-group>
        </div>
        @if (stats(); as s) {
          <div class="cards">
            <div class="card">
              <h2 class="card-title">
                {{
                  period() === 'year'
                    ? t('dashboard.grantedThisYear')
                    : t('dashboard.grantedInPeriod')
                }}
              </h2>
              <p class="big">{{ s.grantedInPeriod.amountNok | nok }}</p>
              <p class="muted">
                {{
                  s.grantedInPeriod.count === 1
                    ? t('dashboard.grantedCountOne')
                    : t('dashboard.grantedCount', {
                        count: (s.grantedInPeriod.count | localNumber),
                      })
                }}
              </p>
            </div>
            <div class="card">
              <h2 class="card-title">{{ t('dashboard.decisionsInPeriod') }}</h2>
              <p class="big">
                {{ s.decisionsInPeriod.granted + s.decisionsInPeriod.rejected | localNumber }}
              </p>
              <p>
                {{
                  t('dashboard.decisionsSplit', {
                    granted: (s.decisionsInPeriod.granted | localNumber),
                    rejected: (s.decisionsInPeriod.rejected | localNumber),
                  })
                }}
              </p>
            </div>
            <div
              class="card"
              [class.alert]="(s.leadTime.medianBusinessDays ?? 0) > s.leadTime.targetBusinessDays"
            >
              <h2 class="card-title">{{ t('dashboard.leadTime') }}</h2>
              @if (s.leadTime.medianBusinessDays !== null) {
                <p class="big">
                  {{ t('dashboard.businessDays', { days: s.leadTime.medianBusinessDays }) }}
                </p>
              } @else {
                <p class="big">–</p>
              }
              <p>
                {{
                  t('dashboard.leadTimeTarget', {
                    target: s.leadTime.targetBusinessDays,
                    within: (s.leadTime.withinTarget | localNumber),
                    decisions: (s.leadTime.decisions | localNumber),
                  })
                }}
              </p>
            </div>
            <div class="card">
              <h2 class="card-title">{{ t('dashboard.backlog') }}</h2>
              <p class="big">{{ s.approvalBacklog.count | localNumber }}</p>
              <p>
                @if (s.approvalBacklog.oldestBusinessDays !== null) {
                  {{
                    t('dashboard.backlogAge', {
                      oldest: s.approvalBacklog.oldestBusinessDays,
                      median: s.approvalBacklog.medianBusinessDays,
                    })
                  }}
                } @else {
                  {{ t('dashboard.backlogNone') }}
                }
              </p>
              <p>
                <a routerLink="/queue/all" [queryParams]="{ status: 'recommended' }">{{
                  t('dashboard.seeBacklog')
                }}</a>
              </p>
            </div>
            <div class="card" [class.alert]="s.overdue > 0">
              <h2 class="card-title">{{ t('dashboard.overdue') }}</h2>
              <p class="big">
                @if (s.overdue > 0) {
                  <mat-icon aria-hidden="true">warning</mat-icon>
                }
                {{ s.overdue | localNumber }}
              </p>
              <p>
                <a routerLink="/queue/all" [queryParams]="{ overdue: 'true' }">{{
                  t('dashboard.seeOverdue')
                }}</a>
              </p>
            </div>
            <div class="card">
              <h2 class="card-title">{{ t('dashboard.open') }}</h2>
              <p class="big">{{ openCount() | localNumber }}</p>
            </div>
          </div>
          <div class="charts">
            <app-chart-panel [heading]="t('dashboard.byStatus')" [spec]="statusChart()" />
            <app-chart-panel [heading]="t('dashboard.ageing')" [spec]="ageingChart()" />
            <app-chart-panel [heading]="t('dashboard.workload')" [spec]="workloadChart()" />
            <app-chart-panel [heading]="t('dashboard.decisions')" [spec]="decisionsChart()" />
          </div>
        }
      </section>
    </ng-container>
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 16px;
      margin-bottom: 24px;
    }
    .card {
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      p {
        margin: 4px 0 0;
      }
    }
    .card.alert {
      background: #ffebee;
      color: #8a1111;
      a {
        color: #8a1111;
      }
    }
    .card-title {
      font: var(--mat-sys-title-small);
      margin: 0;
    }
    .big {
      display: flex;
      align-items: center;
      gap: 8px;
      font: var(--mat-sys-headline-medium);
    }
    .period {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin: 8px 0 16px;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 480px), 1fr));
      gap: 16px;
    }
    .load-error {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class DashboardPageComponent {
  private readonly api = inject(StatsApi);
  private readonly transloco = inject(TranslocoService);
  private readonly languages = inject(LanguageService);
  private readonly lang = this.languages.language;
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  protected readonly periods = STATS_PERIODS;
  /** The period of the decisions, amounts and lead time, from the URL (?period=month). */
  protected readonly period = signal<StatsPeriodName>('year');

  protected readonly stats = signal<StatsOverview | null>(null);
  protected readonly loading = signal(false);
  protected readonly failed = signal(false);

  private readonly t = (key: string, params?: object) => {
    this.languages.texts();
    return this.transloco.translate(key, params as Record<string, unknown>);
  };

  protected readonly openCount = computed(() => {
    const counts: Partial<Record<CaseStatus, number>> = this.stats()?.countsByStatus ?? {};
    return OPEN_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  });

  protected readonly statusChart = computed<ChartSpec>(() => {
    const counts: Partial<Record<CaseStatus, number>> = this.stats()?.countsByStatus ?? {};
    return {
      category: this.t('dashboard.status'),
      labels: CASE_STATUSES.map((s) => this.t(`status.${s}`)),
      horizontal: true,
      links: CASE_STATUSES.map((s) => ({ path: '/queue/all', queryParams: { status: s } })),
      series: [
        {
          label: this.t('dashboard.cases'),
          data: CASE_STATUSES.map((s) => counts[s] ?? 0),
          color: BLUE,
        },
      ],
    };
  });

  protected readonly ageingChart = computed<ChartSpec>(() => {
    const ageing = this.stats()?.ageing ?? [];
    const buckets = [
      ...AGEING_BUCKETS,
      ...ageing
        .map((a) => a.bucket)
        .filter((b) => !(AGEING_BUCKETS as readonly string[]).includes(b)),
    ];
    return {
      category: this.t('dashboard.age'),
      labels: buckets.map((b) => this.t('dashboard.days', { bucket: b.replace('-', '–') })),
      horizontal: true,
      // The queue has no filter by age: these bars lead nowhere.
      links: buckets.map(() => null),
      series: [
        {
          label: this.t('dashboard.openCases'),
          data: buckets.map((b) => ageing.find((a) => a.bucket === b)?.count ?? 0),
          color: PURPLE,
        },
      ],
    };
  });

  protected readonly workloadChart = computed<ChartSpec>(() => {
    const workload = this.stats()?.workload ?? [];
    return {
      category: this.t('dashboard.caseworker'),
      labels: workload.map((w) => w.displayName || w.username),
      horizontal: true,
      links: workload.map((w) => ({
        path: '/queue/all',
        queryParams: { assignee: w.username, status: OPEN_STATUSES.join(',') },
      })),
      series: [
        { label: this.t('dashboard.openCases'), data: workload.map((w) => w.open), color: BLUE },
        {
          label: this.t('dashboard.overdueCases'),
          data: workload.map((w) => w.overdue),
          color: RED,
          striped: true,
        },
      ],
    };
  });

  protected readonly decisionsChart = computed<ChartSpec>(() => {
    const weeks = this.stats()?.decisionsPerWeek ?? [];
    return {
      category: this.t('dashboard.weekHeading'),
      labels: weeks.map((w) => weekLabel(w.week, this.t)),
      stacked: true,
      series: [
        { label: this.t('dashboard.granted'), data: weeks.map((w) => w.granted), color: GREEN },
        {
          label: this.t('dashboard.rejected'),
          data: weeks.map((w) => w.rejected),
          color: RED,
          striped: true,
        },
      ],
    };
  });

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      const p = params.get('period');
      this.period.set(
        (STATS_PERIODS as readonly string[]).includes(p ?? '') ? (p as StatsPeriodName) : 'year',
      );
      this.load();
    });
  }

  protected choosePeriod(period: StatsPeriodName): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { period: period === 'year' ? null : period },
      queryParamsHandling: 'merge',
    });
  }

  protected load(): void {
    this.loading.set(true);
    this.failed.set(false);
    this.api.overview(this.period()).subscribe({
      next: (stats) => {
        this.loading.set(false);
        this.stats.set(stats);
      },
      error: () => {
        this.loading.set(false);
        this.failed.set(true);
      },
    });
  }
}
