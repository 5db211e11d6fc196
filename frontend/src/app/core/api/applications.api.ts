import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../../api/api';
import {
  assignCase,
  bulkAssignCases,
  changeCaseStatus,
  exportQueue$Csv,
  exportQueue$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet,
  getCase,
  listQueue,
  queueCounts,
} from '../../api/functions';
import { BulkAssignResults, CaseView, QueueCounts, QueuePage, QueueQuery } from './models';
import { StatusChangeDto } from './workflow.models';

/** The queue and the case itself, through the generated client (src/app/api). */
@Injectable({ providedIn: 'root' })
export class ApplicationsApi {
  private readonly api = inject(Api);

  /** Leaves out what is not asked for: no empty status list, no `overdue=false`. */
  list(query: QueueQuery): Observable<QueuePage> {
    return this.api.invoke(listQueue, {
      queue: query.queue,
      returned: query.returned || undefined,
      status: query.status?.length ? [...query.status] : undefined,
      assignee: query.assignee || undefined,
      q: query.q || undefined,
      sizeClass: query.sizeClass ? [query.sizeClass] : undefined,
      overdue: query.overdue || undefined,
      replyOverdue: query.replyOverdue || undefined,
      flag: query.flag ? [query.flag] : undefined,
      sort: query.sort || undefined,
      limit: query.limit || undefined,
      cursor: query.cursor || undefined,
    });
  }

  /**
   * Every case of a view as a CSV or Excel file (the filters and sort of `query`; paging left
   * out): a blob, fetched with the session's token like every other call.
   */
  export(query: QueueQuery, format: 'csv' | 'xlsx', lang: 'nb' | 'en'): Observable<Blob> {
    const params = {
      format,
      lang,
      queue: query.queue,
      returned: query.returned || undefined,
      status: query.status?.length ? [...query.status] : undefined,
      assignee: query.assignee || undefined,
      q: query.q || undefined,
      sizeClass: query.sizeClass ? [query.sizeClass] : undefined,
      overdue: query.overdue || undefined,
      replyOverdue: query.replyOverdue || undefined,
      flag: query.flag ? [query.flag] : undefined,
      sort: query.sort || undefined,
    };
    return format === 'csv'
      ? this.api.invoke(exportQueue$Csv, params)
      : this.api.invoke(exportQueue$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet, params);
  }

  /** How many cases each of the caller's queues holds (only the queues their roles may open). */
  counts(): Observable<QueueCounts> {
    return this.api.invoke(queueCounts, {});
  }

  get(id: string): Observable<CaseView> {
    return this.api.invoke(getCase, { id });
  }

  assign(id: string, assignee: string | null, version: number): Observable<CaseView> {
    return this.api.invoke(assignCase, { id, body: { assignee, version } });
  }

  bulkAssign(assignee: string | null, ids: string[]): Observable<BulkAssignResults> {
    return this.api.invoke(bulkAssignCases, { body: { assignee, ids } });
  }

  /** Moves the case to another status (start review, ask the applicant, resume, withdraw). */
  changeStatus(id: string, change: StatusChangeDto): Observable<CaseView> {
    return this.api.invoke(changeCaseStatus, { id, body: change });
  }
}
