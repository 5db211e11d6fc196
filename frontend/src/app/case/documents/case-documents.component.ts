import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { Observable } from 'rxjs';
import { Document, DocumentKind, DocumentScan } from '../../api/models';
import { DOCUMENT_KIND } from '../../api/models/document-kind-array';
import { DocumentsApi } from '../../core/api/documents.api';
import { WorkflowApi } from '../../core/api/workflow.api';
import { ErrorNotifier } from '../../core/errors/error-notifier.service';
import { toProblem } from '../../core/errors/problem';
import { LanguageService } from '../../core/i18n/language.service';
import { LocalDatePipe } from '../../shared/local-date.pipe';
import { CaseStore } from '../case.store';
import { DialoguePanelComponent } from '../dialogue/dialogue-panel.component';
import { DocumentViewerComponent } from './document-viewer.component';
import {
  MAX_DOCUMENT_BYTES,
  ViewedFile,
  formatFileSize,
  newestFirst,
  uploadProblemKey,
} from './documents.logic';

/** A row of the list: a document of the case, or a decision letter. */
interface Row {
  key: string;
  document: Document | null;
  letter: 'nb' | 'en' | null;
  file: ViewedFile;
}

/**
 * The Documents tab: the case's documents newest first and its decision letters, each opened in a
 * panel beside the list; upload and marking as entered in error for those who may; and the
 * dialogue with the applicant.
 */
