import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../../api/api';
import { getStatsOverview, listRegisterReports, markReported } from '../../api/functions';
import { RegisterReport, RegisterReportPage, StatsOverview } from './workflow.models';

export const STATS_PERIODS = ['month', '3months', 'year'] as const;
export type StatsPeriodName = (typeof STATS_PERIODS)[number];

@Injectable({ providedIn: 'root' })
export class StatsApi {
  private readonly api = inject(Api);

  /** The office's figures; decisions, grants and lead time over the period (this year when not given). */
  overview(period?: StatsPeriodName): Observable<StatsOverview> {
    return this.api.invoke(getStatsOverview, period ? { period } : {});
  }
}

/** Awards to publish in the Register for public support (TRN-01). */
@Injectable({ providedIn: 'root' })
export class RegisterReportsApi {
  private readonly api = inject(Api);

  /** A page of reports (100 by default), in due-date order; `cursor` is the previous page's nextCursor. */
  list(status: 'due' | 'reported', cursor?: string): Observable<RegisterReportPage> {
    return this.api.invoke(listRegisterReports, { status, ...(cursor ? { cursor } : {}) });
  }

  markReported(decisionId: string, registerReference: string): Observable<RegisterReport> {
    return this.api.invoke(markReported, { decisionId, body: { registerReference } });
  }
}
