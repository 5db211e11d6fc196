import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

@Component({
  selector: 'app-not-found-page',
  imports: [TranslocoDirective, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" *transloco="let t">
      <h1 class="page-title">{{ t('notFound.title') }}</h1>
      <p>{{ t('notFound.body') }}</p>
      <a routerLink="/">{{ t('notFound.home') }}</a>
    </section>
  `,
})
export class NotFoundPageComponent {}
