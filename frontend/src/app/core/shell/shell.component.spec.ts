import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KARI, LEDER, session } from '../../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../../testing/i18n';
import { User } from '../api/models';
import { SESSION_STORAGE_KEY } from '../auth/auth.store';
import { ShellComponent } from './shell.component';

@Component({ template: '<h1>Innhold</h1>' })
class Content {}

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();

async function open(user: User) {
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(user, LATER)));
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: 'login', component: Content },
        { path: '', component: ShellComponent, children: [{ path: '**', component: Content }] },
      ]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestI18n('nb'),
    ],
  });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl('/queue/all');
  return { harness, el: harness.fixture.nativeElement as HTMLElement };
}

function navLinks(el: HTMLElement): string[] {
  return Array.from(el.querySelectorAll('nav a')).map((a) => visibleText(a));
}

describe('Shell', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it("shows a caseworker the caseworker's queues, and marks the current page", async () => {
    const { el } = await open(KARI);
    expect(navLinks(el)).toEqual([
      'Mine saker',
      'Ufordelte saker',
      'Venter på søker',
      'Returnert til meg',
      'Alle saker',
    ]);
    const current = el.querySelector('nav a[aria-current="page"]');
    expect(visibleText(current)).toBe('Alle saker');
  });

  it('shows a manager the dashboard first, the approver queue, register reports and the background jobs as well', async () => {
    const { el } = await open(LEDER);
    expect(navLinks(el)).toEqual([
      'Oversikt',
      'Ufordelte saker',
      'Venter på søker',
      'Til godkjenning',
      'Alle saker',
      'Registerrapporter',
      'Bakgrunnsjobber',
    ]);
  });

  it("shows each queue's count from the server, in words for screen readers, and asks again on navigation", async () => {
    const { el, harness } = await open(LEDER);
    const http = TestBed.inject(HttpTestingController);
    // Asked once as the console opens (it used to ask twice: at the shell's start and its first navigation).
    const asked = http.match('/api/queues/counts');
    expect(asked).toHaveLength(1);
    asked[0].flush({ unassigned: 4, toApprove: 1, awaitingApplicant: 0 });
    await harness.fixture.whenStable();

    const link = (label: string) =>
      Array.from(el.querySelectorAll('nav a')).find((a) => visibleText(a).startsWith(label))!;
    const shown = (label: string) => link(label).querySelector('.nav-count [aria-hidden="true"]');
    expect(shown('Til godkjenning')!.textContent).toBe('1');
    expect(link('Til godkjenning').querySelector('.cdk-visually-hidden')!.textContent).toBe(
      '(1 sak)',
    );
    expect(link('Ufordelte saker').querySelector('.cdk-visually-hidden')!.textContent).toBe(
      '(4 saker)',
    );
    expect(shown('Venter på søker')!.textContent).toBe('0');
    expect(link('Alle saker').querySelector('.nav-count')).toBeNull();

    await harness.navigateByUrl('/queue/to-approve');
    expect(http.match('/api/queues/counts').length).toBe(1);
  });

  it('has a skip link, a banner, navigation and main landmarks', async () => {
    const { el } = await open(KARI);
    const skip = el.querySelector<HTMLAnchorElement>('a.skip-link')!;
    expect(visibleText(skip)).toBe('Hopp til hovedinnhold');
    expect(el.querySelector('header')).not.toBeNull();
    expect(el.querySelector('nav')!.getAttribute('aria-label')).toBe('Hovedmeny');

    skip.click();
    expect(document.activeElement).toBe(el.querySelector('main'));
  });

  it('opens the keyboard shortcuts from a button named "Hurtigtaster (?)", for those who do not know the key', async () => {
    const { el, harness } = await open(KARI);
    const button = el.querySelector<HTMLButtonElement>('.shortcuts-button')!;
    expect(button.getAttribute('aria-label')).toBe('Hurtigtaster (?)');
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    button.click();
    await harness.fixture.whenStable();
    const dialog = document.querySelector('mat-dialog-container')!;
    expect(dialog.querySelector('#shortcuts-title')).not.toBeNull();
  });

  it('shows who is signed in with their roles, and signs out from the user menu', async () => {
    const { el, harness } = await open(LEDER);
    el.querySelector<HTMLButtonElement>('.user-button')!.click();
    await harness.fixture.whenStable();

    const menu = document.querySelector('.mat-mdc-menu-panel')!;
    expect(visibleText(menu.querySelector('.user-card__name'))).toBe('Lena Leder');
    expect(visibleText(menu.querySelector('.user-card__roles'))).toBe('Roller: leder, godkjenner');

    Array.from(menu.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => visibleText(b) === 'Logg ut')!
      .click();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });
});
