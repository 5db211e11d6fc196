import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  FormGroupDirective,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { NotesApi } from '../core/api/notes.api';
import { Note, NoteAnchor, NoteRevision, personId, personName } from '../core/api/workflow.models';
import { AuthStore } from '../core/auth/auth.store';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { toProblem } from '../core/errors/problem';
import { LanguageService } from '../core/i18n/language.service';
import { autosaveDraft } from '../shared/drafts';
import { People } from '../shared/people';
import { ErrorSummaryComponent } from '../shared/error-summary.component';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { CaseStore } from './case.store';
import { parseDocumentRef } from './documents/documents.logic';
import {
  NO_NOTE_FILTER,
  NoteFilter,
  anchorKey,
  filterNotes,
  groupIntoThreads,
  noteAuthors,
  parseAnchorKey,
  upsertNote,
} from './notes.logic';

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

interface AnchorOption {
  key: string;
  label: string;
}

/** The Notes tab: threads on the case, a cost line or a rule; write, edit, mark entered in error. */
@Component({
  selector: 'app-case-notes',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoDirective,
    LocalDatePipe,
    ErrorSummaryComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-notes.component.html',
  styleUrl: './case-notes.component.scss',
})
export class CaseNotesComponent {
  protected readonly store = inject(CaseStore);
  private readonly people = inject(People);
  private readonly api = inject(NotesApi);
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  private readonly languages = inject(LanguageService);
  private readonly lang = this.languages.language;
  private readonly injector = inject(Injector);

  private readonly composerBody = viewChild<ElementRef<HTMLTextAreaElement>>('composerBody');
  private readonly editBody = viewChild<ElementRef<HTMLTextAreaElement>>('editBody');
  private readonly errorReason = viewChild<ElementRef<HTMLInputElement>>('errorReason');

