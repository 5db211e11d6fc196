import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { TimelineEvent, personId, personName } from '../core/api/workflow.models';
import { WorkflowApi } from '../core/api/workflow.api';
import { LanguageService } from '../core/i18n/language.service';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { CaseStore } from './case.store';

const KIND_ICONS: Record<string, string> = {
  intake: 'inbox',
  assignment: 'assignment_ind',
  evaluation: 'rule',
  judgment: 'balance',
  assessment: 'request_quote',
  correction: 'edit_note',
  'exchange-rate': 'currency_exchange',
  note: 'sticky_note_2',
  status: 'swap_horiz',
  recommendation: 'gavel',
  decision: 'approval',
  return: 'undo',
  letter: 'mail',
};

export interface TimelineFilter {
  kind: string | null;
  actor: string | null;
}

export function filterTimeline(
  events: readonly TimelineEvent[],
  filter: TimelineFilter,
): TimelineEvent[] {
  return events.filter(
    (e) =>
      (filter.kind === null || e.kind === filter.kind) &&
      (filter.actor === null || personId(e.actor) === filter.actor),
  );
}

/** The Timeline tab: every event of the case, oldest first, filtered by kind and person. */
@Component({
  selector: 'app-case-timeline',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoDirective,
    LocalDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{{ t('timeline.title') }}</h2>
        <div class="filters" role="search" [attr.aria-label]="t('timeline.filters')">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ t('timeline.kind') }}</mat-label>
            <mat-select [value]="kind()" (valueChange)="kind.set($event)">
              <mat-option value="all">{{ t('timeline.allKinds') }}</mat-option>
              @for (k of kinds(); track k) {
                <mat-option [value]="k">{{ t('timeline.kinds.' + k) }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ t('timeline.actor') }}</mat-label>
            <mat-select [value]="actor()" (valueChange)="actor.set($event)">
              <mat-option value="all">{{ t('timeline.anyone') }}</mat-option>
              @for (a of actors(); track a.id) {
                <mat-option [value]="a.id">{{ a.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('common.loading')" />
        }
        <p class="muted" role="status">
          @if (!loading() && !failed()) {
            {{ t('timeline.showing', { shown: shown().length, total: events().length }) }}
          }
        </p>
        @if (failed()) {
          <p class="load-error" role="alert">
            {{ t('timeline.loadFailed') }}
            <button mat-button type="button" (click)="load()">{{ t('common.retry') }}</button>
          </p>
        }
        <ol class="timeline">
          @for (e of shown(); track e.id) {
            <li>
              <mat-icon aria-hidden="true" class="icon">{{ icon(e.kind) }}</mat-icon>
              <div class="event">
                <div class="head">
                  <strong>{{ t('timeline.kinds.' + e.kind) }}</strong>
                  <span class="muted"
                    ><time [attr.datetime]="e.occurredAt">{{
                      e.occurredAt | localDate: 'dateTime'
                    }}</time>
                    · {{ actorName(e) }}</span
                  >
                </div>
                @if (summary(e); as text) {
                  <p class="summary">{{ text }}</p>
                }
                @if (e.data && hasData(e)) {
                  <details>
                    <summary>{{ t('timeline.details') }}</summary>
                    <dl class="data">
                      @for (entry of entries(e); track entry[0]) {
                        <div>
                          <dt>{{ entry[0] }}</dt>
                          <dd>{{ entry[1] }}</dd>
                        </div>
                      }
                    </dl>
                  </details>
                }
              </div>
            </li>
          }
        </ol>
      </section>
    </ng-container>
  `,
  styles: `
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 12px;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 16px;
    }
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0;
      max-width: 900px;
      li {
        display: flex;
        gap: 12px;
        padding: 10px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
    }
    .icon {
      color: var(--mat-sys-primary);
      flex: none;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
    }
    .summary {
      margin: 4px 0 0;
    }
    .data {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
      dt {
        font-weight: 500;
      }
      dd {
        margin: 0 0 4px;
        word-break: break-word;
      }
    }
    .load-error {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class CaseTimelineComponent {
  private readonly store = inject(CaseStore);
  private readonly api = inject(WorkflowApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly lang = inject(LanguageService).language;

  protected readonly events = signal<TimelineEvent[]>([]);
  protected readonly loading = signal(false);
  protected readonly failed = signal(false);
  protected readonly kind = signal('all');
  protected readonly actor = signal('all');

  protected readonly kinds = computed(() => [...new Set(this.events().map((e) => e.kind))]);
  protected readonly actors = computed(() => {
    const seen = new Map<string, string>();
    for (const e of this.events()) {
      const id = personId(e.actor);
      if (id && !seen.has(id)) seen.set(id, personName(e.actor, e.actorName));
    }
    return [...seen].map(([id, name]) => ({ id, name }));
  });
  protected readonly shown = computed(() =>
    filterTimeline(this.events(), {
      kind: this.kind() === 'all' ? null : this.kind(),
      actor: this.actor() === 'all' ? null : this.actor(),
    }),
  );

  constructor() {
    // Follow the case: every change adds events.
    effect(() => {
      const detail = this.store.detail();
      if (detail) untracked(() => this.load(detail.id));
    });
  }

  protected load(id = this.store.detail()?.id): void {
    if (!id) return;
    this.loading.set(true);
    this.failed.set(false);
    this.api.timeline(id).subscribe({
      next: (events) => {
        this.loading.set(false);
        this.events.set(events);
      },
      error: () => {
        this.loading.set(false);
        this.failed.set(true);
      },
    });
  }

  /** Status changes and judgments in words; the server's summary for the rest. */
  protected summary(e: TimelineEvent): string | null {
    const data = (e.data ?? {}) as Record<
      string,
      { status?: string; outcome?: string } | string | undefined
    >;
    const before = data['before'] as { status?: string } | undefined;
    const after = data['after'] as { status?: string; outcome?: string } | undefined;
    const t = (key: string, params?: Record<string, unknown>) =>
      this.transloco.translate(key, params);
    this.lang();
    if ((e.kind === 'status' || e.kind === 'return') && before?.status && after?.status) {
      return t('timeline.statusChange', {
        from: t(`status.${before.status}`),
        to: t(`status.${after.status}`),
      });
    }
    if (e.kind === 'judgment' && typeof data['criterionId'] === 'string' && after?.outcome) {
      return `${data['criterionId']}: ${t(`outcome.${after.outcome}`)}`;
    }
    return e.summary ? e.summary[this.lang()] : null;
  }

  protected icon(kind: string): string {
    return KIND_ICONS[kind] ?? 'event';
  }

  protected actorName(e: TimelineEvent): string {
    return e.actor ? personName(e.actor, e.actorName) : '–';
  }

  protected hasData(e: TimelineEvent): boolean {
    return Object.keys(e.data ?? {}).length > 0;
  }

  protected entries(e: TimelineEvent): [string, string][] {
    return Object.entries(e.data ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]);
  }
}
