import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Note, NoteAnchor, NoteRevision } from './workflow.models';

const base = (id: string) => `/api/applications/${encodeURIComponent(id)}/notes`;

/** Notes on a case; never deleted, only marked as entered in error. */
@Injectable({ providedIn: 'root' })
export class NotesApi {
  private readonly http = inject(HttpClient);

  list(id: string): Observable<Note[]> {
    return this.http.get<Note[]>(base(id));
  }

  create(id: string, body: { body: string; anchor: NoteAnchor }): Observable<Note> {
    return this.http.post<Note>(base(id), body);
  }

  edit(id: string, noteId: string, body: { body: string; version: number }): Observable<Note> {
    return this.http.put<Note>(`${base(id)}/${encodeURIComponent(noteId)}`, body);
  }

  markEnteredInError(
    id: string,
    noteId: string,
    reason: string,
    version: number,
  ): Observable<Note> {
    return this.http.post<Note>(`${base(id)}/${encodeURIComponent(noteId)}/entered-in-error`, {
      reason,
      version,
    });
  }

  history(id: string, noteId: string): Observable<NoteRevision[]> {
    return this.http.get<NoteRevision[]>(`${base(id)}/${encodeURIComponent(noteId)}/history`);
  }
}
