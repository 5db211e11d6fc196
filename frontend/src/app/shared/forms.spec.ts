import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { ErrorSummaryComponent } from './error-summary.component';
import { SubmittedErrorStateMatcher } from './submitted-error-state';

@Component({
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, ErrorSummaryComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="sent = sent + 1" novalidate>
      <app-error-summary />
      <mat-form-field>
        <mat-label>Begrunnelse</mat-label>
        <textarea matInput formControlName="rationale" required></textarea>
        <mat-error>Skriv en begrunnelse.</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Kommentar</mat-label>
        <input matInput formControlName="comment" />
      </mat-form-field>
      <button type="submit">Lagre</button>
    </form>
  `,
})
class FormHost {
  sent = 0;
  readonly form = new FormGroup({
    rationale: new FormControl('', Validators.required),
    comment: new FormControl(''),
  });
}

async function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideTestI18n('nb'),
      { provide: ErrorStateMatcher, useClass: SubmittedErrorStateMatcher },
    ],
  });
  const fixture = TestBed.createComponent(FormHost);
  document.body.appendChild(fixture.nativeElement);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    await fixture.whenStable();
  };
  return { fixture, el, settle, textarea: el.querySelector('textarea')! };
}

describe('Forms as NAV’s pattern says', () => {
  afterEach(() => document.body.replaceChildren());

  it('show no field error from tabbing through a field before any submit', async () => {
    const { el, settle, textarea } = await setup();
    textarea.focus();
    textarea.dispatchEvent(new FocusEvent('blur'));
    await settle();

    expect(el.querySelector('mat-error')).toBeNull();
    expect(textarea.getAttribute('aria-invalid')).not.toBe('true');
    expect(el.querySelector('.error-summary')).toBeNull();
  });

  it('on a failed submit list the errors in a summary that takes the focus, each a link to its field', async () => {
    const { el, settle, textarea } = await setup();
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();

    const summary = el.querySelector<HTMLElement>('.error-summary')!;
    expect(summary).not.toBeNull();
    expect(document.activeElement).toBe(summary);
    expect(visibleText(summary.querySelector('h3'))).toBe('Rett opp denne feilen før du sender:');
    const links = Array.from(summary.querySelectorAll('a'));
    expect(links.map((a) => visibleText(a))).toEqual(['Begrunnelse: Skriv en begrunnelse.']);
    expect(visibleText(el.querySelector('mat-error'))).toBe('Skriv en begrunnelse.');

    links[0].click();
    expect(document.activeElement).toBe(textarea);
  });

  it('follow the user’s corrections and go away once nothing is wrong', async () => {
    const { el, settle, textarea } = await setup();
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    textarea.value = 'Fordi';
    textarea.dispatchEvent(new Event('input'));
    await settle();
    expect(el.querySelector('.error-summary')).toBeNull();
  });

  it('show an error the server put on a field at once', () => {
    const matcher = new SubmittedErrorStateMatcher();
    const control = new FormControl('x');
    control.setErrors({ server: 'Må fylles ut.' });
    expect(matcher.isErrorState(control, null)).toBe(true);
    const required = new FormControl('', Validators.required);
    required.markAsTouched();
    expect(matcher.isErrorState(required, null)).toBe(false);
    required.markAsDirty();
    expect(matcher.isErrorState(required, null)).toBe(true);
  });
});
