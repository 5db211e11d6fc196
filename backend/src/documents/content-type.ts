import { Transform, TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';

/** The most a document may hold: 25 MB (docs/api.md, "Documents"). */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/** The kinds of file a document may be, each with the content type it is served with. */
export const DOCUMENT_CONTENT_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv',
} as const;
export type DocumentFormat = keyof typeof DOCUMENT_CONTENT_TYPES;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[DocumentFormat];

/** Why the bytes are refused: more than the limit (413), or not one of the allowed kinds (415). */
export class ContentRefused extends Error {
  constructor(
    readonly reason: 'too-large' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

const PDF = Buffer.from('%PDF-');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Enough of the start to tell every allowed kind apart. */
const HEAD = 8;
/** The end of a ZIP kept to read its central directory: room for thousands of entries, far more than an Office file has. */
const ZIP_TAIL = 512 * 1024;
/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- the control characters a CSV text may not hold
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

type Mode = { kind: 'undecided' } | { kind: 'fixed'; format: DocumentFormat } | { kind: 'zip' } | { kind: 'csv'; decoder: TextDecoder };

/**
 * Passes a file's bytes through while it counts them and recognises what they are, from the bytes
 * alone (never the name or the client's content type): PDF, PNG and JPEG by their magic numbers;
 * XLSX and DOCX as ZIP containers whose central directory names the workbook or the document part
 * (a plain ZIP, or a macro-enabled Office file, is refused); CSV as UTF-8 text without NUL or other
 * control characters. It fails the stream with ContentRefused as soon as it knows: at the byte past
 * the limit, at the first bytes of an unknown kind, at the first control character of a text.
 * Holds nothing but the first bytes and, for a ZIP, its last 512 KiB.
 */
export class ContentInspector extends Transform {
  private size = 0;
  private head = Buffer.alloc(0);
  /** The chunks that came before the kind was known, inspected once it is. */
  private pending: Buffer[] = [];
  private mode: Mode = { kind: 'undecided' };
  private tail: Buffer[] = [];
  private tailLength = 0;
  private detected: DocumentFormat | null = null;

  constructor(private readonly limit = MAX_DOCUMENT_BYTES) {
    super();
  }

  /** What the bytes are, once the stream has ended without a refusal. */
  get format(): DocumentFormat {
    if (!this.detected) throw new Error('the content has not been inspected to its end');
    return this.detected;
  }

  get contentType(): DocumentContentType {
    return DOCUMENT_CONTENT_TYPES[this.format];
  }

  get bytes(): number {
    return this.size;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.size += chunk.length;
      if (this.size > this.limit) {
        throw new ContentRefused('too-large', `The file is larger than ${this.limit / 1024 / 1024} MB`);
      }
      if (this.mode.kind === 'undecided') {
        this.pending.push(chunk);
        this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD - this.head.length)]);
        if (this.head.length >= HEAD) this.decidePending();
      } else {
        this.inspect(chunk);
      }
      done(null, chunk);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.mode.kind === 'undecided') {
        if (this.size === 0) throw new ContentRefused('unsupported', 'The file is empty');
        this.decidePending();
      }
      this.detected = this.finish();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private decidePending(): void {
    this.decide();
    const pending = this.pending;
    this.pending = [];
    for (const chunk of pending) this.inspect(chunk);
  }

  private decide(): void {
    const head = this.head;
    if (startsWith(head, PDF)) this.mode = { kind: 'fixed', format: 'pdf' };
    else if (startsWith(head, PNG)) this.mode = { kind: 'fixed', format: 'png' };
    else if (startsWith(head, JPEG)) this.mode = { kind: 'fixed', format: 'jpeg' };
    else if (startsWith(head, ZIP)) this.mode = { kind: 'zip' };
    // Anything else may only be text: CSV, checked as it arrives.
    else this.mode = { kind: 'csv', decoder: new TextDecoder('utf-8', { fatal: true }) };
  }

  private inspect(chunk: Buffer): void {
    const mode = this.mode;
    if (mode.kind === 'zip') {
      this.tail.push(chunk);
      this.tailLength += chunk.length;
      while (this.tailLength - this.tail[0].length >= ZIP_TAIL) this.tailLength -= this.tail.shift()!.length;
    } else if (mode.kind === 'csv') {
      let text: string;
      try {
        text = mode.decoder.decode(chunk, { stream: true });
      } catch {
        throw notAllowed('it is not UTF-8 text');
      }
      if (CONTROL.test(text)) throw notAllowed('it holds NUL or other control characters, so it is no CSV text');
    }
  }

  private finish(): DocumentFormat {
    const mode = this.mode;
    if (mode.kind === 'fixed') return mode.format;
    if (mode.kind === 'csv') {
      try {
        mode.decoder.decode();
      } catch {
        throw notAllowed('it is not UTF-8 text (it ends inside a character)');
      }
      return 'csv';
    }
    if (mode.kind === 'zip') return officeFormat(zipEntryNames(Buffer.concat(this.tail), this.size));
    throw new Error('undecided');
  }
}

