import { isDevMode } from '@angular/core';
import { provideTransloco, provideTranslocoTranspiler } from '@jsverse/transloco';
import { IcuTranspiler } from './icu';
import { DEFAULT_LANGUAGE, LANGUAGES } from './language.service';
import { TranslocoHttpLoader } from './transloco-http.loader';

export function provideI18n() {
  return [
    provideTransloco({
      config: {
        availableLangs: [...LANGUAGES],
        defaultLang: DEFAULT_LANGUAGE,
        fallbackLang: DEFAULT_LANGUAGE,
        reRenderOnLangChange: true,
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
        prodMode: !isDevMode(),
      },
      loader: TranslocoHttpLoader,
    }),
    // After provideTransloco, which provides the default transpiler.
    provideTranslocoTranspiler(IcuTranspiler),
  ];
}
