import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoDirective } from '@jsverse/transloco';
import { AuthStore } from '../auth/auth.store';

@Component({
  selector: 'app-no-access-page',
  imports: [TranslocoDirective, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" *transloco="let t">
      <h1 class="page-title">{{ t('noAccess.title') }}</h1>
      <p>{{ t('noAccess.body') }}</p>
      <button mat-stroked-button type="button" (click)="auth.logout()">
        {{ t('shell.logout') }}
      </button>
    </section>
  `,
})
export class NoAccessPageComponent {
  protected readonly auth = inject(AuthStore);
}
