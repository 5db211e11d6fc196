import { registerLocaleData } from '@angular/common';
import localeNb from '@angular/common/locales/nb';

/** Angular ships English ('en'); bokmål is registered under the id the console uses for it. */
export function registerLocales(): void {
  registerLocaleData(localeNb, 'nb');
}
