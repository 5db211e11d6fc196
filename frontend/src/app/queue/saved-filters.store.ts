import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, tap } from 'rxjs';
import { SavedFilter, SavedFilterQuery, SavedFiltersApi } from '../core/api/saved-filters.api';
import { ErrorNotifier } from '../core/errors/error-notifier.service';

/** By name, as a person reads them (Å after Z, case aside). */
export function byName(filters: readonly SavedFilter[]): SavedFilter[] {
  return [...filters].sort((a, b) => a.name.localeCompare(b.name, 'nb', { sensitivity: 'base' }));
}

/**
 * The signed-in person's saved queue views, as the server keeps them; each change answers with
 * the filter afterwards, which replaces the one in the list (a start page made ends the other).
 */
@Injectable({ providedIn: 'root' })
export class SavedFiltersStore {
  private readonly api = inject(SavedFiltersApi);
  private readonly notifier = inject(ErrorNotifier);

  readonly filters = signal<SavedFilter[]>([]);
  readonly loaded = signal(false);
  readonly startPage = computed(() => this.filters().find((f) => f.isStartPage) ?? null);

  load(): void {
    this.api.list().subscribe({
      next: (filters) => {
        this.filters.set(byName(filters));
        this.loaded.set(true);
      },
      error: (err: unknown) => this.notifier.notify(err),
    });
  }

  save(name: string, query: SavedFilterQuery, isStartPage: boolean): Observable<SavedFilter> {
    return this.api.create(name, query, isStartPage).pipe(tap((saved) => this.put(saved)));
  }

  rename(filter: SavedFilter, name: string): Observable<SavedFilter> {
    return this.api.update(filter, { name }).pipe(tap((saved) => this.put(saved)));
  }

  setStartPage(filter: SavedFilter, isStartPage: boolean): Observable<SavedFilter> {
    return this.api.update(filter, { isStartPage }).pipe(tap((saved) => this.put(saved)));
  }

  remove(filter: SavedFilter): Observable<void> {
    return this.api
      .remove(filter)
      .pipe(tap(() => this.filters.update((list) => list.filter((f) => f.id !== filter.id))));
  }

  private put(saved: SavedFilter): void {
    this.filters.update((list) => {
      // The server ended any other start page when this one became it; the list follows.
      const others = list
        .filter((f) => f.id !== saved.id)
        .map((f) =>
          saved.isStartPage && f.isStartPage
            ? { ...f, isStartPage: false, version: f.version + 1 }
            : f,
        );
      return byName([...others, saved]);
    });
  }
}
