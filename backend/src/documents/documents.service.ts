import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Actor } from '../auth/actor';
import { CasesService } from '../cases';
import { Db, iso } from '../common/sql';
import { documentProblem } from './documents.errors';
import { DocumentRow, DocumentsRepository } from './documents.repository';
import { BlobNotFound, DocumentStore } from './storage/document-store';
import { Scanner } from './scan/scanner';
import { receiveUpload, servedContentType } from './upload';

export type DocumentView = ReturnType<typeof toDocument>;

/**
 * Documents on a case: the portal adds them for the applicant and the assigned caseworker adds
 * their own; each upload is stored once by its SHA-256 (DocumentStore) and recorded as an event
 * of the case, which leaves the case's version alone (like a note). Never deleted: a wrong one is
 * marked as entered in error, with the reason.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly repository: DocumentsRepository,
    private readonly cases: CasesService,
    private readonly store: DocumentStore,
    private readonly scanner: Scanner,
  ) {}

  async upload(applicationId: string, actor: Actor, request: FastifyRequest): Promise<DocumentView> {
    // Who may, and whether the case takes documents, before a byte of the file is read.
    await this.cases.permit(applicationId, actor, 'add-document');
    const upload = await receiveUpload(request, this.store, this.scanner.settings);
    const { result } = await this.cases.change({ caseId: applicationId, actor, action: 'add-document', versioned: false }, async (tx) => {
      const document = {
        kind: upload.kind,
        title: upload.title,
        fileName: upload.fileName,
        contentType: upload.contentType,
        size: upload.blob.size,
        sha256: upload.blob.sha256,
        scan: upload.scan,
      };
      const documentId = await this.repository.insert(tx, applicationId, document, actor);
      return {
        event: { kind: 'document', data: { documentId, after: document } },
        result: await this.one(applicationId, documentId, tx),
      };
    });
    return toDocument(result);
  }

  async list(applicationId: string): Promise<DocumentView[]> {
    await this.cases.status(applicationId);
    return (await this.repository.list(applicationId)).map(toDocument);
  }

  /** A document's record and its bytes, streamed from the store. */
  async content(
    applicationId: string,
    documentId: string,
  ): Promise<{ document: DocumentView; contentType: string; open: () => Promise<Readable> }> {
    await this.cases.status(applicationId);
    const document = toDocument(await this.one(applicationId, documentId));
    return {
      document,
      contentType: servedContentType(document.contentType),
      open: async () => {
        try {
          return await this.store.get(document.sha256);
        } catch (error) {
          if (error instanceof BlobNotFound) {
            throw documentProblem(
              'document-content-missing',
              `The ${this.store.name} document store has no content with SHA-256 ${document.sha256} (was DOCUMENT_STORE changed?)`,
            );
          }
          throw error;
        }
      },
    };
  }

  async markEnteredInError(applicationId: string, documentId: string, actor: Actor, reason: string): Promise<DocumentView> {
    const { result } = await this.cases.change(
      { caseId: applicationId, actor, action: 'mark-document-in-error', versioned: false },
      async (tx) => {
        const document = await this.one(applicationId, documentId, tx, true);
        if (document.entered_in_error) throw documentProblem('document-in-error', 'The document is marked as entered in error already');
        await this.repository.markEnteredInError(tx, documentId, reason, actor);
        return {
          event: {
            kind: 'document',
            data: { documentId, enteredInError: true, reason, before: { enteredInError: false }, after: { enteredInError: true } },
          },
          result: await this.one(applicationId, documentId, tx),
        };
      },
    );
    return toDocument(result);
  }

  private async one(applicationId: string, documentId: string, db?: Db, forUpdate = false): Promise<DocumentRow> {
    const row = await this.repository.one(applicationId, documentId, db, forUpdate);
    if (!row) throw documentProblem('document-not-found', `The case has no document with id ${documentId}`);
    return row;
  }
}

function toDocument(r: DocumentRow) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedAt: iso(r.uploaded_at),
    uploadedBy: r.uploaded_by,
    uploadedByName: r.uploaded_by_name,
    enteredInError: r.entered_in_error,
    errorReason: r.error_reason,
    markedInErrorBy: r.marked_by,
    markedInErrorAt: r.marked_at ? iso(r.marked_at) : null,
    scan: r.scan,
  };
}
