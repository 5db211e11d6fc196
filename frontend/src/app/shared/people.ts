import { Injectable, Pipe, PipeTransform, inject, signal } from '@angular/core';
import { Api } from '../api/api';
import { listUsers } from '../api/functions';
import { AuthStore } from '../core/auth/auth.store';

/**
 * The console's users by username, for the places where an answer names a person by username
 * alone (a note's earlier versions, say): the UI shows display names, never usernames. Loaded
 * once, on first use, from GET /api/users; until it answers (or if it cannot), the display name
 * the caller has, else the username.
 */
@Injectable({ providedIn: 'root' })
export class People {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthStore);
  private readonly names = signal<ReadonlyMap<string, string>>(new Map());
  private requested = false;

  /** The person's display name: the one given, else the directory's, else the username. */
  name(username: string | null | undefined, displayName?: string | null): string {
    if (!username) return displayName || '–';
    if (displayName) return displayName;
    const me = this.auth.user();
    if (me?.username === username) return me.displayName;
    this.load();
    return this.names().get(username) ?? username;
  }

  private load(): void {
    if (this.requested || !this.auth.isAuthenticated()) return;
    this.requested = true;
    this.api.invoke(listUsers, {}).subscribe({
      next: (users) => this.names.set(new Map(users.map((u) => [u.username, u.displayName]))),
      error: () => (this.requested = false),
    });
  }
}

/** `{{ note.writtenBy | personName }}` or `{{ r.recordedBy | personName: r.recordedByName }}`. */
@Pipe({ name: 'personName', pure: false })
export class PersonNamePipe implements PipeTransform {
  private readonly people = inject(People);

  transform(username: string | null | undefined, displayName?: string | null): string {
    return this.people.name(username, displayName);
  }
}
