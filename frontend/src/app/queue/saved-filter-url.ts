import { Params } from '@angular/router';
import type { SavedFilterQuery } from '../core/api/saved-filters.api';
import type { QueueQuery } from '../core/api/models';

/**
 * A queue view as a saved filter holds it: the server's query (GET /api/applications), with
 * nothing that only repeats a default (no empty search, no `overdue: false`).
 */
export function toSavedQuery(query: QueueQuery): SavedFilterQuery {
  const saved: SavedFilterQuery = {};
  if (query.queue) saved.queue = query.queue;
  if (query.status) saved.status = [...query.status];
  if (query.sizeClass) saved.sizeClass = [query.sizeClass];
  if (query.overdue) saved.overdue = true;
  if (query.replyOverdue) saved.replyOverdue = true;
  if (query.returned) saved.returned = true;
  if (query.flag) saved.flag = [query.flag];
  if (query.q) saved.q = query.q;
  if (query.assignee) saved.assignee = query.assignee;
  if (query.sort) saved.sort = query.sort;
  return saved;
}

/**
 * Where a saved filter opens: the queue page of its named queue (All cases without one) with its
 * filters and sort in the query string, as the queue page reads them (queue-url.ts). The page
 * shows one size class and one rule flag: a saved list of several opens with the first.
 */
export function savedFilterLink(query: SavedFilterQuery): { path: string; queryParams: Params } {
  const queryParams: Params = {};
  if (query.status) queryParams['status'] = query.status.join(',');
  if (query.sizeClass?.length) queryParams['size'] = query.sizeClass[0];
  if (query.overdue) queryParams['overdue'] = 'true';
  if (query.replyOverdue) queryParams['replyOverdue'] = 'true';
  if (query.returned) queryParams['returned'] = 'true';
  if (query.flag?.length) queryParams['flag'] = query.flag[0];
  if (query.q) queryParams['q'] = query.q;
  if (query.assignee) queryParams['assignee'] = query.assignee;
  if (query.sort) queryParams['sort'] = query.sort;
  return { path: `/queue/${query.queue ?? 'all'}`, queryParams };
}

/** The same as one URL, for a redirect (the start page). */
export function savedFilterUrl(query: SavedFilterQuery): string {
  const { path, queryParams } = savedFilterLink(query);
  const search = new URLSearchParams(queryParams as Record<string, string>).toString();
  return search ? `${path}?${search}` : path;
}
