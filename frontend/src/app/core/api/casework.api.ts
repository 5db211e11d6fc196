import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { CaseDetail } from './models';

const base = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

export interface JudgmentSaved {
  criterionId: string;
  outcome: 'pass' | 'fail';
  rationale: string;
  recordedBy: string;
  recordedByName?: string | null;
  version: number;
  revision: number;
}

/** The caseworker's assessment: judgments, approved amounts, corrected facts, exchange rate. */
@Injectable({ providedIn: 'root' })
export class CaseworkApi {
  private readonly http = inject(HttpClient);

  recordJudgment(
    id: string,
    criterionId: string,
    body: { outcome: 'pass' | 'fail'; rationale: string; version: number },
  ): Observable<JudgmentSaved> {
    return this.http.put<JudgmentSaved>(
      `${base(id)}/judgments/${encodeURIComponent(criterionId)}`,
      body,
    );
  }

  /** `approvedAmountNok: null` clears the line's assessment. */
  assessCostLine(
    id: string,
    lineId: string,
    body: { approvedAmountNok: number | null; reason?: string; version: number },
  ): Observable<CaseDetail> {
    return this.http.put<CaseDetail>(
      `${base(id)}/cost-lines/${encodeURIComponent(lineId)}/assessment`,
      body,
    );
  }

  correctFact(
    id: string,
    body: { path: string; value: unknown; reason: string; version: number },
  ): Observable<CaseDetail> {
    return this.http.post<CaseDetail>(`${base(id)}/corrections`, body);
  }

  /** `nokPerEur: null` returns the case to the default rate. */
  setExchangeRate(
    id: string,
    body: { nokPerEur: number | null; reason?: string; version: number },
  ): Observable<CaseDetail> {
    return this.http.put<CaseDetail>(`${base(id)}/exchange-rate`, body);
  }
}