function notAllowed(why: string): ContentRefused {
  return new ContentRefused(
    'unsupported',
    `The file is not one of the allowed kinds (PDF, PNG, JPEG, XLSX, DOCX, CSV), recognised by its bytes: ${why}`,
  );
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.subarray(0, prefix.length).equals(prefix);
}

/** XLSX or DOCX by the parts an Office Open XML package has; anything else in a ZIP is refused. */
function officeFormat(names: Set<string>): DocumentFormat {
  if (names.has('xl/vbaProject.bin') || names.has('word/vbaProject.bin')) {
    throw notAllowed('it is a macro-enabled Office file');
  }
  if (names.has('[Content_Types].xml')) {
    if (names.has('xl/workbook.xml')) return 'xlsx';
    if (names.has('word/document.xml')) return 'docx';
  }
  throw notAllowed('it is a ZIP archive, but neither an XLSX workbook nor a DOCX document');
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;

/**
 * The entry names of a ZIP, from its central directory, read from the end of the file: `tail`
 * holds the file's last bytes and `size` is the whole file's length.
 */
export function zipEntryNames(tail: Buffer, size: number): Set<string> {
  const broken = notAllowed('it starts like a ZIP archive but is not a whole one');
  // The end-of-central-directory record: 22 bytes and a comment of up to 65535.
  let eocd = -1;
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 65535); at--) {
    if (tail.readUInt32LE(at) === EOCD && at + 22 + tail.readUInt16LE(at + 20) === tail.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw broken;
  let entries = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directoryOffset === 0xffffffff || directorySize === 0xffffffff || entries === 0xffff) {
    // ZIP64: a locator just before the record points at the ZIP64 record with the real figures.
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR) throw broken;
    const record = Number(tail.readBigUInt64LE(locator + 8)) - (size - tail.length);
    if (record < 0 || record + 56 > tail.length || tail.readUInt32LE(record) !== ZIP64_EOCD) throw broken;
    entries = Number(tail.readBigUInt64LE(record + 32));
    directorySize = Number(tail.readBigUInt64LE(record + 40));
    directoryOffset = Number(tail.readBigUInt64LE(record + 48));
  }
  let at = directoryOffset - (size - tail.length);
  if (at < 0) throw notAllowed('its ZIP directory is larger than an Office file needs');
  if (directoryOffset + directorySize > size) throw broken;
  const names = new Set<string>();
  for (let i = 0; i < entries; i++) {
    if (at + 46 > tail.length || tail.readUInt32LE(at) !== CENTRAL_ENTRY) throw broken;
    const nameLength = tail.readUInt16LE(at + 28);
    const extraLength = tail.readUInt16LE(at + 30);
    const commentLength = tail.readUInt16LE(at + 32);
    if (at + 46 + nameLength > tail.length) throw broken;
    names.add(tail.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
