import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { TranslocoService } from '@jsverse/transloco';
import { provideTestI18n, visibleText } from '../../../testing/i18n';
import { ErrorNotifier } from './error-notifier.service';
import { applyProblemToForm, normalisePath, readProblem, toProblem } from './problem';

function problem(status: number, body: object) {
  return new HttpErrorResponse({
    status,
    error: body,
    headers: undefined,
    url: '/api/x',
  });
}

function settle(): Promise<void> {
  return TestBed.inject(ApplicationRef).whenStable();
}

function snackBar(): HTMLElement | null {
  return document.querySelector('mat-snack-bar-container');
}

describe('Error messages', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideTestI18n('nb')] });
  });

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('on 409 say someone else changed the case, and offer to reload it', async () => {
    const reload = jest.fn();
    TestBed.inject(ErrorNotifier).notify(problem(409, { title: 'Conflict', status: 409 }), {
      onReload: reload,
    });
    await settle();

    expect(visibleText(snackBar())).toContain('Noen andre har endret saken.');
    const action = Array.from(snackBar()!.querySelectorAll('button')).find(
      (b) => visibleText(b) === 'Last inn på nytt',
    )!;
    action.click();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it("say a failure in the console's words with the reference to quote, never the server's English", async () => {
    TestBed.inject(ErrorNotifier).notify(
      new HttpErrorResponse({
        status: 500,
        error: {
          type: 'urn:tilsagn:problem:internal',
          title: 'Internal error',
          status: 500,
          detail: 'Something went wrong on our side. Quote request id r-42 when reporting it.',
          requestId: 'r-42',
        },
      }),
    );
    await settle();
    expect(visibleText(snackBar())).toContain(
      'Noe gikk galt hos oss. Oppgi referanse r-42 til brukerstøtte.',
    );
    expect(visibleText(snackBar())).not.toMatch(/Internal|Something|request id/);
  });

  it('say too many requests in plain words, with the request id from the header', async () => {
    TestBed.inject(ErrorNotifier).notify(
      new HttpErrorResponse({
        status: 429,
        headers: new HttpHeaders({ 'x-request-id': 'abc123' }),
        error: {
          type: 'urn:tilsagn:problem:http-429',
          title: 'Too many requests',
          status: 429,
          detail: 'ThrottlerException: Too Many Requests',
        },
      }),
    );
    await settle();
    expect(visibleText(snackBar())).toBe(
      'For mange forespørsler på kort tid. Vent litt og prøv igjen. Oppgi referanse abc123 til brukerstøtte. Lukk',
    );
  });

  it('explain a lost connection in plain words', async () => {
    TestBed.inject(ErrorNotifier).notify(new HttpErrorResponse({ status: 0 }));
    await settle();
    expect(visibleText(snackBar())).toContain('Fikk ikke kontakt med tjenesten.');
  });

  it("on other conflicts say what happened in the console's words, still offering to reload", async () => {
    const reload = jest.fn();
    TestBed.inject(ErrorNotifier).notify(
      problem(409, {
        type: 'urn:tilsagn:problem:case-closed',
        title: 'The case is closed and read-only',
        status: 409,
        detail: 'The case is decided',
      }),
      { onReload: reload },
    );
    await settle();
    expect(visibleText(snackBar())).toContain('Saken er avsluttet og kan ikke endres.');
    expect(visibleText(snackBar())).not.toContain('decided');
    Array.from(snackBar()!.querySelectorAll('button'))
      .find((b) => visibleText(b) === 'Last inn på nytt')!
      .click();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('name the stale version for what it is', async () => {
    TestBed.inject(ErrorNotifier).notify(
      problem(409, { type: 'urn:tilsagn:problem:stale-version', title: 'x', status: 409 }),
    );
    await settle();
    expect(visibleText(snackBar())).toContain('Noen andre har endret saken.');
  });

  it('say that only the assigned caseworker may do this', async () => {
    TestBed.inject(ErrorNotifier).notify(
      problem(403, { type: 'urn:tilsagn:problem:not-assigned', title: 'x', status: 403 }),
    );
    await settle();
    expect(visibleText(snackBar())).toContain(
      'Bare saksbehandleren som har saken kan gjøre dette.',
    );
  });

  it("put a form request's field messages on the form, and the rest in the snackbar", async () => {
    const form = new FormGroup({ amount: new FormControl(1), reason: new FormControl('') });
    TestBed.inject(ErrorNotifier).notifyForm(
      problem(400, {
        status: 400,
        title: 'The request is not valid',
        errors: [
          { path: '$.approvedAmountNok', message: 'must not be greater than 100' },
          { path: '$.other', message: 'something else' },
        ],
      }),
      form,
      { aliases: { approvedAmountNok: 'amount' } },
    );
    await settle();
    expect(form.get('amount')!.getError('server')).toBe('Kan være høyst 100.');
    expect(visibleText(snackBar())).toContain(
      'Noen felt er ikke riktig utfylt. Et felt: er ikke gyldig.',
    );
  });

  it("say the server's refusals of free text in the console's words, on the field and in the snackbar", async () => {
    const form = new FormGroup({ rationale: new FormControl('') });
    TestBed.inject(ErrorNotifier).notifyForm(
      problem(400, {
        status: 400,
        title: 'The request is not valid',
        errors: [
          { path: '$.rationale', message: 'a word may be at most 200 characters' },
          { path: '$.comment', message: 'must not contain control characters' },
        ],
      }),
      form,
    );
    await settle();
    expect(form.get('rationale')!.getError('server')).toBe(
      'Et ord kan ha høyst 200 tegn. Del opp lange ord og lenker.',
    );
    expect(visibleText(snackBar())).toContain(
      'Kommentar: teksten har tegn som ikke er tillatt (kontrolltegn).',
    );
    expect(visibleText(snackBar())).not.toContain('must not');
  });

  it('read the problem of a request for a file, whose body comes as a Blob', async () => {
    const body = { type: 'urn:tilsagn:problem:no-recommendation', status: 409, title: 'None' };
    const error = new HttpErrorResponse({
      status: 409,
      error: new Blob([JSON.stringify(body)], { type: 'application/problem+json' }),
    });
    await expect(readProblem(error)).resolves.toMatchObject({
      status: 409,
      type: 'urn:tilsagn:problem:no-recommendation',
    });
  });

  it('put field messages from problem+json on the fields they name', () => {
    const form = new FormGroup({
      username: new FormControl(''),
      project: new FormGroup({ title: new FormControl('') }),
    });
    const rest = applyProblemToForm(
      form,
      toProblem(
        problem(400, {
          status: 400,
          title: 'Bad Request',
          errors: [
            { path: '/username', message: 'Må fylles ut' },
            { path: '$.project.title', message: 'For lang' },
            { path: '/unknown', message: 'Ukjent felt' },
          ],
        }),
      ),
    );
    expect(form.get('username')!.getError('server')).toBe('Må fylles ut');
    expect(form.get('project.title')!.getError('server')).toBe('For lang');
    expect(rest).toEqual(['Ukjent felt']);
    expect(normalisePath('/costLines/2/amountNok')).toBe('costLines.2.amountNok');
    expect(normalisePath('costLines[2].amountNok')).toBe('costLines.2.amountNok');
  });

  it('name the field and say what is wrong with it, in English too', async () => {
    const form = new FormGroup({ amount: new FormControl(1) });
    TestBed.inject(TranslocoService).setActiveLang('en');
    TestBed.inject(ErrorNotifier).notifyForm(
      problem(400, {
        type: 'urn:tilsagn:problem:validation-failed',
        status: 400,
        title: 'The request is not valid',
        errors: [{ path: '$.reductionReason', message: 'reductionReason must not be empty' }],
      }),
      form,
    );
    await settle();
    expect(visibleText(snackBar())).toContain(
      'Some fields are not filled in correctly. Reason for the lower amount: must be filled in.',
    );
    expect(visibleText(snackBar())).not.toContain('reductionReason');
  });
});
