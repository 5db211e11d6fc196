import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { PartialGrant, RefusedCost } from '../core/api/workflow.models';
import { NokPipe } from '../shared/nok.pipe';

/**
 * A grant below the requested aid, as the letter states it (RULEBOOK 5 and 6): both amounts, the
 * costs not approved in full with the amount and the reason for each, and why the grant is lower
 * than the rules allow when it is.
 */
@Component({
  selector: 'app-partial-grant',
  imports: [MatIconModule, TranslocoDirective, NokPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @let p = partial();
      <div class="partial">
        <p class="headline">
          <mat-icon aria-hidden="true">pie_chart</mat-icon>
          <strong>{{
            t('partial.headline', {
              granted: (p.grantedNok | nok),
              requested: (p.requestedNok | nok),
            })
          }}</strong>
        </p>
        @if (p.allowedNok > p.grantedNok) {
          <p>{{ t('partial.allowed', { allowed: (p.allowedNok | nok) }) }}</p>
        }
        @if (p.refusedCosts.length) {
          <div class="scroll">
            <table class="data-table">
              <caption>
                {{
                  t('partial.refusedCaption')
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ t('partial.cost') }}</th>
                  <th scope="col" class="num">{{ t('partial.claimed') }}</th>
                  <th scope="col" class="num">{{ t('partial.approved') }}</th>
                  <th scope="col" class="num">{{ t('partial.notApproved') }}</th>
                  <th scope="col">{{ t('partial.reason') }}</th>
                </tr>
              </thead>
              <tbody>
                @for (c of p.refusedCosts; track $index) {
                  <tr>
                    <th scope="row">
                      {{ c.description }}
                      @if (c.category) {
                        <span class="muted category">{{ categoryLabel(c.category) }}</span>
                      }
                    </th>
                    <td class="num">{{ c.claimedNok | nok }}</td>
                    <td class="num">{{ c.approvedNok | nok }}</td>
                    <td class="num">{{ c.claimedNok - c.approvedNok | nok }}</td>
                    <td>
                      <ul class="reasons">
                        @for (r of reasons(c); track $index) {
                          <li>{{ r }}</li>
                        }
                      </ul>
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p class="muted">{{ t('partial.noRefusedCosts') }}</p>
        }
        @if (showReductionReason() && p.reductionReason) {
          <dl>
            <dt>{{ t('partial.reductionReason') }}</dt>
            <dd class="pre">{{ p.reductionReason }}</dd>
          </dl>
        }
      </div>
    </ng-container>
  `,
  styles: `
    .partial {
      display: grid;
      gap: 8px;
      padding: 8px 16px 12px;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-lowest);
    }
    p {
      margin: 0;
    }
    .headline {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .scroll {
      overflow-x: auto;
    }
    caption {
      text-align: start;
      font: var(--mat-sys-label-large);
      padding: 4px 0;
    }
    .category {
      display: block;
      font: var(--mat-sys-body-small);
    }
    th[scope='row'] {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface);
    }
    .reasons {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    dl {
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-large);
    }
    dd {
      margin: 4px 0 0;
    }
    .pre {
      white-space: pre-wrap;
    }
  `,
})
export class PartialGrantComponent {
  private readonly transloco = inject(TranslocoService);

  readonly partial = input.required<PartialGrant>();
  /** Off where the form asks for the reason itself. */
  readonly showReductionReason = input(true);

  protected categoryLabel(category: string): string {
    return this.known(`category.${category}`, category);
  }

  /** Each reason in words: the rule that cut the line, or the caseworker's assessment and why. */
  protected reasons(cost: RefusedCost): string[] {
    const rule = (id: string) => this.known(`rule.${id}`, '');
    return cost.reasons.map((id) => {
      if (id === 'ASSESSMENT') {
        const reason = cost.caseworkerReason?.trim();
        return reason ? `${rule(id)}: ${reason}` : rule(id);
      }
      return `${id} ${rule(id)}`.trim();
    });
  }

  /** A translation, or the fallback where the key has none (a category the scheme does not know). */
  private known(key: string, fallback: string): string {
    const text = this.transloco.translate(key);
    return text === key ? fallback : text;
  }
}
