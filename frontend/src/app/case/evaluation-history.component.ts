import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { EvaluationHistoryItem, EvaluationReplay } from '../core/api/evaluation.models';
import { EvaluationsApi } from '../core/api/evaluations.api';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { People } from '../shared/people';
import { formatValue } from './timeline.logic';
import { CaseStore } from './case.store';

/** Every stored evaluation of the case; each can be replayed to show it is reproducible. */
@Component({
  selector: 'app-evaluation-history',
  imports: [MatButtonModule, MatIconModule, TranslocoDirective, LocalDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @if (!items()) {
        <button mat-stroked-button type="button" (click)="load()" [disabled]="loading()">
          <mat-icon aria-hidden="true">history</mat-icon>
          {{ t('evaluationHistory.show') }}
        </button>
      } @else if (items()!.length === 0) {
        <p class="muted">{{ t('evaluationHistory.empty') }}</p>
      } @else {
        <div class="scroll">
          <table class="data-table">
            <caption class="visually-hidden">
              {{
                t('evaluationHistory.title')
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ t('evaluationHistory.when') }}</th>
                <th scope="col">{{ t('evaluationHistory.by') }}</th>
                <th scope="col">{{ t('evaluationHistory.reason') }}</th>
                <th scope="col">{{ t('evaluationHistory.version') }}</th>
                <th scope="col">{{ t('evaluationHistory.hash') }}</th>
                <th scope="col">{{ t('evaluationHistory.replay') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (item of items(); track item.id) {
                <tr>
                  <td class="nowrap">{{ item.evaluatedAt | localDate: 'dateTime' }}</td>
                  <td>{{ people.name(item.evaluatedBy) }}</td>
                  <td>{{ t('evaluationHistory.reasons.' + item.reason) }}</td>
                  <td>{{ item.parameterSet }} · {{ item.rulebookVersion }}</td>
                  <td>
                    <code [title]="item.inputHash">{{ item.inputHash.slice(0, 12) }}</code>
                  </td>
                  <td>
                    @if (replays()[item.id]; as r) {
                      <div role="status">
                        @if (r.identical) {
                          {{ t('evaluationHistory.identical') }}
                        } @else {
                          {{ t('evaluationHistory.different', { count: r.differences.length }) }}
                          <ul class="diffs">
                            @for (d of r.differences; track d.path) {
                              <li>
                                <code>{{ d.path }}</code>: {{ show(d.path, d.before) }} →
                                {{ show(d.path, d.after) }}
                              </li>
                            }
                          </ul>
                        }
                      </div>
                    } @else {
                      <button
                        mat-button
                        type="button"
                        (click)="replay(item)"
                        [disabled]="replaying() === item.id"
                      >
                        {{ t('evaluationHistory.replay') }}
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </ng-container>
  `,
  styles: `
    .scroll {
      overflow-x: auto;
    }
    .nowrap {
      white-space: nowrap;
    }
    .diffs {
      margin: 4px 0 0;
      padding-left: 16px;
    }
  `,
})
export class EvaluationHistoryComponent {
  private readonly store = inject(CaseStore);
  private readonly api = inject(EvaluationsApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  private readonly lang = inject(LanguageService).language;
  protected readonly people = inject(People);

  protected readonly items = signal<EvaluationHistoryItem[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly replaying = signal<string | null>(null);
  protected readonly replays = signal<Record<string, EvaluationReplay>>({});

  protected load(): void {
    const id = this.store.detail()?.id;
    if (!id) return;
    this.loading.set(true);
    this.api.history(id).subscribe({
      next: (items) => {
        this.loading.set(false);
        this.items.set(items);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.notifier.notify(err);
      },
    });
  }

  protected replay(item: EvaluationHistoryItem): void {
    const id = this.store.detail()?.id;
    if (!id) return;
    this.replaying.set(item.id);
    this.api.replay(id, item.id).subscribe({
      next: (result) => {
        this.replaying.set(null);
        this.replays.update((r) => ({ ...r, [item.id]: result }));
      },
      error: (err: unknown) => {
        this.replaying.set(null);
        this.notifier.notify(err);
      },
    });
  }

  /** A value of a difference as the console writes it (amounts, dates, words), never as JSON. */
  protected show(path: string, value: unknown): string {
    const key =
      path
        .split(/[.[\]]/)
        .filter(Boolean)
        .pop() ?? path;
    return formatValue(key, value, {
      lang: this.lang(),
      translate: (k, params) => this.transloco.translate(k, params),
      name: (username) => this.people.name(username),
    });
  }
}
