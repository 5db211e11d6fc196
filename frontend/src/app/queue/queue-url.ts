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
  QueueView,
  RULE_FLAGS,
  RuleFlag,
  defaultSort,
} from './queue.store';

const SORT_KEYS: readonly QueueSortKey[] = [
  'receivedAt',
  'slaDueAt',
  'requestedAmount',
  'applicantName',
];

/** The approver's queue also sorts by when the case was recommended. */
function sortKeys(view: QueueView): readonly QueueSortKey[] {
  return view === 'toApprove' ? [...SORT_KEYS, 'recommendedAt'] : SORT_KEYS;
}

/** Filters and sort live in the query string, so a queue can be bookmarked and returned to. */
export function readQueueParams(
  params: ParamMap,
  view: QueueView = 'all',
): {
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
  if (params.get('replyOverdue') === 'true') filters.replyOverdue = true;
  if (params.get('returned') === 'true') filters.returned = true;
  const flag = params.get('flag');
  if (flag && (RULE_FLAGS as readonly string[]).includes(flag)) filters.flag = flag as RuleFlag;
  const q = params.get('q');
  if (q) filters.q = q;
  const assignee = params.get('assignee');
  if (assignee && /^[a-z0-9][a-z0-9._-]{1,62}$/.test(assignee)) filters.assignee = assignee;

  let sort = defaultSort(view);
  const rawSort = params.get('sort');
  if (rawSort) {
    const desc = rawSort.startsWith('-');
    const key = (desc ? rawSort.slice(1) : rawSort) as QueueSortKey;
    if (sortKeys(view).includes(key)) sort = { active: key, direction: desc ? 'desc' : 'asc' };
  }
  return { filters, sort };
}

export function writeQueueParams(
  filters: QueueFilters,
  sort: QueueSortState,
  defaults: QueueSortState = DEFAULT_SORT,
): Params {
  const sameStatuses =
    filters.statuses.length === DEFAULT_FILTERS.statuses.length &&
    filters.statuses.every((s) => DEFAULT_FILTERS.statuses.includes(s));
  const sameSort = sort.active === defaults.active && sort.direction === defaults.direction;
  return {
    status: sameStatuses ? null : filters.statuses.join(','),
    size: filters.sizeClass,
    overdue: filters.overdue ? 'true' : null,
    replyOverdue: filters.replyOverdue ? 'true' : null,
    returned: filters.returned ? 'true' : null,
    flag: filters.flag,
    q: filters.q || null,
    assignee: filters.assignee,
    sort: sameSort ? null : (sort.direction === 'desc' ? '-' : '') + sort.active,
  };
}

/** Whether two queue query strings (as writeQueueParams gives them) ask for the same view. */
export function sameQueueParams(a: Params, b: Params): boolean {
  const set = (p: Params) =>
    JSON.stringify(
      Object.entries(p)
        .filter(([, v]) => v !== null && v !== undefined)
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return set(a) === set(b);
}
