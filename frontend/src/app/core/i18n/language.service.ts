import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { Observable, catchError, map, of } from 'rxjs';
import { localeOf } from './locales';

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nb';
export const LANGUAGE_STORAGE_KEY = 'tilsagn.lang';

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/**
 * The language of the console: Norwegian bokmål by default, English on request.
 * The choice is remembered in localStorage and written to <html lang>.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);

  readonly language = computed<Language>(() => {
    const active = this.transloco.activeLang();
    return isLanguage(active) ? active : DEFAULT_LANGUAGE;
  });

  /** The Angular locale id for dates and numbers (registered in app.config): nb or en-GB. */
  readonly locale = computed(() => localeOf(this.language()));

  private readonly loads = signal(0);
  /**
   * Changes when the language changes and again when its texts have loaded, so
   * a computed() that calls translate() can depend on it and never keep texts
   * from the fallback language.
   */
  readonly texts = computed(() => `${this.language()}:${this.loads()}`);

  constructor() {
    this.transloco.events$.subscribe((event) => {
      if (event.type === 'translationLoadSuccess') this.loads.update((n) => n + 1);
    });
  }

  /** Picks the remembered language and loads its translations before the first screen. */
  init(): Observable<unknown> {
    const stored = this.readStored();
    this.apply(stored);
    // If the file cannot be loaded, start anyway; keys show until a retry succeeds.
    return this.transloco.load(stored).pipe(
      map(() => stored),
      catchError(() => of(stored)),
    );
  }

  use(language: Language): void {
    this.apply(language);
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this page only.
    }
  }

  private apply(language: Language): void {
    this.transloco.setActiveLang(language);
    this.document.documentElement.lang = language;
  }

  private readStored(): Language {
    try {
      const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
      return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
    } catch {
      return DEFAULT_LANGUAGE;
    }
  }
}
