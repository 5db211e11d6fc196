import { Injectable, inject } from '@angular/core';
import { Observable, map, shareReplay } from 'rxjs';
import { Api } from '../../api/api';
import {
  decide,
  getCaseReport,
  getChangesSinceReturn,
  getDecision,
  getDecisionLetter,
  getTimeline,
  listConditions,
  listRecommendations,
  previewLetter,
  previewLetterOfForm,
  recommend,
} from '../../api/functions';
import { CaseView } from './models';
import {
  ChangesSinceReturn,
  Decision,
  DecisionDto,
  RecommendationDto,
  RecommendationRecord,
  ReturnedChanges,
  StandardCondition,
  TimelineEvent,
} from './workflow.models';

/** The case's timeline, the recommendation, the decision and its letters. */
@Injectable({ providedIn: 'root' })
export class WorkflowApi {
  private readonly api = inject(Api);

  timeline(id: string): Observable<TimelineEvent[]> {
    return this.api.invoke(getTimeline, { id });
  }

  /**
   * The standard conditions of a grant: the same for every case and user, so they are fetched
   * once per session and shared (the recommendation form and the decision view both use them).
   * A failed fetch is not remembered: the next caller asks again.
   */
  conditions(): Observable<StandardCondition[]> {
    return (this.conditions$ ??= this.api.invoke(listConditions).pipe(shareReplay(1)));
  }

  private conditions$?: Observable<StandardCondition[]>;

  recommend(id: string, body: RecommendationDto): Observable<CaseView> {
    return this.api.invoke(recommend, { id, body });
  }

  decide(id: string, body: DecisionDto): Observable<CaseView> {
    return this.api.invoke(decide, { id, body });
  }

  decision(id: string): Observable<Decision> {
    return this.api.invoke(getDecision, { id });
  }

  /** Every recommendation of the case, oldest first, each with its return when it was returned. */
  recommendations(id: string): Observable<RecommendationRecord[]> {
    return this.api.invoke(listRecommendations, { id });
  }

  /** What changed since the case was last returned; null when it never was. */
  changesSinceReturn(id: string): Observable<ReturnedChanges | null> {
    return this.api.invoke(getChangesSinceReturn, { id }).pipe(map(whenReturned));
  }

  /** The letter as a file; fetched with the token, since a plain link would carry none. */
  letter(id: string, lang: 'nb' | 'en'): Observable<Blob> {
    return this.api.invoke(getDecisionLetter, { id, lang });
  }

  /** The whole case as a PDF for the archive (saksutskrift), made now, in the given language. */
  caseReport(id: string, lang: 'nb' | 'en'): Observable<Blob> {
    return this.api.invoke(getCaseReport, { id, lang });
  }

  /** The letter as it would be if the open recommendation were decided now, marked as a draft. */
  letterPreview(id: string, lang: 'nb' | 'en'): Observable<Blob> {
    return this.api.invoke(previewLetter, { id, lang });
  }

  /** The letter a recommendation with these values would give, marked as a draft; stores nothing. */
  letterPreviewOfForm(id: string, lang: 'nb' | 'en', body: RecommendationDto): Observable<Blob> {
    return this.api.invoke(previewLetterOfForm, { id, lang, body });
  }
}

function whenReturned(changes: ChangesSinceReturn): ReturnedChanges | null {
  return changes.returned ? { ...changes, returned: changes.returned } : null;
}
