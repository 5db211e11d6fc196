import { HttpStatus } from '@nestjs/common';
import { problemFactory } from '../common/errors';

/** The problems of documents: what an upload may be, and finding one. */
export const DOCUMENT_PROBLEMS = {
  'document-not-found': { status: HttpStatus.NOT_FOUND, title: 'Document not found' },
  'document-too-large': { status: HttpStatus.PAYLOAD_TOO_LARGE, title: 'The file is too large' },
  'unsupported-document-type': { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, title: 'The file is not an allowed kind' },
  'multipart-required': { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, title: 'Send the document as multipart/form-data' },
  'document-in-error': { status: HttpStatus.CONFLICT, title: 'The document is marked as entered in error' },
  'document-infected': { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'The malware scanner refused the file' },
  'scanner-unavailable': { status: HttpStatus.SERVICE_UNAVAILABLE, title: 'The malware scanner cannot be reached' },
  'document-content-missing': { status: HttpStatus.SERVICE_UNAVAILABLE, title: "The document's content cannot be read from the store" },
} as const;

export const documentProblem = problemFactory(DOCUMENT_PROBLEMS);
