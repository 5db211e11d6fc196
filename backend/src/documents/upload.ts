import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { FieldError } from '../common/problem';
import { Problem } from '../common/problem';
import { hasLongWord, TEXT_MESSAGES, textFault } from '../common/validation';
import {
  ContentInspector,
  ContentRefused,
  DOCUMENT_CONTENT_TYPES,
  DocumentContentType,
  DocumentFormat,
  MAX_DOCUMENT_BYTES,
} from './content-type';
import { DOCUMENT_KINDS, DocumentKind } from './document-kinds';
import { documentProblem } from './documents.errors';
import { ClamdSettings, ClamdTap, DocumentInfected, ScannerUnavailable } from './scan/clamd';
import type { DocumentScan } from './documents.repository';
import type { DocumentStore, StoredBlob } from './storage/document-store';

/** What an upload's form may hold besides the file: its fields, their headers and boundaries. */
const FORM_ALLOWANCE = 64 * 1024;
/** The longest title and file name kept. */
export const MAX_TITLE = 200;
export const MAX_FILE_NAME = 255;
/** How long the rest of a refused upload is read (and thrown away) so the client sees the answer, not a reset connection. */
const DRAIN_MS = 15_000;

/** An upload as received: the form's fields, and the file as the store keeps it. */
export interface ReceivedUpload {
  kind: DocumentKind;
  title: string | null;
  fileName: string;
  contentType: DocumentContentType;
  format: DocumentFormat;
  blob: StoredBlob;
  /** `clean` when a scanner found nothing; `not_scanned` when none is configured. */
  scan: DocumentScan;
}

/**
 * Reads a document upload, `multipart/form-data` with the fields `file`, `kind` and an optional
 * `title` in any order, and stores the file as it streams in: never held whole, its kind
 * recognised from its bytes (ContentInspector) and its SHA-256 computed by the store. A refusal
 * (too large, not an allowed kind, a bad field, fields after the file included) reaches the store
 * before it keeps anything, so nothing of a refused upload is stored. The rest of a refused
 * upload is read and discarded before the answer, for at most 15 seconds.
 *
 * With a scanner (`clamd`) the bytes also stream through clamd on their way to the store
 * (ClamdTap), which ends only on a clean verdict: malware refuses the upload with 422
 * (document-infected, naming the signature) and a scanner that cannot be reached or answers no
 * verdict with 503 (scanner-unavailable); either way the store keeps nothing.
 */
export async function receiveUpload(
  request: FastifyRequest,
  store: DocumentStore,
  clamd: ClamdSettings | null = null,
): Promise<ReceivedUpload> {
  if (!request.isMultipart()) {
    throw documentProblem(
      'multipart-required',
      `Send the document as multipart/form-data with the fields file, kind and title, not ${request.headers['content-type'] ?? 'without a type'}`,
    );
  }
  const declared = Number(request.headers['content-length']);
  if (declared > MAX_DOCUMENT_BYTES + FORM_ALLOWANCE) throw tooLarge();

  let form: Form | null = null;
  let file: MultipartFile | null = null;
  try {
    form = new Form(
      request
        .parts({
          limits: {
            fileSize: MAX_DOCUMENT_BYTES + 1, // one byte past the limit tells the inspector it is too large
            files: 1,
            fields: 4,
            fieldSize: 4096,
            fieldNameSize: 64,
            parts: 6,
            headerPairs: 20,
          },
        })
        [Symbol.asyncIterator](),
    );
    file = await form.fieldsUntilFile();
    const fileName = form.fileName(file);
    form.check(false);
    const inspector = new ContentInspector();
    // A refusal may come before the store reads (it waits for a connection): the store finds it then.
    inspector.on('error', () => undefined);
    file.file.on('error', (error) => inspector.destroy(error));
    file.file.pipe(inspector);
    let content: Readable = inspector;
    if (clamd) {
      const tap = new ClamdTap(clamd);
      tap.on('error', () => undefined);
      inspector.on('error', (error) => tap.destroy(error));
      content = inspector.pipe(tap);
    }
    const blob = await store.put(content, {
      // The fields that came after the file: a bad one refuses the upload before anything is kept.
      accept: async () => {
        await form!.rest();
        form!.check(true);
      },
    });
    const fields = form.check(true);
    return {
      ...fields,
      fileName: fileName || `dokument.${inspector.format}`,
      format: inspector.format,
      contentType: inspector.contentType,
      blob,
      scan: clamd ? 'clean' : 'not_scanned',
    };
  } catch (error) {
    const problem = asProblem(error);
    if (form && !(await form.drain(file?.file))) problem.withHeader('connection', 'close');
    throw problem;
  }
}

