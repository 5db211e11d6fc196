import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isoUtc, query } from '../common/sql';
import { JOB_SCHEMA } from '../database/job-schema';

export interface QueueCounts {
  name: string;
  pending: number;
  active: number;
  failed: number;
  retrying: number;
}

export interface JobFailure {
  subject: 'job';
  id: string;
  name: string;
  attempts: number;
  maxAttempts: number;
  lastError: string;
  failedAt: string;
  nextAttemptAt: string | null;
}

/** A job put back on the queue to run now. */
export interface RetriedJob {
  id: string;
  name: string;
  attempts: number;
  maxAttempts: number;
  runAt: string;
}

/** Who asked for a retry, for the access log. */
export interface RetryBy {
  username: string;
  route: string;
  requestId: string | null;
  clientAddress: string | null;
}

/** What the queue holds, read from graphile-worker's jobs view (finished jobs are deleted by it). */
@Injectable()
export class JobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  counts(): Promise<QueueCounts[]> {
    return query<QueueCounts>(
      this.dataSource,
      `SELECT task_identifier AS name,
              count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts)::int AS pending,
              count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS active,
              count(*) FILTER (WHERE attempts >= max_attempts)::int AS failed,
              count(*) FILTER (WHERE last_error IS NOT NULL AND attempts < max_attempts)::int AS retrying
         FROM ${JOB_SCHEMA}.jobs GROUP BY task_identifier`,
    );
  }

  failures(limit = 20): Promise<JobFailure[]> {
    return query<JobFailure>(
      this.dataSource,
      `SELECT 'job' AS subject, id::text, task_identifier AS name, attempts, max_attempts AS "maxAttempts", last_error AS "lastError",
              ${isoUtc('updated_at')} AS "failedAt",
              CASE WHEN attempts < max_attempts THEN ${isoUtc('run_at')} END AS "nextAttemptAt"
         FROM ${JOB_SCHEMA}.jobs WHERE last_error IS NOT NULL ORDER BY updated_at DESC, id DESC LIMIT $1`,
      [limit],
    );
  }

  /**
   * Puts a job back on the queue to run now with every attempt ahead of it (a failed one, or one
   * waiting out its backoff), through graphile-worker's own `reschedule_jobs`, and records who did
   * so in the access log in the same transaction. WorkerUtils.rescheduleJobs calls the same
   * function but passes `attempts || null`, so it cannot set the attempts back to 0. The function
   * leaves a locked (running) job alone: then `running`; no such job: `missing`.
   */
  async retry(id: string, by: RetryBy): Promise<RetriedJob | 'missing' | 'running'> {
    return this.dataSource.transaction(async (tx) => {
      const [rescheduled] = await tx.query(
        `SELECT id::text FROM ${JOB_SCHEMA}.reschedule_jobs(ARRAY[$1::bigint], run_at := now(), attempts := 0)`,
        [id],
      );
      const [job] = await tx.query(
        `SELECT id::text, task_identifier AS name, attempts, max_attempts AS "maxAttempts", ${isoUtc('run_at')} AS "runAt"
           FROM ${JOB_SCHEMA}.jobs WHERE id = $1::bigint`,
        [id],
      );
      if (!rescheduled) {
        return job ? 'running' : 'missing';
      }
      await tx.query(
        `INSERT INTO access_log (occurred_at, kind, username, subject, route, status, request_id, client_address)
         VALUES (now(), 'job-retried', $1, $2, $3, 200, $4, $5)`,
        [by.username, `${job.name} #${job.id}`, by.route, by.requestId, by.clientAddress],
      );
      return job as RetriedJob;
    });
  }
}
