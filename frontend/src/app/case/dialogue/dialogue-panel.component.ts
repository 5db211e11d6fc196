import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { DateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { InformationRequest } from '../../api/models';
import { DocumentsApi } from '../../core/api/documents.api';
import { ErrorNotifier } from '../../core/errors/error-notifier.service';
import { businessDaysBetween, osloToday, shiftDate } from '../../shared/business-days';
import { LocalDatePipe } from '../../shared/local-date.pipe';
import { CaseStore } from '../case.store';
import { defaultReplyBy, pickedDate, replyByLeft, toPickerDate } from './dialogue.logic';

/**
 * "Dialog med søker": what the applicant was asked, by whom and when, the reply-by date with the
 * business days left, and what they answered with the documents they sent; and, for the case's
 * caseworker while it is in review, a form to ask them.
 */
@Component({
  selector: 'app-dialogue-panel',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoDirective,
    LocalDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dialogue-panel.component.html',
  styleUrl: './dialogue-panel.component.scss',
})
export class DialoguePanelComponent {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(DocumentsApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  private readonly dateAdapter = inject<DateAdapter<Date>>(DateAdapter);

  /** An attachment of a reply to open in the viewer, with the button that asked (the focus goes back to it). */
  readonly openDocument = output<{ documentId: string; opener: HTMLElement | null }>();

  protected readonly requests = signal<InformationRequest[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadFailed = signal(false);
  protected readonly sending = signal(false);
  protected readonly canAsk = computed(() => this.store.actions().has('request-information'));

  protected readonly today = osloToday();
  protected readonly minDate = toPickerDate(shiftDate(this.today, 1));
  protected readonly form = new FormGroup({
    message: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/\S/), Validators.maxLength(5000)],
    }),
    replyBy: new FormControl<Date | null>(toPickerDate(defaultReplyBy(this.today)), {
      validators: [Validators.required],
    }),
  });
  private readonly replyByValue = signal<Date | null>(this.form.controls.replyBy.value);
  protected readonly replyByDays = computed(() => {
    const date = this.replyByValue();
    return date && this.dateAdapter.isValid(date)
      ? businessDaysBetween(this.today, pickedDate(date))
      : null;
  });

  private loadedFor: string | null = null;
  /** After asking, the form is gone: the focus goes to the question just sent once it is listed. */
  private focusLatest = false;

  constructor() {
    effect(() => {
      const detail = this.store.detail();
      if (!detail) return;
      const key = `${detail.id}:${detail.version}:${detail.status}`;
      if (key === this.loadedFor) return;
      this.loadedFor = key;
      untracked(() => this.load());
    });
    this.form.controls.replyBy.valueChanges.subscribe((value) => this.replyByValue.set(value));
  }

  protected load(): void {
    const id = this.store.detail()?.id;
    if (!id) return;
    this.loading.set(true);
    this.loadFailed.set(false);
    this.api.informationRequests(id).subscribe({
      next: (requests) => {
        this.loading.set(false);
        this.requests.set(requests);
        const latest = requests[requests.length - 1];
        if (this.focusLatest && latest) {
          this.focusLatest = false;
          setTimeout(() => document.getElementById(`request-${latest.id}`)?.focus());
        }
      },
      error: () => {
        this.loading.set(false);
        this.loadFailed.set(true);
      },
    });
  }

  protected left(replyBy: string): string {
    const { key, days } = replyByLeft(replyBy, this.today);
    return this.transloco.translate(key, { days });
  }

  protected paused(days: number): string {
    return this.transloco.translate(days === 1 ? 'dialogue.pausedOne' : 'dialogue.paused', {
      days,
    });
  }

  protected open(documentId: string, event: Event): void {
    this.openDocument.emit({ documentId, opener: event.currentTarget as HTMLElement | null });
  }

  protected ask(): void {
    const detail = this.store.detail();
    if (!detail || this.sending()) return;
    const { message, replyBy } = this.form.getRawValue();
    const date = replyBy && this.dateAdapter.isValid(replyBy) ? pickedDate(replyBy) : null;
    if (date && date <= this.today) this.form.controls.replyBy.setErrors({ notFuture: true });
    if (this.form.invalid || !date) {
      this.form.markAllAsTouched();
      return;
    }
    this.sending.set(true);
    this.api
      .requestInformation(detail.id, { message: message.trim(), replyBy: date }, detail.version)
      .subscribe({
        next: () => {
          this.sending.set(false);
          this.form.reset({ message: '', replyBy: toPickerDate(defaultReplyBy(this.today)) });
          this.notifier.success(this.transloco.translate('dialogue.ask.done'));
          // The case waits for the applicant now: its header, version and actions change.
          this.focusLatest = true;
          this.store.reload();
        },
        error: (err: unknown) => {
          this.sending.set(false);
          this.notifier.notifyForm(err, this.form, { onReload: () => this.store.reload() });
        },
      });
  }
}
