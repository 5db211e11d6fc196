import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { RegisterReport, StatsOverview } from './workflow.models';

@Injectable({ providedIn: 'root' })
export class StatsApi {
  private readonly http = inject(HttpClient);

  overview(): Observable<StatsOverview> {
    return this.http.get<StatsOverview>('/api/stats/overview');
  }
}

/** Awards to publish in the Register for public support (TRN-01). */
@Injectable({ providedIn: 'root' })
export class RegisterReportsApi {
  private readonly http = inject(HttpClient);

  list(status: 'due' | 'reported'): Observable<RegisterReport[]> {
    return this.http.get<RegisterReport[]>('/api/register-reports', { params: { status } });
  }

  markReported(decisionId: string, registerReference: string): Observable<RegisterReport> {
    return this.http.post<RegisterReport>(
      `/api/register-reports/${encodeURIComponent(decisionId)}/reported`,
      { registerReference },
    );
  }
}
