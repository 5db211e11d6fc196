import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';

/** Days left before a case passes its processing deadline, in words and colour. */
export const SLA_SOON_DAYS = 5;

@Component({
  selector: 'app-sla-badge',
  imports: [TranslocoPipe, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (state(); as s) {
      <span [class]="'badge badge--sla-' + s.level">
        @if (s.level === 'overdue') {
          <mat-icon aria-hidden="true" inline>warning</mat-icon>
        }
        {{ s.key | transloco: { days: s.days } }}
      </span>
    } @else {
      <span class="muted">–</span>
    }
  `,
  styles: `
    mat-icon {
      font-size: 16px;
    }
  `,
})
export class SlaBadgeComponent {
  readonly daysLeft = input<number | null | undefined>(null);

  protected readonly state = computed(() => {
    const d = this.daysLeft();
    if (d === null || d === undefined) return null;
    if (d < 0) {
      const days = -d;
      return { level: 'overdue', days, key: 'sla.overdue' };
    }
    if (d === 0) return { level: 'soon', days: 0, key: 'sla.today' };
    return {
      level: d <= SLA_SOON_DAYS ? 'soon' : 'ok',
      days: d,
      key: 'sla.left',
    };
  });
}
