import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { CaseStatus } from '../core/api/models';

@Component({
  selector: 'app-status-badge',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span [class]="cssClass()">{{ 'status.' + status() | transloco }}</span>`,
})
export class StatusBadgeComponent {
  readonly status = input.required<CaseStatus>();
  protected readonly cssClass = computed(() => `badge badge--${this.status()}`);
}
