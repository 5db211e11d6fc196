import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../../api/api';
import {
  listDocuments,
  listInformationRequests,
  markDocumentEnteredInError,
  requestInformation,
  uploadDocument,
} from '../../api/functions';
import { Document, DocumentKind, InformationRequest } from '../../api/models';

/** The case's documents and its dialogue with the applicant. */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly api = inject(Api);
  private readonly http = inject(HttpClient);

  /** Newest first, those entered in error included (marked). */
  list(id: string): Observable<Document[]> {
    return this.api.invoke(listDocuments, { id });
  }

  upload(id: string, file: File, kind: DocumentKind, title?: string): Observable<Document> {
    return this.api.invoke(uploadDocument, {
      id,
      body: { file, kind, ...(title ? { title } : {}) },
    });
  }

  /**
   * The bytes of a document, fetched with the token (a plain link would carry none). One call
   * whatever the content type: the generated client has one function per type.
   */
  content(id: string, documentId: string): Observable<Blob> {
    const path = `/api/applications/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}/content`;
    return this.http.get(`${this.api.rootUrl}${path}`, { responseType: 'blob' });
  }

  markEnteredInError(id: string, documentId: string, reason: string): Observable<Document> {
    return this.api.invoke(markDocumentEnteredInError, { id, documentId, body: { reason } });
  }

  /** The requests to the applicant and their replies, oldest first. */
  informationRequests(id: string): Observable<InformationRequest[]> {
    return this.api.invoke(listInformationRequests, { id });
  }

  /** Asks the applicant; sent with the case version the user saw (If-Match), as every change of a case is. */
  requestInformation(
    id: string,
    body: { message: string; replyBy: string },
    version: number,
  ): Observable<InformationRequest> {
    return this.api.invoke(requestInformation, { id, 'if-match': String(version), body });
  }
}
