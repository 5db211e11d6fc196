import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../../api/api';
import {
  getLatestEvaluation,
  listEvaluations,
  replayEvaluation,
  runEvaluation,
  whatIf,
} from '../../api/functions';
import {
  Evaluation,
  EvaluationHistoryItem,
  EvaluationReplay,
  WhatIfDto,
  WhatIfResult,
} from './evaluation.models';

@Injectable({ providedIn: 'root' })
export class EvaluationsApi {
  private readonly api = inject(Api);

  latest(id: string): Observable<Evaluation> {
    return this.api.invoke(getLatestEvaluation, { id });
  }

  history(id: string): Observable<EvaluationHistoryItem[]> {
    return this.api.invoke(listEvaluations, { id });
  }

  /** Runs the rulebook on the case as it stands, and stores the result. */
  run(id: string): Observable<Evaluation> {
    return this.api.invoke(runEvaluation, { id });
  }

  replay(id: string, evaluationId: string): Observable<EvaluationReplay> {
    return this.api.invoke(replayEvaluation, { id, evaluationId });
  }

  /** Evaluates proposed changes without storing anything. */
  whatIf(id: string, request: WhatIfDto): Observable<WhatIfResult> {
    return this.api.invoke(whatIf, { id, body: request });
  }
}
