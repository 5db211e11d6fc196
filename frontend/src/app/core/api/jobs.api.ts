import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../../api/api';
import { listJobs, retryJob } from '../../api/functions';
import { JobRetryResponse, JobsOverviewResponse } from '../../api/models';

/** The background jobs (GET /api/admin/jobs) and an administrator's retry of one. */
@Injectable({ providedIn: 'root' })
export class JobsApi {
  private readonly api = inject(Api);

  overview(): Observable<JobsOverviewResponse> {
    return this.api.invoke(listJobs, {});
  }

  retry(jobId: string): Observable<JobRetryResponse> {
    return this.api.invoke(retryJob, { jobId });
  }
}
