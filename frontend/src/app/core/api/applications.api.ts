import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { BulkAssignResult, CaseDetail, Page, QueueItem, QueueQuery } from './models';
import { StatusChange } from './workflow.models';

@Injectable({ providedIn: 'root' })
export class ApplicationsApi {
  private readonly http = inject(HttpClient);

  list(query: QueueQuery): Observable<Page<QueueItem>> {
    let params = new HttpParams();
    if (query.status?.length) params = params.set('status', query.status.join(','));
    if (query.assignee) params = params.set('assignee', query.assignee);
    if (query.q) params = params.set('q', query.q);
    if (query.sizeClass) params = params.set('sizeClass', query.sizeClass);
    if (query.overdue) params = params.set('overdue', 'true');
    if (query.flag) params = params.set('flag', query.flag);
    if (query.sort) params = params.set('sort', query.sort);
    if (query.limit) params = params.set('limit', String(query.limit));
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<Page<QueueItem>>('/api/applications', { params });
  }

  get(id: string): Observable<CaseDetail> {
    return this.http.get<CaseDetail>(`/api/applications/${encodeURIComponent(id)}`);
  }

  assign(id: string, assignee: string | null, version: number): Observable<CaseDetail> {
    return this.http.post<CaseDetail>(`/api/applications/${encodeURIComponent(id)}/assign`, {
      assignee,
      version,
    });
  }

  bulkAssign(assignee: string | null, ids: string[]): Observable<{ results: BulkAssignResult[] }> {
    return this.http.post<{ results: BulkAssignResult[] }>('/api/applications/bulk-assign', {
      assignee,
      ids,
    });
  }

  /** Moves the case to another status (start review, ask the applicant, resume, withdraw). */
  changeStatus(id: string, change: StatusChange): Observable<CaseDetail> {
    return this.http.post<CaseDetail>(`/api/applications/${encodeURIComponent(id)}/status`, change);
  }
}
