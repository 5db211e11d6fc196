import { BeforeApplicationShutdown, Injectable, Logger as NestLogger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger, parseCronItems, run, Runner, TaskList } from 'graphile-worker';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { JOB_SCHEMA } from '../database/job-schema';

/** What a job has yet to do, item by item: how many wait, how many of them failed their last try, the latest of those. */
export interface JobBacklog {
  waiting: number;
  failing: number;
  /** When the oldest of the waiting items was written (UTC ISO), or null when none waits. */
  oldestWaitingAt: string | null;
  failures: { id: string; attempts: number; lastError: string; nextAttemptAt: string | null }[];
}

/** Tries of a job before it counts as failed, unless it says otherwise. */
const DEFAULT_ATTEMPTS = 10;

/** A job a feature registers: what it does, and how often the schedule starts it. */
export interface JobDefinition {
  /** The task's name in the queue (kebab-case), as the admin view lists it. */
  name: string;
  /** What the job does, in a few words, for the admin view. */
  description: string;
  /** A crontab expression in UTC: `* * * * *` is every minute. */
  schedule: string;
  /**
   * The work the job carries beyond its own entries in the queue (the portal's delivery: the
   * outbox's undelivered messages), for the admin view.
   */
  backlog?(): Promise<JobBacklog>;
  /** Tries before the job counts as failed; between tries the queue waits exp(attempt) seconds (2.7 s, 7 s, 20 s, … at most 6 h). */
  maxAttempts?: number;
  run(): Promise<void>;
}

/**
 * Background jobs on PostgreSQL (graphile-worker; docs/jobs-and-outbox.md), inside the API
 * process. Features register their jobs at module init (`register`); at application bootstrap,
 * when JOBS is on, a runner takes jobs from the queue and the schedule adds the periodic ones.
 * Every replica runs one: each job is locked by the one that takes it, and the schedule adds each
 * tick's job once, whichever replica sees the tick. A job that throws is tried again with
 * exponential backoff; one that is still running when the process stops is given back to the
 * queue on a graceful stop, and taken again by the next runner.
 *
 * The queue's schema is installed by the migrations as the owner (database/job-schema.ts); the
 * runner connects as the application role and only finds it up to date.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new NestLogger('Jobs');
  private readonly jobs = new Map<string, JobDefinition>();
  private runner: Runner | null = null;
  private pool: Pool | null = null;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  register(job: JobDefinition): void {
    if (this.runner) throw new Error(`job ${job.name} registered after the runner started`);
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    this.jobs.set(job.name, job);
  }

  /** The registered jobs, by name. */
  definitions(): JobDefinition[] {
    return [...this.jobs.values()];
  }

  /** Whether this process runs the jobs (JOBS=on). */
  get running(): boolean {
    return this.runner !== null;
  }

  /**
   * Runs a job now, in this process, as its schedule would (the tests, and an operator who will
   * not wait for the next tick). A sweep is safe to run beside the scheduled one: each takes its
   * rows under a lock.
   */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job ${name}`);
    await job.run();
  }

  /**
   * Puts a job on the queue to run as soon as a runner is free (any replica's), as its schedule
   * would; when one already waits, that one stays. Works with JOBS=off too: the job then waits for
   * a process that runs jobs.
   */
  async enqueue(name: string, runAt?: Date): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job ${name}`);
    // At a given time (a follow-up), the waiting job moves to it; else a waiting one keeps its time.
    await this.dataSource.query(
      `SELECT ${JOB_SCHEMA}.add_job($1, '{}'::json, job_key := $1, max_attempts := $2, run_at := coalesce($3, now()),
              job_key_mode := CASE WHEN $3::timestamptz IS NULL THEN 'preserve_run_at' ELSE 'replace' END)`,
      [name, job.maxAttempts ?? DEFAULT_ATTEMPTS, runAt ?? null],
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobs || !this.jobs.size) return;
    this.pool = new Pool({ connectionString: this.databaseUrl(), max: 3, application_name: 'tilsagn-jobs' });
    this.pool.on('error', (error) => this.log.warn(`job queue connection: ${error.message}`));
    this.pool.on('connect', (client) => client.on('error', (error) => this.log.warn(`job queue connection: ${error.message}`)));
    const taskList: TaskList = {};
    for (const job of this.jobs.values()) taskList[job.name] = () => job.run();
    this.runner = await run({
      pgPool: this.pool,
      schema: JOB_SCHEMA,
      taskList,
      parsedCronItems: parseCronItems(
        [...this.jobs.values()].map((job) => ({
          task: job.name,
          match: job.schedule,
          identifier: job.name,
          // One waiting job per task: a tick while the last one still waits adds no second.
          options: { backfillPeriod: 0, maxAttempts: job.maxAttempts ?? DEFAULT_ATTEMPTS, jobKey: job.name, jobKeyMode: 'preserve_run_at' },
        })),
      ),
      concurrency: 2,
      pollInterval: 2000,
      noHandleSignals: true,
      logger: this.logger(),
    });
    this.log.log(`running ${this.jobs.size} job(s): ${[...this.jobs.keys()].join(', ')}`);
  }

  /** Before the database connections close: running jobs finish (or go back to the queue unlocked), for the next runner. */
  async beforeApplicationShutdown(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    if (runner) await runner.stop().catch((error: Error) => this.log.warn(`stopping the jobs: ${error.message}`));
    await this.pool?.end();
    this.pool = null;
  }

  /** The API's own database URL (the application role). */
  private databaseUrl(): string {
    const options = this.dataSource.options as { url?: string; replication?: { master: { url?: string } } };
    const url = options.url ?? options.replication?.master.url;
    if (!url) throw new Error('the job queue needs the database URL');
    return url;
  }

  /** graphile-worker's log lines, through the application's logger (its debug lines left out). */
  private logger(): Logger {
    return new Logger(() => (level, message) => {
      if (level === 'error') this.log.error(message);
      else if (level === 'warning') this.log.warn(message);
      else if (level === 'info') this.log.log(message);
    });
  }
}