@Component({
  selector: 'app-case-documents',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoDirective,
    LocalDatePipe,
    DocumentViewerComponent,
    DialoguePanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-documents.component.html',
  styleUrl: './case-documents.component.scss',
})
export class CaseDocumentsComponent {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(DocumentsApi);
  private readonly workflow = inject(WorkflowApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  private readonly languages = inject(LanguageService);

  protected readonly kinds = DOCUMENT_KIND;
  protected readonly documents = signal<Document[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadFailed = signal(false);

  protected readonly canUpload = computed(() => this.store.actions().has('add-document'));
  protected readonly canMark = computed(() => this.store.actions().has('mark-document-in-error'));
  protected readonly canNote = computed(() => this.store.actions().has('note'));

  protected readonly rows = computed<Row[]>(() => {
    const detail = this.store.detail();
    const t = (key: string) => this.transloco.translate(key);
    // Again once the chosen language's texts have loaded, so the letters' names follow it.
    this.languages.texts();
    const letters: Row[] =
      detail?.status === 'decided'
        ? (['nb', 'en'] as const).map((lang) => {
            const name = t(lang === 'nb' ? 'documents.letterNb' : 'documents.letterEn');
            return {
              key: `letter-${lang}`,
              document: null,
              letter: lang,
              file: {
                documentId: null,
                name,
                fileName: `${detail.reference}-${lang}.pdf`,
                contentType: 'application/pdf',
              },
            };
          })
        : [];
    const documents = newestFirst(this.documents()).map((d) => ({
      key: d.id,
      document: d,
      letter: null,
      file: {
        documentId: d.id,
        name: d.title || d.fileName,
        fileName: d.fileName,
        contentType: d.contentType,
      },
    }));
    return [...letters, ...documents];
  });

  /** The file open beside the list, and the element that opened it (the focus goes back there). */
  protected readonly viewed = signal<Row | null>(null);
  private opener: HTMLElement | null = null;

  /** The document being marked as entered in error. */
  protected readonly marking = signal<string | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/\S/)],
  });

  protected readonly chosen = signal<File | null>(null);
  protected readonly dragging = signal(false);
  protected readonly uploading = signal(false);
  protected readonly uploadError = signal<string | null>(null);
  protected readonly uploadForm = new FormGroup({
    kind: new FormControl<DocumentKind>('other', { nonNullable: true }),
    title: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
  });

  private loadedFor: string | null = null;

  constructor() {
    effect(() => {
      const detail = this.store.detail();
      if (!detail) return;
      // Reloaded when the case changes (a reply from the applicant brings documents with it).
      const key = `${detail.id}:${detail.version}:${detail.status}`;
      if (key === this.loadedFor) return;
      this.loadedFor = key;
      untracked(() => this.load());
    });
  }

  protected load(): void {
    const id = this.store.detail()?.id;
    if (!id) return;
    this.loading.set(true);
    this.loadFailed.set(false);
    this.api.list(id).subscribe({
      next: (documents) => {
        this.loading.set(false);
        this.documents.set(documents);
      },
      error: () => {
        this.loading.set(false);
        this.loadFailed.set(true);
      },
    });
  }

  protected size(bytes: number): string {
    return formatFileSize(bytes, this.languages.language());
  }

  /** The scanner's verdict as an icon beside its words (never the colour alone). */
  protected scanIcon(scan: DocumentScan): string {
    return scan === 'clean' ? 'verified_user' : 'remove_moderator';
  }

  protected kindLabel(row: Row): string {
    return this.transloco.translate(`documents.kinds.${row.document?.kind ?? 'letter'}`);
  }

  protected open(row: Row, event: Event): void {
    this.opener = event.currentTarget as HTMLElement | null;
    this.viewed.set(row);
  }

  /** Opens a document the dialogue names (an attachment of a reply). */
  protected openById(documentId: string, opener: HTMLElement | null): void {
    const row = this.rows().find((r) => r.document?.id === documentId);
    if (!row) return;
    this.opener = opener;
    this.viewed.set(row);
  }

  protected closeViewer(): void {
    this.viewed.set(null);
    const opener = this.opener;
    this.opener = null;
    setTimeout(() => opener?.focus());
  }

  protected loader(row: Row): () => Observable<Blob> {
    const id = this.store.detail()?.id ?? '';
    if (row.letter) {
      const lang = row.letter;
      return () => this.workflow.letter(id, lang);
    }
    const documentId = row.document?.id ?? '';
    return () => this.api.content(id, documentId);
  }

  protected readonly loaders = computed(() => {
    const map = new Map<string, () => Observable<Blob>>();
    for (const row of this.rows()) map.set(row.key, this.loader(row));
    return map;
  });

  protected startMarking(documentId: string): void {
    this.reason.reset('');
    this.marking.set(documentId);
  }

  protected cancelMarking(): void {
    this.marking.set(null);
  }

  protected mark(document: Document): void {
    const id = this.store.detail()?.id;
    if (!id) return;
    if (this.reason.invalid) {
      // The field stands in no form group: the console's error matcher shows its error once it is
      // dirty and touched (shared/submitted-error-state.ts), so an empty send makes it both.
      this.reason.markAsDirty();
      this.reason.markAsTouched();
      return;
    }
    this.api.markEnteredInError(id, document.id, this.reason.value.trim()).subscribe({
      next: (updated) => {
        this.marking.set(null);
        this.documents.update((all) => all.map((d) => (d.id === updated.id ? updated : d)));
        this.notifier.success(
          this.transloco.translate('documents.marked', { name: updated.title || updated.fileName }),
        );
      },
      error: (err: unknown) => this.notifier.notify(err, { onReload: () => this.store.reload() }),
    });
  }

  protected onFileChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.choose(input.files?.[0] ?? null);
  }

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(true);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.choose(event.dataTransfer?.files?.[0] ?? null);
  }

  private choose(file: File | null): void {
    this.uploadError.set(null);
    this.chosen.set(file);
  }

  protected upload(): void {
    const id = this.store.detail()?.id;
    const file = this.chosen();
    if (!id || this.uploading()) return;
    const t = (key: string, params?: Record<string, unknown>) =>
      this.transloco.translate(key, params);
    if (!file) {
      this.uploadError.set(t('documents.upload.noFile'));
      return;
    }
    // The server refuses it anyway (413): no need to send 25 MB to hear so.
    if (file.size > MAX_DOCUMENT_BYTES) {
      this.uploadError.set(t('documents.upload.tooLarge'));
      return;
    }
    const { kind, title } = this.uploadForm.getRawValue();
    this.uploading.set(true);
    this.uploadError.set(null);
    this.api.upload(id, file, kind, title.trim() || undefined).subscribe({
      next: (document) => {
        this.uploading.set(false);
        this.chosen.set(null);
        this.uploadForm.reset({ kind: 'other', title: '' });
        this.documents.update((all) => [document, ...all.filter((d) => d.id !== document.id)]);
        this.notifier.success(
          t('documents.upload.done', { name: document.title || document.fileName }),
        );
      },
      error: (err: unknown) => {
        this.uploading.set(false);
        const key = uploadProblemKey(toProblem(err));
        if (key) this.uploadError.set(t(key));
        else {
          this.uploadError.set(t('documents.upload.failed'));
          this.notifier.notify(err, { onReload: () => this.store.reload() });
        }
      },
    });
  }
}
