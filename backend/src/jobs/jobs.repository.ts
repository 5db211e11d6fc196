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
}
