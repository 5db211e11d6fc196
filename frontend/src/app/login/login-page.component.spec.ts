import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KARI, session } from '../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { LoginPageComponent } from './login-page.component';

@Component({ template: 'landed' })
class Landing {}

async function open(url = '/login') {
  TestBed.configureTestingModule({
    providers: [
      provideRouter(
        [
          { path: 'login', component: LoginPageComponent },
          { path: '**', component: Landing },
        ],
        withComponentInputBinding(),
      ),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      provideTestI18n('nb'),
    ],
  });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  const el = harness.routeNativeElement!;
  const input = (label: string) => {
    const field = Array.from(el.querySelectorAll('mat-form-field')).find((f) =>
      visibleText(f.querySelector('mat-label')).startsWith(label),
    )!;
    return field.querySelector('input')!;
  };
  const type = (label: string, value: string) => {
    const i = input(label);
    i.value = value;
    i.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await harness.fixture.whenStable();
  };
  return { harness, el, type, submit, http: TestBed.inject(HttpTestingController) };
}

describe('Login page', () => {
  afterEach(() => sessionStorage.clear());

  it('tells the user to fill in both fields', async () => {
    const { el, submit, http } = await open();
    await submit();
    const errors = Array.from(el.querySelectorAll('mat-error')).map((e) => visibleText(e));
    expect(errors).toEqual(['Skriv inn brukernavn.', 'Skriv inn passord.']);
    http.expectNone('/api/auth/login');
  });

  it('announces wrong credentials in an alert', async () => {
    const { el, type, submit, http, harness } = await open();
    type('Brukernavn', 'kari');
    type('Passord', 'feil');
    await submit();
    http
      .expectOne('/api/auth/login')
      .flush(
        { type: 'about:blank', title: 'Unauthorized', status: 401 },
        { status: 401, statusText: 'Unauthorized' },
      );
    await harness.fixture.whenStable();
    expect(visibleText(el.querySelector('[role="alert"]'))).toBe('Feil brukernavn eller passord.');
  });

  it('signs in and goes back to the page the user came from', async () => {
    const { type, submit, http, harness } = await open('/login?returnUrl=%2Fcases%2Fid-9');
    type('Brukernavn', 'kari');
    type('Passord', 'demo');
    await submit();
    http
      .expectOne('/api/auth/login')
      .flush(session(KARI, new Date(Date.now() + 30 * 60_000).toISOString()));
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/cases/id-9');
  });

  it('sends a caseworker to the root (her start page or My cases, app.routes.spec), and ignores return addresses on other sites', async () => {
    const { type, submit, http, harness } = await open('/login?returnUrl=%2F%2Fevil.example');
    type('Brukernavn', 'kari');
    type('Passord', 'demo');
    await submit();
    http
      .expectOne('/api/auth/login')
      .flush(session(KARI, new Date(Date.now() + 30 * 60_000).toISOString()));
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('explains why the user is here after the session ran out', async () => {
    const { el } = await open('/login?reason=expired');
    expect(visibleText(el.querySelector('[role="status"]'))).toBe(
      'Økten din er utløpt. Logg inn på nytt for å fortsette.',
    );
  });
});