const tooLarge = () => documentProblem('document-too-large', `A document may be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);

/** What busboy says of a body that is not well-formed multipart/form-data. */
const BUSBOY_FAULT = /^(Unexpected end of multipart data|Multipart: Boundary not found|(Part|Preamble) terminated early)/;

function asProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof DocumentInfected) {
    return documentProblem('document-infected', `${error.message}; it is not stored`, { scan: 'refused', signature: error.signature });
  }
  if (error instanceof ScannerUnavailable) {
    return documentProblem('scanner-unavailable', `${error.message}; nothing is stored, send the document again later`);
  }
  if (error instanceof ContentRefused)
    return error.reason === 'too-large' ? tooLarge() : documentProblem('unsupported-document-type', error.message);
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if ((typeof code === 'string' && code.startsWith('FST_')) || BUSBOY_FAULT.test((error as Error)?.message ?? '')) {
    const message =
      code === 'FST_FILES_LIMIT'
        ? 'one file, in the field file'
        : code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT'
          ? 'the form has the fields file, kind and title, and nothing more'
          : `not a readable multipart/form-data body (${(error as Error).message})`;
    return Problem.validation([{ path: '$', message }]);
  }
  throw error;
}

/** The form's parts as they arrive, and what its fields say. */
class Form {
  private readonly fields = new Map<string, string>();
  private readonly errors: FieldError[] = [];
  private done = false;

  constructor(private readonly parts: AsyncIterator<Multipart>) {}

  /** Reads fields up to the file; the file's part, or a refusal when the form has none. */
  async fieldsUntilFile(): Promise<MultipartFile> {
    for (let part = await this.next(); part; part = await this.next()) {
      if (part.type === 'file') {
        if (part.fieldname === 'file') return part;
        this.errors.push({ path: `$.${part.fieldname}`, message: 'the form has one file, in the field file' });
        part.file.resume();
      } else {
        this.field(part.fieldname, part.value);
      }
    }
    throw Problem.validation([...this.errors, { path: '$.file', message: 'the file is missing: send it in the field file' }]);
  }

  /** Reads the fields after the file. */
  async rest(): Promise<void> {
    for (let part = await this.next(); part; part = await this.next()) {
      if (part.type === 'file') {
        part.file.resume();
        this.errors.push({ path: `$.${part.fieldname}`, message: 'the form has one file, in the field file' });
      } else {
        this.field(part.fieldname, part.value);
      }
    }
  }

  /** The fields, or a refusal naming each bad one; `complete` once the whole form has been read (kind is then required). */
  check(complete: boolean): { kind: DocumentKind; title: string | null } {
    const errors = [...this.errors];
    const kind = this.fields.get('kind');
    if (kind !== undefined ? !(DOCUMENT_KINDS as readonly string[]).includes(kind) : complete) {
      errors.push({ path: '$.kind', message: `kind must be one of ${DOCUMENT_KINDS.join(', ')}` });
    }
    const title = this.fields.get('title')?.trim() || null;
    if (title !== null) {
      const fault = textFault(title, { lineBreaks: false });
      if (fault) errors.push({ path: '$.title', message: fault });
      else if (title.length > MAX_TITLE) errors.push({ path: '$.title', message: `at most ${MAX_TITLE} characters` });
      else if (hasLongWord(title)) errors.push({ path: '$.title', message: TEXT_MESSAGES.longWord });
    }
    if (errors.length) throw Problem.validation(errors);
    return { kind: kind as DocumentKind, title };
  }

  /** The file's name as sent, without any folders; empty when it has none. */
  fileName(file: MultipartFile): string {
    const name = (file.filename ?? '').split(/[\\/]/).pop()!.trim();
    const fault = textFault(name, { lineBreaks: false });
    if (fault) this.errors.push({ path: '$.file', message: `the file name ${fault}` });
    else if (name.length > MAX_FILE_NAME)
      this.errors.push({ path: '$.file', message: `the file name may be at most ${MAX_FILE_NAME} characters` });
    return name;
  }

  /** Reads and throws away what is left of the request; false when it took too long. */
  async drain(file: Readable | undefined): Promise<boolean> {
    const rest = (async () => {
      file?.resume();
      try {
        for (let part = await this.next(); part; part = await this.next()) if (part.type === 'file') part.file.resume();
      } catch {
        // A broken rest of the form: nothing more to read.
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DRAIN_MS)));
    try {
      return await Promise.race([rest.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private field(name: string, value: unknown): void {
    if (name !== 'kind' && name !== 'title') {
      this.errors.push({ path: `$.${name}`, message: 'the form has the fields file, kind and title, and nothing more' });
    } else if (this.fields.has(name)) {
      this.errors.push({ path: `$.${name}`, message: 'given twice' });
    } else {
      this.fields.set(name, typeof value === 'string' ? value : String(value));
    }
  }

  private async next(): Promise<Multipart | null> {
    if (this.done) return null;
    const { value, done } = await this.parts.next();
    if (done) this.done = true;
    return done ? null : value;
  }
}

/** The content type a document is served with (CSV says its character set). */
export function servedContentType(contentType: string): string {
  return contentType === DOCUMENT_CONTENT_TYPES.csv ? `${contentType}; charset=utf-8` : contentType;
}
