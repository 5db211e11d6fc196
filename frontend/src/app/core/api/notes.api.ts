import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../../api/api';
import {
  addNote,
  editNote,
  listNoteRevisions,
  listNotes,
  markNoteEnteredInError,
} from '../../api/functions';
import { Note, NoteAnchor, NoteRevision } from './workflow.models';

/** Notes on a case; never deleted, only marked as entered in error. */
@Injectable({ providedIn: 'root' })
export class NotesApi {
  private readonly api = inject(Api);

  list(id: string): Observable<Note[]> {
    return this.api.invoke(listNotes, { id });
  }

  create(id: string, body: { body: string; anchor: NoteAnchor }): Observable<Note> {
    return this.api.invoke(addNote, { id, body });
  }

  edit(id: string, noteId: string, body: { body: string; version: number }): Observable<Note> {
    return this.api.invoke(editNote, { id, noteId, body });
  }

  markEnteredInError(
    id: string,
    noteId: string,
    reason: string,
    version: number,
  ): Observable<Note> {
    return this.api.invoke(markNoteEnteredInError, { id, noteId, body: { reason, version } });
  }

  history(id: string, noteId: string): Observable<NoteRevision[]> {
    return this.api.invoke(listNoteRevisions, { id, noteId });
  }
}
