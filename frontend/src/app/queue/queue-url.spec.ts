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

  it('ignores a rule outcome it does not know', () => {
    expect(readQueueParams(convertToParamMap({ flag: 'bogus' })).filters.flag).toBeUndefined();
  });
});
