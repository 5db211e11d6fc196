import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoDirective } from '@jsverse/transloco';
import { LanguageService } from '../core/i18n/language.service';
import { CaseStore } from './case.store';
import { LeftGroup, LeftItem, groupLeft, pluralKey } from './what-is-left.logic';

/** The statuses in which the caseworker works towards a recommendation. */
const WORKING = ['received', 'in_review', 'awaiting_applicant'];

/**
 * "What is left" in the case header: how many judgments, cost lines and rules still stand in the
 * way of a grant (the server's list on the latest evaluation), each a button that opens the tab
 * and puts the focus on the next such item.
 */
@Component({
  selector: 'app-what-is-left',
  imports: [MatButtonModule, MatIconModule, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @if (shown()) {
        @if (groups().length) {
          <nav class="left" aria-labelledby="left-title">
            <span class="label">
              <mat-icon aria-hidden="true">checklist</mat-icon>
              <span id="left-title">{{ t('whatIsLeft.title') }}</span>
            </span>
            <ul>
              @for (g of groups(); track g.kind) {
                <li>
                  <button
                    type="button"
                    class="item"
                    [class.serious]="g.kind === 'ruleFailed' || g.kind === 'judgmentFailed'"
                    (click)="go(g)"
                    [attr.aria-describedby]="'left-hint'"
                  >
                    {{ t(countKey(g), { count: g.items.length }) }}
                  </button>
                </li>
              }
            </ul>
            <span class="visually-hidden" id="left-hint">{{ t('whatIsLeft.hint') }}</span>
          </nav>
        } @else if (store.actions().has('recommend')) {
          <p class="left done">
            <mat-icon aria-hidden="true">task_alt</mat-icon>
            {{ t('whatIsLeft.none') }}
            <button
              type="button"
              class="item"
              (click)="store.showItem({ tab: 'decision', targetId: 'recommend-title' })"
            >
              {{ t('whatIsLeft.toRecommendation') }}
            </button>
          </p>
        }
      }
    </ng-container>
  `,
  styles: `
    .left {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      margin: 8px 0 0;
      padding: 6px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      font: var(--mat-sys-body-medium);
    }
    .label {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font-weight: 500;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li + li::before {
      content: '·';
      margin-right: 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .item {
      border: 0;
      background: none;
      padding: 2px 4px;
      font: inherit;
      color: var(--mat-sys-primary);
      text-decoration: underline;
      cursor: pointer;
      border-radius: 4px;
    }
    .item.serious {
      color: var(--mat-sys-error);
    }
    .item:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .done mat-icon {
      color: var(--mat-sys-primary);
    }
  `,
})
export class WhatIsLeftComponent {
  protected readonly store = inject(CaseStore);
  private readonly lang = inject(LanguageService).language;

  protected readonly shown = computed(() => {
    const detail = this.store.detail();
    return !!detail && WORKING.includes(detail.status) && !!this.store.evaluation();
  });
  protected readonly groups = computed(() => groupLeft(this.store.left()));
  /** Which item of each kind the next press goes to. */
  private readonly next = new Map<string, number>();

  protected countKey(g: LeftGroup): string {
    return pluralKey(`whatIsLeft.${g.kind}`, g.items.length, this.lang());
  }

  /** To the next item of the kind (round again after the last). */
  protected go(g: LeftGroup): void {
    const index = (this.next.get(g.kind) ?? 0) % g.items.length;
    this.next.set(g.kind, index + 1);
    const item: LeftItem = g.items[index];
    this.store.showItem({ tab: item.tab, targetId: item.targetId });
  }
}
