import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import {
  Evaluation,
  EvaluationHistoryItem,
  ReplayResult,
  WhatIfRequest,
  WhatIfResult,
} from './evaluation.models';

const base = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

@Injectable({ providedIn: 'root' })
export class EvaluationsApi {
  private readonly http = inject(HttpClient);

  latest(id: string): Observable<Evaluation> {
    return this.http.get<Evaluation>(`${base(id)}/evaluations/latest`);
  }

  history(id: string): Observable<EvaluationHistoryItem[]> {
    return this.http.get<EvaluationHistoryItem[]>(`${base(id)}/evaluations`);
  }

  /** Runs the rulebook on the case as it stands, and stores the result. */
  run(id: string): Observable<Evaluation> {
    return this.http.post<Evaluation>(`${base(id)}/evaluations`, {});
  }

  replay(id: string, evaluationId: string): Observable<ReplayResult> {
    return this.http.post<ReplayResult>(
      `${base(id)}/evaluations/${encodeURIComponent(evaluationId)}/replay`,
      {},
    );
  }

  /** Evaluates proposed changes without storing anything. */
  whatIf(id: string, request: WhatIfRequest): Observable<WhatIfResult> {
    return this.http.post<WhatIfResult>(`${base(id)}/what-if`, request);
  }
}
