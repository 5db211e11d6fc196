import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { TimelineEvent } from '../core/api/workflow.models';
import { WorkflowApi } from '../core/api/workflow.api';
import { LanguageService } from '../core/i18n/language.service';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { People } from '../shared/people';
import { CaseStore } from './case.store';
import { fieldChanges, revisionsOf } from './timeline.logic';

export type FieldHistorySubject =
  { kind: 'assessment'; costLineId: string } | { kind: 'judgment'; criterionId: string };

/**
 * "Historikk" on a cost line or a judgment: every revision of it, newest first, with who, when
 * and each field before → after, read from the case's history when opened.
 */
@Component({
  selector: 'app-field-history',
  imports: [TranslocoDirective, LocalDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <details class="field-history" (toggle)="toggled($event)">
        <summary>{{ t('timeline.revisions') }}</summary>
        @if (failed()) {
          <p role="alert">{{ t('timeline.loadFailed') }}</p>
        } @else if (revisions(); as list) {
          @if (list.length === 0) {
            <p class="muted">{{ t('timeline.noRevisions') }}</p>
          } @else {
            <ol>
              @for (r of list; track r.event.id) {
                <li>
                  <span class="muted"
                    ><time [attr.datetime]="r.event.occurredAt">{{
                      r.event.occurredAt | localDate: 'dateTime'
                    }}</time>
                    · {{ people.name(r.event.actor, r.event.actorName) }}</span
                  >
                  <ul>
                    @for (c of r.changes; track c.field) {
                      <li>
                        <span class="label">{{ c.label }}:</span>
                        @if (c.before !== null) {
                          <span class="before">{{ c.before }}</span>
                          <span aria-hidden="true"> → </span
                          ><span class="visually-hidden">{{ t('timeline.changedFrom') }}</span>
                        }
                        <span>{{ c.after }}</span>
                      </li>
                    }
                  </ul>
                </li>
              }
            </ol>
          }
        }
      </details>
    </ng-container>
  `,
  styles: `
    .field-history {
      margin-top: 4px;
      font: var(--mat-sys-body-small);
    }
    summary {
      cursor: pointer;
      color: var(--mat-sys-primary);
    }
    ol,
    ul {
      margin: 4px 0;
      padding-left: 16px;
    }
    .label {
      font-weight: 500;
      margin-right: 4px;
    }
    .before {
      text-decoration: line-through;
    }
  `,
})
export class FieldHistoryComponent {
  readonly subject = input.required<FieldHistorySubject>();

  private readonly store = inject(CaseStore);
  private readonly api = inject(WorkflowApi);
  private readonly transloco = inject(TranslocoService);
  private readonly lang = inject(LanguageService).language;
  protected readonly people = inject(People);

  private readonly events = signal<TimelineEvent[] | null>(null);
  protected readonly failed = signal(false);

  protected readonly revisions = computed(() => {
    const events = this.events();
    if (!events) return null;
    const ctx = {
      lang: this.lang(),
      translate: (key: string, params?: Record<string, unknown>) =>
        this.transloco.translate(key, params),
      name: (username: string) => this.people.name(username),
    };
    return revisionsOf(events, this.subject())
      .reverse()
      .map((event) => ({ event, changes: fieldChanges(event, ctx) }));
  });

  protected toggled(event: Event): void {
    if (!(event.target as HTMLDetailsElement).open) return;
    const id = this.store.detail()?.id;
    if (!id) return;
    this.failed.set(false);
    this.api.timeline(id).subscribe({
      next: (events) => this.events.set(events),
      error: () => this.failed.set(true),
    });
  }
}
