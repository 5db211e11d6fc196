import { Injectable, inject } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoService } from '@jsverse/transloco';
import {
  Problem,
  applyProblemToForm,
  isStaleVersion,
  normalisePath,
  problemCode,
  toProblem,
} from './problem';

export interface NotifyOptions {
  /** Offered as the snackbar's action when the case changed under the user (409). */
  onReload?: () => void;
  /** Server path → form control path, where they differ (for notifyForm). */
  aliases?: Record<string, string>;
  /**
   * The form's own words for a field message it knows (the path as normalisePath gives it);
   * undefined leaves the message to the messages every form shares.
   */
  localize?: (path: string, message: string) => string | undefined;
}

/**
 * Field messages the server gives for every free-text field (backend common/validation/text.ts),
 * in the console's words.
 */
const SHARED_FIELD_MESSAGES: { pattern: RegExp; key: string }[] = [
  { pattern: /^a word may be at most (?<max>\d+) characters$/, key: 'errors.longWord' },
  { pattern: /^must not contain control characters/, key: 'errors.controlCharacters' },
  { pattern: /^must not contain the NUL character/, key: 'errors.controlCharacters' },
  { pattern: /^must be valid Unicode/, key: 'errors.invalidText' },
];

/** Tells the user, in a snackbar, what went wrong with a request. */
@Injectable({ providedIn: 'root' })
export class ErrorNotifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  notify(error: unknown, options: NotifyOptions = {}): void {
    this.show(toProblem(error), options);
  }

  /**
   * For a form's request: field messages of a problem+json answer go onto the
   * fields they name, and the snackbar tells what is left (or that some fields
   * need attention). Other failures are told as `notify` does.
   */
  notifyForm(error: unknown, form: FormGroup, options: NotifyOptions = {}): void {
    const problem = toProblem(error);
    if (!problem.errors?.length) {
      this.show(problem, options);
      return;
    }
    const unmatched = applyProblemToForm(form, this.localized(problem, options), options.aliases);
    const t = (key: string) => this.transloco.translate(key);
    this.snackBar.open([t('errors.validation'), ...unmatched].join(' '), t('common.close'), {
      politeness: 'assertive',
      panelClass: 'error-snackbar',
    });
  }

  /**
   * A problem with its field messages in the console's words where it knows them: the form's own
   * (`options.localize`), then those every free-text field shares; others stay as the server wrote them.
   */
  localized(problem: Problem, options: Pick<NotifyOptions, 'localize'> = {}): Problem {
    if (!problem.errors?.length) return problem;
    return {
      ...problem,
      errors: problem.errors.map((e) => ({
        path: e.path,
        message:
          options.localize?.(normalisePath(e.path), e.message) ?? this.fieldMessage(e.message),
      })),
    };
  }

  /** A field message the server gives for every free-text field, in the console's words. */
  fieldMessage(message: string): string {
    for (const { pattern, key } of SHARED_FIELD_MESSAGES) {
      const match = pattern.exec(message);
      if (match) return this.transloco.translate(key, match.groups ?? {});
    }
    return message;
  }

  /** Tells the user something needs their attention before it can be sent. */
  alert(message: string): void {
    this.snackBar.open(message, this.transloco.translate('common.close'), {
      politeness: 'assertive',
      panelClass: 'error-snackbar',
    });
  }

  /** A short confirmation of something that worked. */
  success(message: string): void {
    this.snackBar.open(message, undefined, { duration: 5_000, politeness: 'polite' });
  }

  private show(problem: Problem, options: NotifyOptions): void {
    const t = (key: string, params?: Record<string, unknown>) =>
      this.transloco.translate(key, params);

    // The interceptor has already sent the user to the login page.
    if (problem.status === 401) return;

    const action = options.onReload ? t('errors.reload') : t('common.close');
    const openWithReload = (message: string) => {
      const ref = this.snackBar.open(message, action, {
        politeness: 'assertive',
        panelClass: 'error-snackbar',
      });
      if (options.onReload) ref.onAction().subscribe(() => options.onReload?.());
    };

    if (isStaleVersion(problem)) {
      openWithReload(t('errors.conflict'));
      return;
    }
    if (problem.status === 409) {
      // The case is not where the user thought: illegal transition, wrong status, decided.
      if (problemCode(problem) === 'illegal-transition' && problem.currentStatus) {
        openWithReload(
          t('errors.illegalTransition', {
            from: t(`status.${problem.currentStatus}`),
            to: problem.requestedStatus ? t(`status.${problem.requestedStatus}`) : '–',
          }),
        );
      } else {
        openWithReload(problem.detail ?? problem.title ?? t('errors.conflict'));
      }
      return;
    }

    let message: string;
    if (problem.status === 0) message = t('errors.network');
    else if (problem.status === 403)
      message =
        problemCode(problem) === 'not-assigned' ? t('errors.notAssigned') : t('errors.forbidden');
    else if (problem.status === 404) message = t('errors.notFound');
    else if (problem.errors?.length)
      message = [
        problem.detail ?? problem.title ?? t('errors.validation'),
        ...problem.errors.map((e) => this.fieldMessage(e.message)),
      ].join(' ');
    else message = problem.detail ?? problem.title ?? t('errors.unexpected');

    this.snackBar.open(message, t('common.close'), {
      politeness: 'assertive',
      panelClass: 'error-snackbar',
    });
  }
}
