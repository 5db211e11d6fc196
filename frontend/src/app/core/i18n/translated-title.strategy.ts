import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';

/**
 * Route titles are translation keys. The document title names the page in the
 * chosen language, so screen reader users hear where a navigation took them.
 */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private key: string | undefined;

  constructor() {
    super();
    this.transloco.events$.subscribe((event) => {
      if (event.type === 'translationLoadSuccess' || event.type === 'langChanged') this.apply();
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key = this.buildTitle(snapshot);
    this.apply();
  }

  private apply(): void {
    const app = this.transloco.translate('app.name');
    const page = this.key ? this.transloco.translate(this.key) : '';
    this.title.setTitle(page && page !== this.key ? `${page} – ${app}` : app);
  }
}
