import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

@Component({
  selector: 'app-register-reports-page',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" *transloco="let t">
      <h1 class="page-title">{{ t('nav.registerReports') }}</h1>
      <p class="muted">{{ t('placeholder.registerReports') }}</p>
    </section>
  `,
})
export class RegisterReportsPageComponent {}
