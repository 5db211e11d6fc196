import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { WorkflowApi } from './workflow.api';
import { StandardCondition } from './workflow.models';

describe('WorkflowApi.conditions', () => {
  function setup() {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    return { api: TestBed.inject(WorkflowApi), http: TestBed.inject(HttpTestingController) };
  }

  it('fetches the standard conditions once and shares them', () => {
    const { api, http } = setup();
    const seen: StandardCondition[][] = [];
    api.conditions().subscribe((c) => seen.push(c));
    api.conditions().subscribe((c) => seen.push(c));
    const list: StandardCondition[] = [
      { code: 'REPORT', text: { nb: 'Rapport', en: 'Report' }, mandatory: false },
    ];
    http.expectOne('/api/conditions').flush(list);
    api.conditions().subscribe((c) => seen.push(c));
    http.verify();
    expect(seen).toEqual([list, list, list]);
  });

  it('asks again after a failed fetch', () => {
    const { api, http } = setup();
    const errors: unknown[] = [];
    api.conditions().subscribe({ error: (e) => errors.push(e) });
    http
      .expectOne('/api/conditions')
      .flush('down', { status: 503, statusText: 'Service Unavailable' });
    expect(errors).toHaveLength(1);
    let got: StandardCondition[] | null = null;
    api.conditions().subscribe((c) => (got = c));
    http.expectOne('/api/conditions').flush([]);
    expect(got).toEqual([]);
    http.verify();
  });
});
