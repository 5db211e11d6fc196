import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';

const ICONS: Record<string, string> = {
  pass: 'check_circle',
  eligible: 'check_circle',
  fail: 'cancel',
  ineligible: 'cancel',
  partly: 'pie_chart',
  assess: 'rate_review',
  missing: 'help',
  refer: 'forward',
  na: 'do_not_disturb_on',
};

/**
 * The outcome of a rule, judgment or cost line: an icon and the word, so the
 * colour is never the only signal (WCAG 1.4.1).
 */
@Component({
  selector: 'app-outcome-chip',
  imports: [MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span [class]="'badge outcome outcome--' + outcome()"
    ><mat-icon aria-hidden="true" inline>{{ icon() }}</mat-icon
    >{{ 'outcome.' + outcome() | transloco }}</span
  >`,
  styles: `
    mat-icon {
      font-size: 16px;
      width: 16px;
      height: 16px;
    }
  `,
})
export class OutcomeChipComponent {
  readonly outcome = input.required<string>();
  protected readonly icon = computed(() => ICONS[this.outcome()] ?? 'info');
}
