import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../../api/api';
import { assessCostLine, correctFact, recordJudgment, setExchangeRate } from '../../api/functions';
import {
  AssessmentDto,
  CorrectionDto,
  ExchangeRateDto,
  JudgmentDto,
  JudgmentRecorded,
} from '../../api/models';
import { CaseView } from './models';

/** The caseworker's assessment: judgments, approved amounts, corrected facts, exchange rate. */
@Injectable({ providedIn: 'root' })
export class CaseworkApi {
  private readonly api = inject(Api);

  recordJudgment(id: string, criterionId: string, body: JudgmentDto): Observable<JudgmentRecorded> {
    return this.api.invoke(recordJudgment, { id, criterionId, body });
  }

  /** `approvedAmountNok: null` clears the line's assessment. */
  assessCostLine(id: string, lineId: string, body: AssessmentDto): Observable<CaseView> {
    return this.api.invoke(assessCostLine, { id, lineId, body });
  }

  correctFact(id: string, body: CorrectionDto): Observable<CaseView> {
    return this.api.invoke(correctFact, { id, body });
  }

  /** `nokPerEur: null` returns the case to the default rate. */
  setExchangeRate(id: string, body: ExchangeRateDto): Observable<CaseView> {
    return this.api.invoke(setExchangeRate, { id, body });
  }
}
