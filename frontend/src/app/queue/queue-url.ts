import { ParamMap, Params } from '@angular/router';
import {
  CASE_STATUSES,
  CaseStatus,
  QueueSortKey,
  SIZE_CLASSES,
  SizeClass,
} from '../core/api/models';
import {
  DEFAULT_FILTERS,
  DEFAULT_SORT,
  QueueFilters,
  QueueSortState,
  RULE_FLAGS,
  RuleFlag,
} from './queue.store';

const SORT_KEYS: readonly QueueSortKey[] = [
  'receivedAt',
  'slaDueAt',
  'requestedAmount',
  'applicantName',
];

/** Filters and sort live in the query string, so a queue can be bookmarked and returned to. */
export function readQueueParams(params: ParamMap): {
  filters: Partial<QueueFilters>;
  sort: QueueSortState;
} {
  const filters: Partial<QueueFilters> = {};
  const status = params.get('status');
  if (status !== null) {
    filters.statuses = status
      .split(',')
      .filter((s): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s));
  }
  const size = params.get('size');
  if (size && (SIZE_CLASSES as readonly string[]).includes(size))
    filters.sizeClass = size as SizeClass;
  if (params.get('overdue') === 'true') filters.overdue = true;
  const flag = params.get('flag');
  if (flag && (RULE_FLAGS as readonly string[]).includes(flag)) filters.flag = flag as RuleFlag;
  const q = params.get('q');
  if (q) filters.q = q;

  let sort = DEFAULT_SORT;
  const rawSort = params.get('sort');
  if (rawSort) {
    const desc = rawSort.startsWith('-');
    const key = (desc ? rawSort.slice(1) : rawSort) as QueueSortKey;
    if (SORT_KEYS.includes(key)) sort = { active: key, direction: desc ? 'desc' : 'asc' };
  }
  return { filters, sort };
}

export function writeQueueParams(filters: QueueFilters, sort: QueueSortState): Params {
  const sameStatuses =
    filters.statuses.length === DEFAULT_FILTERS.statuses.length &&
    filters.statuses.every((s) => DEFAULT_FILTERS.statuses.includes(s));
  const sameSort = sort.active === DEFAULT_SORT.active && sort.direction === DEFAULT_SORT.direction;
  return {
    status: sameStatuses ? null : filters.statuses.join(','),
    size: filters.sizeClass,
    overdue: filters.overdue ? 'true' : null,
    flag: filters.flag,
    q: filters.q || null,
    sort: sameSort ? null : (sort.direction === 'desc' ? '-' : '') + sort.active,
  };
}
