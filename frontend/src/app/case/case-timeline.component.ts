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
import { People } from '../shared/people';
import {
  FormatContext,
  TIMELINE_ORDER_KEY,
  TimelineOrder,
  TimelineRow,
  fieldChanges,
  foldReevaluations,
  formatValue,
  orderRows,
  otherFacts,
  readOrder,
} from './timeline.logic';
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

function storedOrder(): TimelineOrder {
  try {
    return readOrder(localStorage.getItem(TIMELINE_ORDER_KEY));
  } catch {
    return 'newest';
  }
}

/**
 * The Timeline tab: every change to the case, newest first (or oldest, kept in localStorage),
 * with the rulebook run each change caused folded into it, filtered by kind and person; fields
 * labelled, amounts, dates and names written out.
 */
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
            <mat-label>{{ t('timeline.order') }}</mat-label>
            <mat-select [value]="order()" (valueChange)="setOrder($event)">
              <mat-option value="newest">{{ t('timeline.newest') }}</mat-option>
              <mat-option value="oldest">{{ t('timeline.oldest') }}</mat-option>
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
            {{ t('timeline.showing', { shown: shown().length, total: rows().length }) }}
          }
        </p>
        @if (failed()) {
          <p class="load-error" role="alert">
            {{ t('timeline.loadFailed') }}
            <button mat-button type="button" (click)="load()">{{ t('common.retry') }}</button>
          </p>
        }
        <ol class="timeline" [attr.data-order]="order()">
          @for (row of shown(); track row.event.id) {
            @let e = row.event;
            <li [attr.data-kind]="e.kind">
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
                @if (changes(e); as list) {
                  @if (list.length) {
                    <ul class="changes">
                      @for (c of list; track c.field) {
                        <li>
                          <span class="label">{{ c.label }}:</span>
                          @if (c.before !== null) {
                            <span class="before">{{ c.before }}</span>
                            <span aria-hidden="true"> → </span
                            ><span class="visually-hidden">{{ t('timeline.changedFrom') }}</span>
                          }
                          <span class="after">{{ c.after }}</span>
                        </li>
                      }
                    </ul>
                  }
                }
                @if (row.reevaluation; as r) {
                  <p class="rerun muted">
                    <mat-icon aria-hidden="true" inline>rule</mat-icon>
                    <span>{{ t('timeline.reevaluatedDetail', { result: rerunResult(r) }) }}</span>
                  </p>
                }
                @if (facts(e); as list) {
                  @if (list.length) {
                    <details>
                      <summary>{{ t('timeline.details') }}</summary>
                      <dl class="data">
                        @for (f of list; track f.field) {
                          <div>
                            <dt>{{ f.label }}</dt>
                            <dd>{{ f.value }}</dd>
                          </div>
                        }
                      </dl>
                    </details>
                  }
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
    .changes {
      list-style: none;
      margin: 4px 0 0;
      padding: 0;
      display: block;
      li {
        display: block;
        padding: 0;
        border: 0;
      }
      .label {
        font-weight: 500;
        margin-right: 4px;
      }
      .before {
        text-decoration: line-through;
        color: var(--mat-sys-on-surface-variant);
      }
    }
    .rerun {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
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
  private readonly people = inject(People);
  protected readonly lang = inject(LanguageService).language;

  protected readonly events = signal<TimelineEvent[]>([]);
  protected readonly loading = signal(false);
  protected readonly failed = signal(false);
  protected readonly kind = signal('all');
  protected readonly actor = signal('all');
  protected readonly order = signal<TimelineOrder>(storedOrder());

  /** The changes with their automatic re-evaluations folded in, oldest first. */
  protected readonly rows = computed(() => foldReevaluations(this.events()));
  protected readonly kinds = computed(() => [...new Set(this.rows().map((r) => r.event.kind))]);
  protected readonly actors = computed(() => {
    const seen = new Map<string, string>();
    for (const e of this.events()) {
      const id = personId(e.actor);
      if (id && !seen.has(id)) seen.set(id, personName(e.actor, e.actorName));
    }
    return [...seen].map(([id, name]) => ({ id, name }));
  });
  protected readonly shown = computed((): TimelineRow[] => {
    const wanted = new Set(
      filterTimeline(
        this.rows().map((r) => r.event),
        {
          kind: this.kind() === 'all' ? null : this.kind(),
          actor: this.actor() === 'all' ? null : this.actor(),
        },
      ),
    );
    return orderRows(
      this.rows().filter((r) => wanted.has(r.event)),
      this.order(),
    );
  });

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
    // The assignee is named in the changed fields, by display name (the server's summary has the username).
    if (e.kind === 'assignment') return null;
    return e.summary ? e.summary[this.lang()] : null;
  }

  protected setOrder(order: TimelineOrder): void {
    this.order.set(order);
    try {
      localStorage.setItem(TIMELINE_ORDER_KEY, order);
    } catch {
      // Private windows may refuse; the order holds for this visit.
    }
  }

  private context(): FormatContext {
    return {
      lang: this.lang(),
      translate: (key, params) => this.transloco.translate(key, params),
      name: (username) => this.people.name(username),
    };
  }

  /** The fields the event changed, before → after; none for status changes and judgments (said in the summary). */
  protected changes(e: TimelineEvent) {
    if (e.kind === 'status' || e.kind === 'return' || e.kind === 'evaluation') return [];
    return fieldChanges(e, this.context()).filter(
      (c) => !(e.kind === 'judgment' && c.field === 'outcome'),
    );
  }

  protected facts(e: TimelineEvent) {
    return otherFacts(e, this.context()).filter(
      (f) => !(e.kind === 'judgment' && f.field === 'criterionId'),
    );
  }

  /** What the re-run found: the maximum aid and the rules not passed. */
  protected rerunResult(r: TimelineEvent): string {
    const ctx = this.context();
    const after = ((r.data ?? {}) as { after?: Record<string, unknown> }).after ?? {};
    const parts = [
      `${this.t('timeline.fields.maxAidNok')}: ${formatValue('maxAidNok', after['maxAidNok'], ctx)}`,
    ];
    const flags = (after['flags'] ?? {}) as Record<string, number>;
    for (const [k, n] of Object.entries(flags)) {
      if (n) parts.push(`${this.t('timeline.fields.' + k)}: ${formatValue(k, n, ctx)}`);
    }
    return parts.join(', ');
  }

  private t(key: string): string {
    return this.transloco.translate(key);
  }

  protected icon(kind: string): string {
    return KIND_ICONS[kind] ?? 'event';
  }

  protected actorName(e: TimelineEvent): string {
    return e.actor ? personName(e.actor, e.actorName) : '–';
  }
}
