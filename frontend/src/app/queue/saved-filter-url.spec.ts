import { convertToParamMap } from '@angular/router';
import { readQueueParams, sameQueueParams, writeQueueParams } from './queue-url';
import { savedFilterLink, savedFilterUrl, toSavedQuery } from './saved-filter-url';
import { DEFAULT_FILTERS, QueueFilters, defaultSort } from './queue.store';

describe('saved filters and the queue URL', () => {
  it('keeps of a view what is asked for, as the server query, and nothing that repeats a default', () => {
    expect(
      toSavedQuery({
        queue: undefined,
        status: ['received', 'in_review'],
        sizeClass: 'large',
        overdue: false,
        replyOverdue: undefined,
        flag: null,
        returned: undefined,
        assignee: undefined,
        q: '',
        sort: '-requestedAmount',
      }),
    ).toEqual({
      status: ['received', 'in_review'],
      sizeClass: ['large'],
      sort: '-requestedAmount',
    });
    expect(toSavedQuery({ queue: 'to-approve', overdue: true, flag: 'fail', q: 'fisk' })).toEqual({
      queue: 'to-approve',
      overdue: true,
      flag: ['fail'],
      q: 'fisk',
    });
  });

  it('opens a saved view on its queue page with the filters the page reads back as they were saved', () => {
    const filters: QueueFilters = {
      ...DEFAULT_FILTERS,
      statuses: ['received', 'in_review'],
      sizeClass: 'large',
      overdue: true,
      flag: 'missing',
      q: 'Mine store',
      assignee: 'kari',
    };
    const saved = toSavedQuery({
      queue: 'mine',
      status: filters.statuses,
      sizeClass: filters.sizeClass,
      overdue: filters.overdue,
      flag: filters.flag,
      q: filters.q,
      assignee: filters.assignee!,
      sort: '-requestedAmount',
    });
    const link = savedFilterLink(saved);
    expect(link.path).toBe('/queue/mine');
    const read = readQueueParams(convertToParamMap(link.queryParams), 'mine');
    expect({ ...DEFAULT_FILTERS, ...read.filters }).toEqual(filters);
    expect(read.sort).toEqual({ active: 'requestedAmount', direction: 'desc' });
  });

  it('opens a view without a named queue on All cases, and writes one URL for the start page', () => {
    expect(savedFilterLink({}).path).toBe('/queue/all');
    expect(savedFilterUrl({})).toBe('/queue/all');
    expect(savedFilterUrl({ queue: 'to-approve', sort: 'recommendedAt', q: 'a b' })).toBe(
      '/queue/to-approve?q=a+b&sort=recommendedAt',
    );
  });

  it('tells the page its own URL from another view (a saved filter opened while it is shown)', () => {
    const sort = defaultSort('all');
    const shown = writeQueueParams({ ...DEFAULT_FILTERS, q: 'fisk' }, sort);
    expect(sameQueueParams(shown, { ...shown, overdue: undefined })).toBe(true);
    expect(
      sameQueueParams(
        shown,
        writeQueueParams({ ...DEFAULT_FILTERS, q: 'fisk', overdue: true }, sort),
      ),
    ).toBe(false);
  });
});
