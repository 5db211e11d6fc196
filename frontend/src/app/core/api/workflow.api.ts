import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map, shareReplay } from 'rxjs';
import { CaseDetail } from './models';
import {
  ChangesSinceReturn,
  Decision,
  DecisionRequest,
  RecommendationRecord,
  RecommendationRequest,
  StandardCondition,
  TimelineEvent,
} from './workflow.models';

const base = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

/** The case's timeline, the recommendation, the decision and its letters. */
@Injectable({ providedIn: 'root' })
export class WorkflowApi {
  private readonly http = inject(HttpClient);

  timeline(id: string): Observable<TimelineEvent[]> {
    return this.http.get<TimelineEvent[]>(`${base(id)}/timeline`);
  }

  /**
   * The standard conditions of a grant: the same for every case and user, so they are fetched
   * once per session and shared (the recommendation form and the decision view both use them).
   * A failed fetch is not remembered: the next caller asks again.
   */
  conditions(): Observable<StandardCondition[]> {
    return (this.conditions$ ??= this.http
      .get<StandardCondition[]>('/api/conditions')
      .pipe(shareReplay(1)));
  }

  private conditions$?: Observable<StandardCondition[]>;

  recommend(id: string, body: RecommendationRequest): Observable<CaseDetail> {
    return this.http.post<CaseDetail>(`${base(id)}/recommendation`, body);
  }

  decide(id: string, body: DecisionRequest): Observable<CaseDetail> {
    return this.http.post<CaseDetail>(`${base(id)}/decision`, body);
  }

  decision(id: string): Observable<Decision> {
    return this.http.get<Decision>(`${base(id)}/decision`);
  }

  /** Every recommendation of the case, oldest first, each with its return when it was returned. */
  recommendations(id: string): Observable<RecommendationRecord[]> {
    return this.http.get<RecommendationRecord[]>(`${base(id)}/recommendations`);
  }

  /** What changed since the case was last returned; null when it never was. */
  changesSinceReturn(id: string): Observable<ChangesSinceReturn | null> {
    return this.http
      .get<unknown>(`${base(id)}/changes-since-return`)
      .pipe(map((body) => normaliseChanges(body)));
  }

  /** The letter as a file; fetched with the token, since a plain link would carry none. */
  letter(id: string, lang: 'nb' | 'en'): Observable<Blob> {
    return this.http.get(`${base(id)}/decision/letter.pdf`, {
      params: { lang },
      responseType: 'blob',
    });
  }
}

type ReturnRecord = NonNullable<RecommendationRecord['returned']>;

/**
 * The server answers `{returned: {at, by, reasonCode, comment} | null, changes}`;
 * the first contract had `{returnedAt, reasonCode, comment, changes}`. Both are read.
 */
export function normaliseChanges(body: unknown): ChangesSinceReturn | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Partial<ChangesSinceReturn> & { returned?: ReturnRecord | null };
  const changes = Array.isArray(b.changes) ? b.changes : [];
  if ('returned' in b) {
    const r = b.returned;
    if (!r) return null;
    return {
      returnedAt: r.at,
      returnedBy: r.by,
      reasonCode: r.reasonCode,
      comment: r.comment ?? '',
      changes,
    };
  }
  if (typeof b.returnedAt !== 'string' || !b.reasonCode) return null;
  return { returnedAt: b.returnedAt, reasonCode: b.reasonCode, comment: b.comment ?? '', changes };
}
