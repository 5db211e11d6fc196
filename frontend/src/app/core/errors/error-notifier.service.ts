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
import { fieldMessageText, labelledFieldMessage, problemText, sentence } from './problem-text';

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
    const localized = this.localized(problem, options);
    const unmatched = applyProblemToForm(form, localized, options.aliases);
    const t = (key: string) => this.transloco.translate(key);
    const rest = (localized.errors ?? [])
      .filter((e) => unmatched.includes(e.message))
      .map((e) => this.labelled(e.path, e.message));
    this.snackBar.open([t('errors.validation'), ...rest].join(' '), t('common.close'), {
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

  /**
   * A field message of the server's, in the console's words, as it stands under its field
   * ("Må fylles ut."); one the console has no words for "is not valid".
   */
  fieldMessage(message: string): string {
    return sentence(fieldMessageText(message, (k, p) => this.transloco.translate(k, p)));
  }

  /** The console's words for a problem (by its type, else its status), with no reference. */
  problemMessage(problem: Problem): string {
    return problemText(problem, (k, p) => this.transloco.translate(k, p));
  }

  /** "Begrunnelse for lavere beløp: må fylles ut." */
  private labelled(path: string, message: string): string {
    const lower = message.charAt(0).toLocaleLowerCase() + message.slice(1);
    return labelledFieldMessage(path, lower.replace(/\.$/, ''), (k, p) =>
      this.transloco.translate(k, p),
    );
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
      openWithReload(t('errors.problem.stale-version'));
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
        openWithReload(this.problemMessage(problem));
      }
      return;
    }

    let message: string;
    if (problem.status === 0) message = t('errors.network');
    else if (problem.status === 403 && !problemCode(problem)) message = t('errors.forbidden');
    else if (problem.errors?.length)
      message = [
        t('errors.validation'),
        ...problem.errors.map((e) => this.labelled(e.path, this.fieldMessage(e.message))),
      ].join(' ');
    else message = this.problemMessage(problem);
    // Anything but the user's own input can be traced in the logs by the request's id.
    if (problem.requestId && !problem.errors?.length && problem.status !== 0)
      message = `${message} ${t('errors.reference', { id: problem.requestId })}`;

    this.snackBar.open(message, t('common.close'), {
      politeness: 'assertive',
      panelClass: 'error-snackbar',
    });
  }
}
