import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { provideTestI18n, visibleText } from '../../../testing/i18n';
import { LocalDatePipe } from '../../shared/local-date.pipe';
import { LanguageSwitchComponent } from './language-switch.component';
import { LANGUAGE_STORAGE_KEY, LanguageService } from './language.service';

@Component({
  imports: [TranslocoDirective, LanguageSwitchComponent, LocalDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-language-switch />
    <p *transloco="let t">{{ t('shell.logout') }}</p>
    <time>{{ '2026-03-02T10:15:00Z' | localDate: 'longDate' }}</time>
  `,
})
class Host {}

function setup() {
  TestBed.configureTestingModule({ providers: [provideTestI18n('nb')] });
  const fixture = TestBed.createComponent(Host);
  return { fixture, el: fixture.nativeElement as HTMLElement };
}

function toggle(el: HTMLElement, label: string): HTMLButtonElement {
  const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>('mat-button-toggle button'));
  const button = buttons.find((b) => visibleText(b) === label);
  if (!button) throw new Error(`No toggle labelled ${label}`);
  return button;
}

describe('Language switching', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
  });

  it('starts in bokmål, with <html lang="nb">', async () => {
    const { fixture, el } = setup();
    await firstValueFrom(TestBed.inject(LanguageService).init());
    await fixture.whenStable();

    expect(document.documentElement.lang).toBe('nb');
    expect(visibleText(el.querySelector('p'))).toBe('Logg ut');
    expect(visibleText(el.querySelector('time'))).toBe('2. mars 2026');
    expect(toggle(el, 'Bokmål').getAttribute('aria-checked')).toBe('true');
  });

  it('switches the texts, dates and <html lang> to English when the user picks English', async () => {
    const { fixture, el } = setup();
    await fixture.whenStable();

    toggle(el, 'English').click();
    await fixture.whenStable();

    expect(visibleText(el.querySelector('p'))).toBe('Log out');
    expect(visibleText(el.querySelector('time'))).toBe('2 March 2026');
    expect(document.documentElement.lang).toBe('en');
    expect(toggle(el, 'English').getAttribute('aria-checked')).toBe('true');
  });

  it('remembers the choice for the next visit', async () => {
    const { fixture, el } = setup();
    await fixture.whenStable();
    toggle(el, 'English').click();
    await fixture.whenStable();
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    TestBed.resetTestingModule();
    const next = setup();
    await firstValueFrom(TestBed.inject(LanguageService).init());
    await next.fixture.whenStable();

    expect(visibleText(next.el.querySelector('p'))).toBe('Log out');
    expect(document.documentElement.lang).toBe('en');
  });

  it('ignores a stored value that is not a language it knows', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'xx');
    const { fixture, el } = setup();
    await firstValueFrom(TestBed.inject(LanguageService).init());
    await fixture.whenStable();
    expect(visibleText(el.querySelector('p'))).toBe('Logg ut');
  });
});
