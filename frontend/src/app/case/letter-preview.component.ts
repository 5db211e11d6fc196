import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  DOCUMENT,
  ElementRef,
  afterNextRender,
  effect,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { Observable, Subscription } from 'rxjs';
import { Problem, problemCode, readProblem } from '../core/errors/problem';
import { Language } from '../core/i18n/language.service';

/**
 * Where a draft comes from: the request for the letter in a language, or null when it cannot be
 * asked for yet (a form with fields to put right, which it has marked).
 */
export type LetterPreviewSource = (lang: Language) => Observable<Blob> | null;

let nextId = 0;

/**
 * "Preview letter": the decision letter as it would be if decided now, marked as a draft by the
 * server, in the language chosen, opened as a PDF in a new tab (with a link to open or save it
 * again, which also serves when the browser blocks the new tab). Loading and failure are said in
 * words, in the console's language.
 */
@Component({
  selector: 'app-letter-preview',
  imports: [
    FormsModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatRadioModule,
    TranslocoDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <fieldset class="preview" [attr.aria-describedby]="id + '-hint'">
        <legend>{{ t('letterPreview.title') }}</legend>
        <p class="muted" [id]="id + '-hint'">{{ t('letterPreview.hint') }}</p>
        <div class="row">
          <span class="label" [id]="id + '-lang'">{{ t('letterPreview.language') }}</span>
          <mat-radio-group
            class="langs"
            [(ngModel)]="lang"
            [ngModelOptions]="{ standalone: true }"
            [attr.aria-labelledby]="id + '-lang'"
          >
            <mat-radio-button value="nb">{{ t('letterPreview.langs.nb') }}</mat-radio-button>
            <mat-radio-button value="en">{{ t('letterPreview.langs.en') }}</mat-radio-button>
          </mat-radio-group>
          <button
            mat-stroked-button
            type="button"
            (click)="preview()"
            [disabled]="loading()"
            [attr.aria-describedby]="id + '-hint'"
          >
            <mat-icon aria-hidden="true">preview</mat-icon>
            {{ t('letterPreview.button') }}
          </button>
        </div>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('letterPreview.loading')" />
        }
        <div role="status" class="status">
          @if (loading()) {
            <p>{{ t('letterPreview.loading') }}</p>
          } @else if (draft(); as d) {
            <p>
              {{
                d.opened
                  ? t('letterPreview.opened', { lang: t('letterPreview.langs.' + d.lang) })
                  : t('letterPreview.ready', { lang: t('letterPreview.langs.' + d.lang) })
              }}
            </p>
            <p class="links">
              <a #openLink [href]="d.url" target="_blank" rel="noopener">
                <mat-icon aria-hidden="true" inline>open_in_new</mat-icon>
                {{ t('letterPreview.open', { lang: t('letterPreview.langs.' + d.lang) }) }}
              </a>
              <a [href]="d.url" [attr.download]="d.fileName">
                <mat-icon aria-hidden="true" inline>download</mat-icon>
                {{ t('letterPreview.download') }}
              </a>
            </p>
          }
        </div>
        @if (error(); as e) {
          <p class="error" role="alert">
            <mat-icon aria-hidden="true" inline>error</mat-icon>
            {{ e }}
          </p>
        }
      </fieldset>
    </ng-container>
  `,
  styles: `
    .preview {
      display: grid;
      gap: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 16px 12px;
      margin: 0;
    }
    legend {
      font: var(--mat-sys-label-large);
      padding: 0 4px;
    }
    p {
      margin: 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
    }
    .label {
      font: var(--mat-sys-label-large);
    }
    .langs {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 8px;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      margin-top: 4px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class LetterPreviewComponent {
  private readonly transloco = inject(TranslocoService);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly injector = inject(Injector);

  /** The request for a draft. */
  readonly source = input.required<LetterPreviewSource>();
  /**
   * Puts a 400's field messages on the fields of the form the draft is made from; true when it
   * put any there.
   */
  readonly placeProblem = input<((problem: Problem) => boolean) | null>(null);
  /** What the draft is made from: when it changes, a draft made before is out of date and dropped. */
  readonly madeFrom = input<unknown>(null);
  /** The start of a saved draft's file name (the case's reference). */
  readonly fileName = input('draft');

  protected readonly id = `letter-preview-${nextId++}`;
  protected readonly lang = signal<Language>('nb');
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly draft = signal<{
    url: string;
    lang: Language;
    opened: boolean;
    fileName: string;
  } | null>(null);
  private readonly openLink = viewChild<ElementRef<HTMLAnchorElement>>('openLink');

  private request: Subscription | null = null;
  /** Counts requests, so that a late answer to an earlier one is ignored. */
  private asked = 0;

  constructor() {
    effect(() => {
      this.madeFrom();
      untracked(() => this.clear());
    });
    inject(DestroyRef).onDestroy(() => this.clear());
  }

  preview(): void {
    this.clear();
    const lang = this.lang();
    const request = this.source()(lang);
    if (!request) {
      this.error.set(this.transloco.translate('letterPreview.errors.form'));
      return;
    }
    const asked = ++this.asked;
    this.loading.set(true);
    this.request = request.subscribe({
      next: (blob) => {
        this.loading.set(false);
        const url = URL.createObjectURL(blob);
        const opened = !!this.window?.open(url, '_blank');
        this.draft.set({ url, lang, opened, fileName: `${this.fileName()}-draft-${lang}.pdf` });
        // A blocked tab leaves the link as the way to the draft: the focus goes to it.
        if (!opened) {
          afterNextRender(() => this.openLink()?.nativeElement.focus(), {
            injector: this.injector,
          });
        }
      },
      error: (err: unknown) => {
        void readProblem(err).then((problem) => {
          if (asked !== this.asked) return;
          this.loading.set(false);
          this.error.set(this.messageOf(problem));
        });
      },
    });
  }

  /** What went wrong, in words of the console's language (the server's text is English). */
  private messageOf(problem: Problem): string | null {
    const t = (key: string) => this.transloco.translate(key);
    switch (problem.status) {
      case 401:
        return null; // the interceptor has sent the user to the login page
      case 0:
        return t('errors.network');
      case 400: {
        const placed = !!problem.errors?.length && (this.placeProblem()?.(problem) ?? false);
        return t(placed ? 'letterPreview.errors.fields' : 'letterPreview.errors.invalid');
      }
      case 403:
        return t(
          problemCode(problem) === 'not-assigned' ? 'errors.notAssigned' : 'errors.forbidden',
        );
      case 404:
        return t('errors.notFound');
      case 409:
        return t(
          problemCode(problem) === 'no-recommendation'
            ? 'letterPreview.errors.noRecommendation'
            : 'errors.conflict',
        );
      default:
        return t('letterPreview.errors.failed');
    }
  }

  /** Drops the draft and any request under way. */
  private clear(): void {
    this.asked++;
    this.request?.unsubscribe();
    this.request = null;
    this.loading.set(false);
    this.error.set(null);
    const draft = this.draft();
    if (draft) URL.revokeObjectURL(draft.url);
    this.draft.set(null);
  }
}
