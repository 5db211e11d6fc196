import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { Observable, Subscription } from 'rxjs';
import { Note } from '../../api/models';
import { NotesApi } from '../../core/api/notes.api';
import { personName } from '../../core/api/workflow.models';
import { ErrorNotifier } from '../../core/errors/error-notifier.service';
import { LocalDatePipe } from '../../shared/local-date.pipe';
import { ViewedFile, documentRef, notesOn, viewerKind } from './documents.logic';
import type { PdfRenderer } from './pdf-renderer';
import type { TableData } from './table-data';

type State = 'loading' | 'ready' | 'failed';

/**
 * A document beside the case: a PDF page by page (pdf.js), an image, a CSV or XLSX file as a
 * table, anything else offered as a download; with the notes on the page shown and a new one
 * written there. Escape closes it (the list puts the focus back where it was).
 */
@Component({
  selector: 'app-document-viewer',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoDirective,
    LocalDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './document-viewer.component.html',
  styleUrl: './document-viewer.component.scss',
  host: { '(document:keydown.escape)': 'onEscape($event)' },
})
export class DocumentViewerComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly notesApi = inject(NotesApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);

  readonly caseId = input.required<string>();
  readonly file = input.required<ViewedFile>();
  /** Fetches the file's bytes (with the token). */
  readonly load = input.required<() => Observable<Blob>>();
  readonly canWriteNotes = input(false);
  readonly closed = output<void>();

  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly noteBody = viewChild<ElementRef<HTMLTextAreaElement>>('noteBody');
  private readonly newNote = viewChild('newNote', { read: ElementRef<HTMLElement> });
  private readonly previousButton = viewChild('previousButton', { read: ElementRef<HTMLElement> });
  private readonly nextButton = viewChild('nextButton', { read: ElementRef<HTMLElement> });

  protected readonly kind = computed(() => viewerKind(this.file().contentType));
  protected readonly state = signal<State>('loading');
  protected readonly page = signal(1);
  protected readonly pages = signal(0);
  protected readonly pageText = signal('');
  protected readonly imageUrl = signal<string | null>(null);
  protected readonly downloadUrl = signal<string | null>(null);
  protected readonly sheets = signal<{ name: string; table: TableData }[]>([]);
  protected readonly sheetIndex = signal(0);
  protected readonly sheet = computed(() => this.sheets()[this.sheetIndex()] ?? null);

  protected readonly notes = signal<Note[]>([]);
  protected readonly notesFailed = signal(false);
  /** The page the notes are about: the page shown of a PDF, the document as a whole otherwise. */
  protected readonly notePage = computed(() => (this.kind() === 'pdf' ? this.page() : null));
  protected readonly pageNotes = computed(() => {
    const id = this.file().documentId;
    return id ? notesOn(this.notes(), id, this.notePage()) : [];
  });
  protected readonly composing = signal(false);
  protected readonly saving = signal(false);
  protected readonly noteControl = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/\S/)],
  });
  protected readonly pageControl = new FormControl(1, { nonNullable: true });

  private renderer: PdfRenderer | null = null;
  private openKey: string | null = null;
  private loading: Subscription | null = null;

  constructor() {
    effect(() => {
      const file = this.file();
      const load = this.load();
      // The list is read again when the case changes: the same file stays open where it was.
      const key = `${file.documentId ?? file.fileName}:${file.contentType}`;
      if (key === this.openKey) return;
      this.openKey = key;
      untracked(() => this.open(file, load));
    });
    effect(() => {
      const page = this.page();
      if (this.state() === 'ready' && this.kind() === 'pdf') {
        untracked(() => {
          this.pageControl.setValue(page, { emitEvent: false });
          void this.drawPage(page);
        });
      }
    });
    inject(DestroyRef).onDestroy(() => this.release());
    afterNextRender(() => this.heading()?.nativeElement.focus());
  }

  protected close(): void {
    this.closed.emit();
  }

  protected onEscape(event: Event): void {
    // Escape closes the viewer from within it, or when the focus is nowhere (on the page's body);
    // not from elsewhere on the page (a menu or a field there has its own use for it).
    const target = event.target as HTMLElement | null;
    const inside = !!target && this.host.nativeElement.contains(target);
    if (event.defaultPrevented || !(inside || target === document.body)) return;
    // Escape in the note being written leaves the note, not the document.
    if (this.composing() && (event.target as HTMLElement | null)?.closest('form')) {
      event.stopPropagation();
      this.cancelNote();
      return;
    }
    event.stopPropagation();
    this.close();
  }

  protected previous(): void {
    if (this.page() > 1) this.page.update((p) => p - 1);
    // The button is disabled on the first page: the focus moves on rather than being lost.
    if (this.page() === 1) setTimeout(() => this.nextButton()?.nativeElement.focus());
  }

  protected next(): void {
    if (this.page() < this.pages()) this.page.update((p) => p + 1);
    if (this.page() === this.pages())
      setTimeout(() => this.previousButton()?.nativeElement.focus());
  }

  protected goToPage(): void {
    const wanted = Math.round(Number(this.pageControl.value));
    const page = Math.min(Math.max(1, Number.isFinite(wanted) ? wanted : 1), this.pages());
    this.pageControl.setValue(page, { emitEvent: false });
    this.page.set(page);
  }

  protected startNote(): void {
    this.noteControl.reset('');
    this.composing.set(true);
    setTimeout(() => this.noteBody()?.nativeElement.focus());
  }

  protected cancelNote(): void {
    this.composing.set(false);
    setTimeout(() => this.newNote()?.nativeElement.focus());
  }

  protected saveNote(): void {
    const documentId = this.file().documentId;
    if (!documentId || this.saving()) return;
    if (this.noteControl.invalid) {
      this.noteControl.markAsTouched();
      this.noteBody()?.nativeElement.focus();
      return;
    }
    this.saving.set(true);
    this.notesApi
      .create(this.caseId(), {
        body: this.noteControl.value.trim(),
        anchor: { type: 'document', ref: documentRef(documentId, this.notePage()) },
      })
      .subscribe({
        next: (note) => {
          this.saving.set(false);
          this.composing.set(false);
          this.notes.update((all) => [...all, note]);
          // The form is gone: the keyboard stays in the viewer, on the button that wrote it.
          setTimeout(() => this.newNote()?.nativeElement.focus());
          this.notifier.success(this.transloco.translate('documents.notes.saved'));
        },
        error: (err: unknown) => {
          this.saving.set(false);
          this.notifier.notify(err);
        },
      });
  }

  protected authorName(note: Note): string {
    return personName(note.author, note.authorName);
  }

  protected selectSheet(index: number): void {
    this.sheetIndex.set(index);
  }

  private open(file: ViewedFile, load: () => Observable<Blob>): void {
    this.release();
    this.state.set('loading');
    this.page.set(1);
    this.pages.set(0);
    this.sheets.set([]);
    this.sheetIndex.set(0);
    this.composing.set(false);
    this.loadNotes(file);
    this.loading = load().subscribe({
      next: (blob) => void this.show(file, blob),
      error: () => this.state.set('failed'),
    });
  }

  private async show(file: ViewedFile, blob: Blob): Promise<void> {
    try {
      const url = URL.createObjectURL(blob);
      this.downloadUrl.set(url);
      switch (viewerKind(file.contentType)) {
        case 'pdf':
          {
            // pdf.js and its worker load only when a PDF is opened.
            const { PdfRenderer } = await import('./pdf-renderer');
            this.renderer = await PdfRenderer.open(await blob.arrayBuffer());
          }
          if (this.openKey !== `${file.documentId ?? file.fileName}:${file.contentType}`) return;
          this.pages.set(this.renderer.pages);
          break;
        case 'image':
          this.imageUrl.set(url);
          break;
        case 'csv':
          {
            // The table readers (papaparse, read-excel-file) load only when a table is opened.
            const { parseCsv } = await import('./table-data');
            this.sheets.set([{ name: file.fileName, table: parseCsv(await blob.text()) }]);
          }
          break;
        case 'xlsx':
          {
            const { parseXlsx } = await import('./table-data');
            this.sheets.set(await parseXlsx(blob));
          }
          break;
        default:
          break;
      }
      this.state.set('ready');
    } catch {
      this.state.set('failed');
    }
  }

  private async drawPage(page: number): Promise<void> {
    // The canvas is in the view once the state is ready; wait for it.
    await new Promise((resolve) => setTimeout(resolve));
    const canvas = this.canvas()?.nativeElement;
    if (!canvas || !this.renderer) return;
    const width = Math.min(canvas.parentElement?.clientWidth ?? 600, 1000);
    try {
      this.pageText.set(await this.renderer.render(page, canvas, Math.max(200, width)));
    } catch (error) {
      // A cancelled render (the page was turned again meanwhile) is not a failure.
      if ((error as { name?: string } | null)?.name !== 'RenderingCancelledException') {
        this.state.set('failed');
      }
    }
  }

  private loadNotes(file: ViewedFile): void {
    this.notes.set([]);
    this.notesFailed.set(false);
    if (!file.documentId) return;
    this.notesApi.list(this.caseId()).subscribe({
      next: (notes) => this.notes.set(notes.filter((n) => n.anchor.type === 'document')),
      error: () => this.notesFailed.set(true),
    });
  }

  private release(): void {
    this.loading?.unsubscribe();
    this.loading = null;
    this.renderer?.destroy();
    this.renderer = null;
    const url = this.downloadUrl();
    if (url) URL.revokeObjectURL(url);
    this.downloadUrl.set(null);
    this.imageUrl.set(null);
  }
}
