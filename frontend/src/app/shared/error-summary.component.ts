import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  OnInit,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormGroupDirective } from '@angular/forms';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { merge } from 'rxjs';

export interface SummaryError {
  /** The id of the field's element, for the link. */
  id: string;
  text: string;
}

let nextId = 0;

/**
 * NAV's error summary ("Feiloppsummering"): placed inside a `<form [formGroup]>`, after a failed
 * submit it lists the form's errors as links (each focuses its field) and takes the focus itself,
 * so a screen reader reads what to correct. It follows the form as the user corrects it and is
 * gone once nothing is wrong. A field's text is its label and the error the field shows.
 */
@Component({
  selector: 'app-error-summary',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (errors().length) {
      <div
        *transloco="let t"
        class="error-summary"
        tabindex="-1"
        role="region"
        [attr.aria-labelledby]="headingId"
      >
        <h3 class="error-summary-title" [id]="headingId">
          {{ t('forms.summaryTitle', { count: errors().length }) }}
        </h3>
        <ul>
          @for (e of errors(); track e.id) {
            <li>
              <a [href]="'#' + e.id" (click)="focusField($event, e.id)">{{ e.text }}</a>
            </li>
          }
        </ul>
      </div>
    }
  `,
  styles: `
    .error-summary {
      border: 3px solid var(--app-error-summary-border, #b3261e);
      border-radius: 8px;
      padding: 12px 16px;
      margin: 0 0 16px;
      background: var(--app-error-summary-background, #fff);
    }
    .error-summary-title {
      margin: 0 0 8px;
      font-size: 1rem;
    }
    ul {
      margin: 0;
      padding-left: 20px;
    }
    a {
      color: #b3261e;
    }
  `,
})
export class ErrorSummaryComponent implements OnInit {
  private readonly formDirective = inject(FormGroupDirective);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly transloco = inject(TranslocoService);
  protected readonly headingId = `error-summary-${++nextId}`;
  protected readonly errors = signal<SummaryError[]>([]);

  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    const destroyRef = this.destroyRef;
    this.formDirective.ngSubmit.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      // After the form's own submit handler (which may mark fields or put server errors on them).
      afterNextRender(
        () => {
          this.refresh();
          if (this.errors().length && !this.focusMovedByForm()) {
            afterNextRender(() => this.summary()?.focus(), { injector: this.injector });
          }
        },
        { injector: this.injector },
      );
    });
  }

  ngOnInit(): void {
    // The form is the directive's input, known from here on.
    const form = this.formDirective.form;
    merge(form.valueChanges, form.statusChanges)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        if (this.errors().length)
          afterNextRender(() => this.refresh(), { injector: this.injector });
      });
  }

  protected focusField(event: Event, id: string): void {
    event.preventDefault();
    const field = document.getElementById(id);
    field?.focus();
    field?.scrollIntoView?.({ block: 'center' });
  }

  /**
   * Whether the form's own submit handler put the focus somewhere on purpose (a list of what
   * blocks the send, say): then the summary does not take it. It does from the submit button, a
   * field the user pressed Enter in, or nowhere.
   */
  private focusMovedByForm(): boolean {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return false;
    if (active.matches('button, input, textarea, select, mat-select, [role="combobox"]'))
      return false;
    return !this.host.nativeElement.closest('form')?.contains(active) || active.tabIndex === -1;
  }

  private summary(): HTMLElement | null {
    return this.host.nativeElement.querySelector('.error-summary');
  }

  /** The form's invalid fields as the page shows them, in the order they stand on the page. */
  private refresh(): void {
    const formElement = this.host.nativeElement.closest('form');
    if (!formElement || !this.formDirective.submitted) {
      this.errors.set([]);
      return;
    }
    const found: SummaryError[] = [];
    for (const element of Array.from(
      formElement.querySelectorAll<HTMLElement>('[formcontrolname]'),
    )) {
      const name = element.getAttribute('formcontrolname')!;
      const control = this.controlOf(element, name);
      if (!control?.invalid || control.disabled) continue;
      const target = this.focusTarget(element);
      if (!target.id) target.id = `${this.headingId}-${name}`;
      found.push({ id: target.id, text: this.textOf(element, target) });
    }
    this.errors.set(found);
  }

  private controlOf(element: HTMLElement, name: string): AbstractControl | null {
    // Nested groups: the names of formGroupName ancestors inside this form, outermost first.
    const path: string[] = [name];
    let parent = element.parentElement?.closest<HTMLElement>('[formgroupname]');
    const formElement = element.closest('form');
    while (parent && formElement?.contains(parent)) {
      path.unshift(parent.getAttribute('formgroupname')!);
      parent = parent.parentElement?.closest<HTMLElement>('[formgroupname]');
    }
    return this.formDirective.form.get(path);
  }

  /** The element that takes the focus for a control: itself, or its first focusable part. */
  private focusTarget(element: HTMLElement): HTMLElement {
    if (element.matches('input, textarea, select, [tabindex], mat-select')) return element;
    return element.querySelector<HTMLElement>('input, textarea, select, button') ?? element;
  }

  private textOf(element: HTMLElement, target: HTMLElement): string {
    const field = element.closest('mat-form-field');
    const label =
      clean(field?.querySelector('mat-label')?.textContent) ||
      clean(target.getAttribute('aria-label')) ||
      labelledBy(element) ||
      labelledBy(target) ||
      clean(element.closest('fieldset')?.querySelector('legend')?.textContent);
    const shown = clean(field?.querySelector('mat-error')?.textContent) || this.ownError(element);
    if (shown) return label ? `${label}: ${shown}` : shown;
    return this.transloco.translate('forms.required', { field: label || '–' });
  }

  /** An error shown beside a control that is not a form field (a radio group, say). */
  private ownError(element: HTMLElement): string {
    const described = element.getAttribute('aria-describedby') ?? '';
    for (const id of described.split(/\s+/).filter(Boolean)) {
      const node = document.getElementById(id);
      if (node?.matches('[role="alert"], .error, mat-error')) return clean(node.textContent);
    }
    return '';
  }
}

function clean(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\s*\*$/, '')
    .trim();
}

function labelledBy(element: HTMLElement): string {
  const ids = element.getAttribute('aria-labelledby');
  if (!ids) return '';
  return clean(
    ids
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}
