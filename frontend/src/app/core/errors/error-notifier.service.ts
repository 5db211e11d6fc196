import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoService } from '@jsverse/transloco';
import { toProblem } from './problem';

export interface NotifyOptions {
  /** Offered as the snackbar's action when the case changed under the user (409). */
  onReload?: () => void;
}

/** Tells the user, in a snackbar, what went wrong with a request. */
@Injectable({ providedIn: 'root' })
export class ErrorNotifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  notify(error: unknown, options: NotifyOptions = {}): void {
    const problem = toProblem(error);
    const t = (key: string) => this.transloco.translate(key);

    // The interceptor has already sent the user to the login page.
    if (problem.status === 401) return;

    if (problem.status === 409) {
      const ref = this.snackBar.open(
        t('errors.conflict'),
        options.onReload ? t('errors.reload') : t('common.close'),
        { politeness: 'assertive', panelClass: 'error-snackbar' },
      );
      if (options.onReload) ref.onAction().subscribe(() => options.onReload?.());
      return;
    }

    let message: string;
    if (problem.status === 0) message = t('errors.network');
    else if (problem.status === 403) message = t('errors.forbidden');
    else if (problem.status === 404) message = t('errors.notFound');
    else if (problem.errors?.length)
      message = [
        problem.detail ?? problem.title ?? t('errors.validation'),
        ...problem.errors.map((e) => e.message),
      ].join(' ');
    else message = problem.detail ?? problem.title ?? t('errors.unexpected');

    this.snackBar.open(message, t('common.close'), {
      politeness: 'assertive',
      panelClass: 'error-snackbar',
    });
  }

  /** A short confirmation of something that worked. */
  success(message: string): void {
    this.snackBar.open(message, undefined, { duration: 5_000, politeness: 'polite' });
  }
}
