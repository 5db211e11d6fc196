import { Document, Note } from '../../api/models';
import { Problem, problemCode } from '../../core/errors/problem';

/** How the viewer shows a file: drawn page by page, as an image, as a table, or not at all. */
export type ViewerKind = 'pdf' | 'image' | 'csv' | 'xlsx' | 'download';

const VIEWER_KINDS: Record<string, ViewerKind> = {
  'application/pdf': 'pdf',
  'image/png': 'image',
  'image/jpeg': 'image',
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

export function viewerKind(contentType: string): ViewerKind {
  return VIEWER_KINDS[contentType.split(';')[0].trim().toLowerCase()] ?? 'download';
}

/** What the viewer shows: a document of the case, or a decision letter (which has no id). */
export interface ViewedFile {
  /** The document's id; null for a letter. */
  documentId: string | null;
  name: string;
  fileName: string;
  contentType: string;
}

/**
 * The anchor ref of a note on a document (`<documentId>`) or on one of its pages
 * (`<documentId>#p<page>`, pages from 1), as the server takes it.
 */
export function documentRef(documentId: string, page: number | null = null): string {
  return page === null ? documentId : `${documentId}#p${page}`;
}

const DOCUMENT_REF =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:#p([1-9]\d*))?$/;

export function parseDocumentRef(
  ref: string | null | undefined,
): { documentId: string; page: number | null } | null {
  const match = DOCUMENT_REF.exec(ref ?? '');
  if (!match) return null;
  return { documentId: match[1], page: match[2] ? Number(match[2]) : null };
}

/** The notes on a page of a document (page null: on the document as a whole), oldest first. */
export function notesOn(notes: readonly Note[], documentId: string, page: number | null): Note[] {
  const ref = documentRef(documentId, page);
  return notes.filter((n) => n.anchor.type === 'document' && n.anchor.ref === ref);
}

/** A size the way people read it: "820 B", "14,2 kB", "3,4 MB" (decimal units, the language's decimal mark). */
export function formatFileSize(bytes: number, language: 'nb' | 'en'): string {
  const format = (n: number, digits: number) =>
    new Intl.NumberFormat(language === 'nb' ? 'nb-NO' : 'en-GB', {
      maximumFractionDigits: digits,
    }).format(n);
  if (bytes < 1000) return `${format(bytes, 0)}\u00a0B`;
  if (bytes < 1_000_000) return `${format(bytes / 1000, bytes < 10_000 ? 1 : 0)}\u00a0kB`;
  return `${format(bytes / 1_000_000, bytes < 10_000_000 ? 1 : 0)}\u00a0MB`;
}

/** Documents newest first (the server's order), without relying on it. */
export function newestFirst(documents: readonly Document[]): Document[] {
  return [...documents].sort(
    (a, b) => b.uploadedAt.localeCompare(a.uploadedAt) || b.id.localeCompare(a.id),
  );
}

/**
 * The translation key of a refused upload the user can act on, said under the form; null for the
 * others. The malware scanner's verdicts (a file refused, the scanner away) are said there too.
 */
export function uploadProblemKey(problem: Problem): string | null {
  if (problem.status === 413) return 'documents.upload.tooLarge';
  if (problem.status === 415) return 'documents.upload.unsupported';
  const code = problemCode(problem);
  if (code === 'document-infected' || code === 'scanner-unavailable')
    return `errors.problem.${code}`;
  return null;
}

export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
