import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatIconRegistry } from '@angular/material/icon';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { SessionKeeper } from './core/auth/session-keeper.service';
import { LanguageService } from './core/i18n/language.service';
import { registerLocales } from './core/i18n/locales';
import { TranslatedTitleStrategy } from './core/i18n/translated-title.strategy';
import { provideI18n } from './core/i18n/transloco.config';
import { provideConsoleDates } from './shared/date-adapter';
import { FocusOnNavigation } from './shared/focus-on-navigation';
import { SubmittedErrorStateMatcher } from './shared/submitted-error-state';

registerLocales();

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([authInterceptor])),
    provideI18n(),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    // Field errors show once the user tried to send the form, not from tabbing through it.
    { provide: ErrorStateMatcher, useClass: SubmittedErrorStateMatcher },
    // MatDatepicker in the console's language: DD.MM.YYYY, the week from Monday.
    provideConsoleDates(),
    provideAppInitializer(() => {
      inject(MatIconRegistry).setDefaultFontSetClass('material-symbols-outlined');
      inject(SessionKeeper).start();
      inject(FocusOnNavigation).start();
      return inject(LanguageService).init();
    }),
  ],
};
