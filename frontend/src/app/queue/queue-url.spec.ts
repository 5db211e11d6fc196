import { convertToParamMap } from '@angular/router';
import { DEFAULT_FILTERS, DEFAULT_SORT } from './queue.store';
import { readQueueParams, writeQueueParams } from './queue-url';

describe('queue URL', () => {
  it('keeps the rule-outcome filter in the query string, so a queue of problems can be bookmarked', () => {
    const params = writeQueueParams(
      { ...DEFAULT_FILTERS, flag: 'missing', overdue: true },
      DEFAULT_SORT,
    );
    expect(params).toMatchObject({ flag: 'missing', overdue: 'true' });
    const read = readQueueParams(convertToParamMap({ flag: 'missing', overdue: 'true' }));
    expect(read.filters).toMatchObject({ flag: 'missing', overdue: true });
  });

  it('keeps "Svarfrist passert" in the query string, and leaves it out when off', () => {
    const on = writeQueueParams({ ...DEFAULT_FILTERS, replyOverdue: true }, DEFAULT_SORT);
    expect(on['replyOverdue']).toBe('true');
    expect(writeQueueParams(DEFAULT_FILTERS, DEFAULT_SORT)['replyOverdue']).toBeNull();
    const read = readQueueParams(convertToParamMap({ replyOverdue: 'true' }), 'awaitingApplicant');
    expect(read.filters).toEqual({ replyOverdue: true });
  });

  it("keeps a caseworker's filter (the dashboard's workload links) and refuses what is no username", () => {
    expect(
      writeQueueParams({ ...DEFAULT_FILTERS, assignee: 'kari' }, DEFAULT_SORT)['assignee'],
    ).toBe('kari');
    expect(writeQueueParams(DEFAULT_FILTERS, DEFAULT_SORT)['assignee']).toBeNull();
    expect(readQueueParams(convertToParamMap({ assignee: 'kari' })).filters.assignee).toBe('kari');
    expect(
      readQueueParams(convertToParamMap({ assignee: 'Kari Nordmann' })).filters.assignee,
    ).toBeUndefined();
  });

  it('ignores a rule outcome it does not know', () => {
    expect(readQueueParams(convertToParamMap({ flag: 'bogus' })).filters.flag).toBeUndefined();
  });
});