  protected readonly notes = signal<Note[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadFailed = signal(false);
  protected readonly saving = signal(false);

  /** 'all', a type ('application', 'costLine', 'rule') or one anchor ('costLine:<id>'). */
  protected readonly anchorChoice = signal('all');
  protected readonly authorChoice = signal('all');
  protected readonly includeEnteredInError = signal(true);

  protected readonly editing = signal<string | null>(null);
  protected readonly marking = signal<string | null>(null);
  protected readonly histories = signal<Record<string, NoteRevision[]>>({});

  protected readonly composer = new FormGroup({
    anchor: new FormControl('application', { nonNullable: true }),
    body: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(20000)],
    }),
  });
  protected readonly editForm = new FormGroup({
    body: new FormControl('', { nonNullable: true, validators: Validators.required }),
  });
  protected readonly errorForm = new FormGroup({
    reason: new FormControl('', { nonNullable: true, validators: Validators.required }),
  });

  protected readonly me = computed(() => this.auth.user()?.username ?? null);
  protected readonly canWrite = computed(() => this.store.actions().has('note'));

  protected readonly anchorOptions = computed<AnchorOption[]>(() => {
    const t = (key: string, params?: Record<string, unknown>) =>
      this.transloco.translate(key, params);
    this.languages.texts();
    const detail = this.store.detail();
    const evaluation = this.store.evaluation();
    const options: AnchorOption[] = [{ key: 'application', label: t('notes.anchor.application') }];
    for (const line of [...(detail?.costLines ?? [])].sort((a, b) => a.lineNo - b.lineNo)) {
      options.push({ key: `costLine:${line.id}`, label: this.lineLabel(line.id) });
    }
    for (const rule of evaluation?.rules ?? []) {
      options.push({ key: `rule:${rule.ruleId}`, label: this.ruleLabel(rule.ruleId) });
    }
    for (const j of evaluation?.judgments ?? []) {
      if (j.applies)
        options.push({ key: `rule:${j.criterionId}`, label: this.ruleLabel(j.criterionId) });
    }
    return options;
  });

  protected readonly filter = computed<NoteFilter>(() => {
    const choice = this.anchorChoice();
    const author = this.authorChoice();
    const base: NoteFilter = {
      ...NO_NOTE_FILTER,
      author: author === 'all' ? null : author,
      includeEnteredInError: this.includeEnteredInError(),
    };
    if (choice === 'all') return base;
    if (choice === 'costLine' || choice === 'rule') return { ...base, anchorType: choice };
    const anchor = parseAnchorKey(choice);
    return anchor ? { ...base, anchorType: anchor.type, anchorRef: anchor.ref } : base;
  });

  protected readonly authors = computed(() => noteAuthors(this.notes()));
  protected readonly shown = computed(() => filterNotes(this.notes(), this.filter()));
  protected readonly threads = computed(() => {
    const lineNo = new Map((this.store.detail()?.costLines ?? []).map((l) => [l.id, l.lineNo]));
    return groupIntoThreads(this.shown(), (a) =>
      a.type === 'costLine' ? (lineNo.get(a.ref ?? '') ?? 0) : 0,
    );
  });

  private readonly caseId = computed(() => this.store.detail()?.id);
  /** The unsent note, kept through an expired session and a new login (shared/drafts.ts). */
  private readonly draft = autosaveDraft(this.composer, signal('note'), this.caseId);

  constructor() {
    // The notes of another case, not every new version of this one (a saved judgment, a status).
    effect(() => {
      const id = this.caseId();
      if (id) untracked(() => this.load(id));
    });

    // A note started from a cost line or a rule: open the composer on it.
    effect(() => {
      const request = this.store.noteRequest();
      if (!request) return;
      untracked(() => {
        this.store.noteRequest.set(null);
        this.compose(request);
      });
    });
  }

  protected anchorLabel(anchor: NoteAnchor): string {
    if (anchor.type === 'application') return this.transloco.translate('notes.anchor.application');
    if (anchor.type === 'costLine') return this.lineLabel(anchor.ref ?? '');
    if (anchor.type === 'document') {
      // Written in the document viewer (Documents tab): on a document, or on one page of it.
      const page = parseDocumentRef(anchor.ref)?.page;
      return page
        ? this.transloco.translate('notes.anchor.documentPage', { page })
        : this.transloco.translate('notes.anchor.document');
    }
    return this.ruleLabel(anchor.ref ?? '');
  }

  protected authorName(note: Note): string {
    return personName(note.author, note.authorName);
  }

  protected isMine(note: Note): boolean {
    return personId(note.author) === this.me();
  }

  protected threadKey(anchor: NoteAnchor): string {
    return anchorKey(anchor);
  }

  /** Opens the composer on an anchor and puts the cursor in it. */
  protected compose(anchor: NoteAnchor): void {
    this.composer.controls.anchor.setValue(anchorKey(anchor));
    afterNextRender(() => this.composerBody()?.nativeElement.focus(), {
      injector: this.injector,
    });
  }

  protected load(id = this.store.detail()?.id): void {
    if (!id) return;
    this.loading.set(true);
    this.loadFailed.set(false);
    this.api.list(id).subscribe({
      next: (notes) => {
        this.loading.set(false);
        this.notes.set(notes);
      },
      error: () => {
        this.loading.set(false);
        this.loadFailed.set(true);
      },
    });
  }

  protected create(formDirective: FormGroupDirective): void {
    const id = this.store.detail()?.id;
    if (!id) return;
    if (this.composer.invalid) {
      this.composer.markAllAsTouched();
      return;
    }
    const { anchor: key, body } = this.composer.getRawValue();
    const anchor = parseAnchorKey(key) ?? { type: 'application', ref: null };
    this.saving.set(true);
    this.api.create(id, { body: body.trim(), anchor }).subscribe({
      next: (note) => {
        this.saving.set(false);
        this.notes.update((notes) => upsertNote(notes, note));
        this.draft.clear();
        // resetForm also clears the submitted state, so the emptied field shows no error.
        formDirective.resetForm({ anchor: key, body: '' });
        this.notifier.success(this.transloco.translate('notes.saved'));
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.notifier.notifyForm(err, this.composer);
      },
    });
  }

  protected startEdit(note: Note): void {
    this.marking.set(null);
    this.editing.set(note.id);
    this.editForm.reset({ body: note.body });
    afterNextRender(() => this.editBody()?.nativeElement.focus(), { injector: this.injector });
  }

  protected saveEdit(note: Note): void {
    const id = this.store.detail()?.id;
    if (!id) return;
    if (this.editForm.invalid) {
      this.editForm.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.api
      .edit(id, note.id, { body: this.editForm.getRawValue().body.trim(), version: note.version })
      .subscribe({
        next: (updated) => {
          this.saving.set(false);
          this.editing.set(null);
          this.notes.update((notes) => upsertNote(notes, updated));
          this.histories.update((h) => without(h, note.id));
          this.notifier.success(this.transloco.translate('notes.edited'));
        },
        error: (err: unknown) => {
          this.saving.set(false);
          this.notifier.notifyForm(err, this.editForm, { onReload: () => this.load() });
        },
      });
  }

  protected startMark(note: Note): void {
    this.editing.set(null);
    this.marking.set(note.id);
    this.errorForm.reset({ reason: '' });
    afterNextRender(() => this.errorReason()?.nativeElement.focus(), { injector: this.injector });
  }

  protected confirmMark(note: Note): void {
    const id = this.store.detail()?.id;
    if (!id) return;
    if (this.errorForm.invalid) {
      this.errorForm.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    const reason = this.errorForm.getRawValue().reason.trim();
    this.api.markEnteredInError(id, note.id, reason, note.version).subscribe({
      next: (updated) => {
        this.saving.set(false);
        this.marking.set(null);
        if (updated?.id) this.notes.update((notes) => upsertNote(notes, updated));
        else this.load();
        this.notifier.success(this.transloco.translate('notes.markedInError'));
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.notifier.notifyForm(err, this.errorForm, { onReload: () => this.load() });
      },
    });
  }

  protected toggleHistory(note: Note): void {
    const id = this.store.detail()?.id;
    if (!id) return;
    if (this.histories()[note.id]) {
      this.histories.update((h) => without(h, note.id));
      return;
    }
    this.api.history(id, note.id).subscribe({
      next: (revisions) => this.histories.update((h) => ({ ...h, [note.id]: revisions })),
      error: (err: unknown) => {
        if (toProblem(err).status !== 401) this.notifier.notify(err);
      },
    });
  }

  protected revisionAuthor(revision: NoteRevision): string {
    // An earlier version names its writer by username alone: show the display name.
    return this.people.name(revision.writtenBy);
  }

  private lineLabel(lineId: string): string {
    const line = this.store.detail()?.costLines.find((l) => l.id === lineId);
    return line
      ? this.transloco.translate('notes.anchor.costLine', {
          no: line.lineNo,
          description: line.description,
        })
      : this.transloco.translate('notes.anchor.unknownLine');
  }

  private ruleLabel(ref: string): string {
    const judgment = this.store.evaluation()?.judgments.find((j) => j.criterionId === ref);
    const name = judgment ? judgment.title[this.lang()] : this.transloco.translate(`rule.${ref}`);
    return this.transloco.translate('notes.anchor.rule', { id: ref, name });
  }
}
