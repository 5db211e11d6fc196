import { EnvironmentProviders, importProvidersFrom } from '@angular/core';
import { TranslocoTestingModule, provideTranslocoTranspiler } from '@jsverse/transloco';
import { IcuTranspiler } from '../app/core/i18n/icu';
import en from '../../public/i18n/en.json';
import nb from '../../public/i18n/nb.json';

/** The real translation files, loaded synchronously, so tests read what users read. */
export function provideTestI18n(defaultLang: 'nb' | 'en' = 'nb'): EnvironmentProviders[] {
  return [
    importProvidersFrom(
      TranslocoTestingModule.forRoot({
        langs: { nb, en },
        preloadLangs: true,
        translocoConfig: {
          availableLangs: ['nb', 'en'],
          defaultLang,
          fallbackLang: 'nb',
          reRenderOnLangChange: true,
          missingHandler: { logMissingKey: false },
        },
      }),
    ),
    provideTranslocoTranspiler(IcuTranspiler),
  ];
}

/**
 * Text as a person sees it: icon ligatures ("chevron_left") are left out, and
 * no-break spaces and runs of whitespace become single spaces.
 */
export function visibleText(element: Element | null | undefined): string {
  if (!element) return '';
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon, .material-symbols-outlined').forEach((e) => e.remove());
  return (copy.textContent ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}
