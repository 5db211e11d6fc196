import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

@Component({
  selector: 'app-dashboard-page',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" *transloco="let t">
      <h1 class="page-title">{{ t('nav.dashboard') }}</h1>
      <p class="muted">{{ t('placeholder.dashboard') }}</p>
    </section>
  `,
})
export class DashboardPageComponent {}
