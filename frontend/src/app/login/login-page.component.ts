import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { AuthStore } from '../core/auth/auth.store';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { applyProblemToForm, toProblem } from '../core/errors/problem';
import { LanguageSwitchComponent } from '../core/i18n/language-switch.component';

type LoginError =
  | { key: 'login.errors.credentials' | 'login.errors.network' | 'login.errors.unexpected' }
  | { text: string };

@Component({
  selector: 'app-login-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoDirective,
    LanguageSwitchComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.scss',
})
export class LoginPageComponent {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);

  /** Bound from the query string: where to go after login, and why we are here. */
  readonly returnUrl = input<string | undefined>();
  readonly reason = input<string | undefined>();

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<LoginError | null>(null);
  protected readonly hidePassword = signal(true);
  protected readonly expired = computed(() => this.reason() === 'expired');
  private readonly usernameInput =
    viewChild.required<ElementRef<HTMLInputElement>>('usernameInput');

  protected submit(): void {
    if (this.submitting()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.usernameInput()
        .nativeElement.form?.querySelector<HTMLInputElement>('input.ng-invalid')
        ?.focus();
      return;
    }
    const { username, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.auth.login(username.trim(), password).subscribe({
      next: () => {
        this.submitting.set(false);
        // Without a return address the root route decides: her start page, else her role's home.
        void this.router.navigateByUrl(this.safeReturnUrl() ?? '/');
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        const problem = toProblem(err);
        if (problem.status === 401) {
          this.error.set({ key: 'login.errors.credentials' });
          this.form.controls.password.reset('');
        } else if (problem.status === 0) {
          this.error.set({ key: 'login.errors.network' });
        } else if (problem.errors?.length) {
          const rest = applyProblemToForm(this.form, this.notifier.localized(problem));
          if (rest.length) this.error.set({ text: rest.join(' ') });
        } else {
          // Too many attempts, or the server failed: in the console's words, never the server's
          // English, with the request's id for support.
          const reference = problem.requestId
            ? ` ${this.transloco.translate('errors.reference', { id: problem.requestId })}`
            : '';
          this.error.set({ text: `${this.notifier.problemMessage(problem)}${reference}` });
        }
      },
    });
  }

  /** Only same-site paths, so a crafted link cannot send the user elsewhere after login. */
  private safeReturnUrl(): string | null {
    const url = this.returnUrl();
    return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login')
      ? url
      : null;
  }

  protected errorKey(error: LoginError): string | null {
    return 'key' in error ? error.key : null;
  }

  protected errorText(error: LoginError): string {
    return 'text' in error ? error.text : '';
  }
}
