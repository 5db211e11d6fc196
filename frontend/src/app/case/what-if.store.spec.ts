import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { evaluation, totals } from '../../testing/fixtures';
import { EvaluationResult } from '../core/api/evaluation.models';
import { WHAT_IF_DEBOUNCE_MS, WhatIfStore, changedTotals } from './what-if.store';

const URL = '/api/applications/id-1/what-if';

function setup() {
  TestBed.configureTestingModule({
    providers: [WhatIfStore, provideHttpClient(), provideHttpClientTesting()],
  });
  const store = TestBed.inject(WhatIfStore);
  const http = TestBed.inject(HttpTestingController);
  store.init(
    'id-1',
    evaluation(),
    new Map<string, number | null>([
      ['cl-1', null],
      ['cl-2', null],
    ]),
  );
  return { store, http };
}

/** The server's answer when line 2 is approved at `amount`: half of the eligible costs as aid. */
function answer(amount: number): { evaluation: EvaluationResult; changes: unknown[] } {
  const eligible = 1_020_000 + amount;
  return {
    evaluation: {
      ...evaluation(),
      totals: totals({
        eligibleCostsNok: eligible,
        pendingAssessmentNok: 0,
        maxAidNok: Math.floor(eligible / 2),
      }),
    },
    changes: [{ path: 'totals.maxAidNok', before: 810_000, after: Math.floor(eligible / 2) }],
  };
}

function whatIfRequests(http: HttpTestingController): TestRequest[] {
  return http.match((r) => r.url === URL && r.method === 'POST');
}

describe('WhatIfStore: live totals while the caseworker types', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.useRealTimers();
  });

  it('asks once, 300 ms after the last keystroke, with the last amount typed', () => {
    const { store, http } = setup();
    store.setAmount('cl-2', 4);
    jest.advanceTimersByTime(100);
    store.setAmount('cl-2', 40);
    jest.advanceTimersByTime(100);
    store.setAmount('cl-2', 400_000);
    expect(store.pending()).toBe(true);

    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS - 1);
    expect(whatIfRequests(http)).toHaveLength(0);
    jest.advanceTimersByTime(1);

    const [req] = whatIfRequests(http);
    expect(req.request.body).toEqual({ costLines: [{ id: 'cl-2', approvedAmountNok: 400_000 }] });
    req.flush(answer(400_000));

    expect(store.pending()).toBe(false);
    expect(store.totals()?.eligibleCostsNok).toBe(1_420_000);
    expect(store.totals()?.maxAidNok).toBe(710_000);
  });

  it('cancels the request in flight when the amount changes again', () => {
    const { store, http } = setup();
    store.setAmount('cl-2', 100_000);
    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS);
    const [first] = whatIfRequests(http);

    store.setAmount('cl-2', 200_000);
    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS);
    const [second] = whatIfRequests(http);

    expect(first.cancelled).toBe(true);
    expect(second.request.body.costLines[0].approvedAmountNok).toBe(200_000);
    second.flush(answer(200_000));
    expect(store.totals()?.eligibleCostsNok).toBe(1_220_000);
  });

  it('tells which totals changed, with the values before and after', () => {
    const { store, http } = setup();
    store.setAmount('cl-2', 0);
    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS);
    whatIfRequests(http)[0].flush(answer(0));

    expect(store.changes()).toEqual([
      { key: 'eligibleCostsNok', before: 1_620_000, after: 1_020_000 },
      { key: 'pendingAssessmentNok', before: 600_000, after: 0 },
      { key: 'maxAidNok', before: 810_000, after: 510_000 },
    ]);
    expect(store.changedKeys().has('requestedAidNok')).toBe(false);
    expect(store.line('cl-1')?.eligibleNok).toBe(1_020_000);
  });

  it('goes back to the saved totals, without asking, when the amounts are typed back', () => {
    const { store, http } = setup();
    store.setAmount('cl-2', 300_000);
    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS);
    whatIfRequests(http)[0].flush(answer(300_000));
    expect(store.dirty()).toBe(true);

    store.setAmount('cl-2', null);
    expect(store.dirty()).toBe(false);
    expect(store.totals()).toEqual(totals());
    expect(store.changes()).toEqual([]);
    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS);
    expect(whatIfRequests(http)).toHaveLength(0);
  });

  it('does not ask again for amounts it already has the answer to', () => {
    const { store, http } = setup();
    store.setAmount('cl-2', 300_000);
    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS);
    whatIfRequests(http)[0].flush(answer(300_000));

    store.setAmount('cl-2', 3_000);
    store.setAmount('cl-2', 300_000);
    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS);
    expect(whatIfRequests(http)).toHaveLength(0);
    expect(store.pending()).toBe(false);
    expect(store.totals()?.eligibleCostsNok).toBe(1_320_000);
  });

  it('shows the saved totals and the problem when the server refuses the amounts', () => {
    const { store, http } = setup();
    store.setAmount('cl-2', 700_000);
    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS);
    whatIfRequests(http)[0].flush(
      {
        status: 400,
        title: 'The request is not valid',
        errors: [{ path: '$.costLines', message: 'exceeds the claimed 600000' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(store.pending()).toBe(false);
    expect(store.error()?.errors?.[0].message).toBe('exceeds the claimed 600000');
    expect(store.totals()).toEqual(totals());
  });

  it('keeps unsaved drafts of other lines when the saved amounts change', () => {
    const { store, http } = setup();
    store.setAmount('cl-1', 900_000);
    store.setAmount('cl-2', 500_000);
    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS);
    whatIfRequests(http)[0].flush(answer(500_000));

    // Line 2 was saved; line 1 is still a draft and is asked about again.
    store.init(
      'id-1',
      evaluation(),
      new Map<string, number | null>([
        ['cl-1', null],
        ['cl-2', 500_000],
      ]),
    );
    expect(store.changedLines()).toEqual([{ id: 'cl-1', approvedAmountNok: 900_000 }]);
    jest.advanceTimersByTime(WHAT_IF_DEBOUNCE_MS);
    const [again] = whatIfRequests(http);
    expect(again.request.body).toEqual({ costLines: [{ id: 'cl-1', approvedAmountNok: 900_000 }] });
    again.flush(answer(500_000));
  });
});

describe('changedTotals', () => {
  it('lists nothing when either side is missing or nothing moved', () => {
    expect(changedTotals(null, totals())).toEqual([]);
    expect(changedTotals(totals(), totals())).toEqual([]);
  });

  it('notices a maximum aid that becomes unknown', () => {
    expect(changedTotals(totals(), totals({ maxAidNok: null, maxIntensityPct: null }))).toEqual([
      { key: 'maxIntensityPct', before: 50, after: null },
      { key: 'maxAidNok', before: 810_000, after: null },
    ]);
  });
});
