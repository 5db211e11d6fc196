import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../../api/api';
import {
  createSavedFilter,
  deleteSavedFilter,
  listSavedFilters,
  updateSavedFilter,
} from '../../api/functions';
import type { SavedFilter } from '../../api/models/saved-filter';
import type { SavedFilterQuery } from '../../api/models/saved-filter-query';

export type { SavedFilter, SavedFilterQuery };

/** The signed-in person's saved queue views (GET/POST /api/saved-filters, PUT/DELETE …/{id}). */
@Injectable({ providedIn: 'root' })
export class SavedFiltersApi {
  private readonly api = inject(Api);

  list(): Observable<SavedFilter[]> {
    return this.api.invoke(listSavedFilters);
  }

  create(name: string, query: SavedFilterQuery, isStartPage = false): Observable<SavedFilter> {
    return this.api.invoke(createSavedFilter, { body: { name, query, isStartPage } });
  }

  update(
    filter: SavedFilter,
    change: { name?: string; query?: SavedFilterQuery; isStartPage?: boolean },
  ): Observable<SavedFilter> {
    return this.api.invoke(updateSavedFilter, {
      id: filter.id,
      body: { version: filter.version, ...change },
    });
  }

  remove(filter: SavedFilter): Observable<void> {
    return this.api.invoke(deleteSavedFilter, { id: filter.id, version: filter.version });
  }
}
