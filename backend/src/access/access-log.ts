import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AccessLogRepository } from './access-log.repository';
import type { AccessEntry } from './access-entry';

/** Written at once when this many are waiting, else every FLUSH_EVERY_MS. */
const BATCH_ROWS = 200;
const FLUSH_EVERY_MS = 250;
/** Kept while the database refuses them; beyond this the oldest are dropped (and said so in the log). */
const MAX_WAITING = 20_000;
const MAX_RETRY_MS = 10_000;

/**
 * The access log's writer. Recording is a push onto an array: no request waits for the database.
 * The rows are written in batches, one multi-row INSERT each, when BATCH_ROWS are waiting or
 * FLUSH_EVERY_MS after the first of them, and everything left is written at shutdown (before the
 * database connections close). When a write fails the rows are kept and tried again with a
 * growing pause (up to MAX_RETRY_MS); past MAX_WAITING rows the oldest are dropped, with an error
 * in the log saying how many. A row the database refuses for its content (it never should) is
 * dropped alone, with an error, so that it cannot hold up the rest. The user's request never fails
 * for the access log.
 */
@Injectable()
export class AccessLog implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly log = new Logger('AccessLog');
  private waiting: AccessEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private retryMs = FLUSH_EVERY_MS;
  private dropped = 0;
  private closed = false;

  constructor(private readonly repository: AccessLogRepository) {}

  record(entry: AccessEntry): void {
    if (this.waiting.length >= MAX_WAITING) {
      // A tenth at a time, so that a request does not pay for moving the whole array while the database is away.
      this.waiting.splice(0, MAX_WAITING / 10);
      this.dropped += MAX_WAITING / 10;
    }
    this.waiting.push(entry);
    if (this.closed) return;
    if (this.waiting.length >= BATCH_ROWS && !this.writing) this.schedule(0);
    else if (!this.timer && !this.writing) this.schedule(FLUSH_EVERY_MS);
  }

  /** Rows recorded and not yet written (tests, shutdown). */
  get pending(): number {
    return this.waiting.length;
  }

  /** Writes everything recorded so far; rejects when the database refuses (the rows are kept). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing) await this.writing.catch(() => undefined);
    while (this.waiting.length) await this.writeBatch();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.flush().catch((err) =>
      this.log.error({ err }, `could not write ${this.waiting.length} access log rows at shutdown; they are lost`),
    );
  }

  /** Anything recorded by requests that finished while the server closed. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.waiting.length) await this.flush().catch(() => this.log.error(`${this.waiting.length} access log rows were not written`));
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.writeBatch().then(
        () => {
          this.retryMs = FLUSH_EVERY_MS;
          if (this.waiting.length && !this.closed) this.schedule(this.waiting.length >= BATCH_ROWS ? 0 : FLUSH_EVERY_MS);
        },
        (err) => {
          this.log.error({ err }, `could not write the access log (${this.waiting.length} rows waiting); trying again`);
          this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
          if (!this.closed) this.schedule(this.retryMs);
        },
      );
    }, ms);
    this.timer.unref();
  }

  /** Writes the oldest BATCH_ROWS rows; on failure they go back in front of the others. */
  private writeBatch(): Promise<void> {
    if (this.dropped) {
      this.log.error(`${this.dropped} access log rows were dropped: the database refused writes for too long`);
      this.dropped = 0;
    }
    const batch = this.waiting.splice(0, BATCH_ROWS);
    const done = this.repository
      .insert(batch)
      .catch((err) => (isDataError(err) ? this.writeOneByOne(batch) : Promise.reject(err)))
      .catch((err) => {
        this.waiting = batch.concat(this.waiting).slice(-MAX_WAITING);
        throw err;
      })
      .finally(() => {
        if (this.writing === done) this.writing = null;
      });
    this.writing = done;
    return done;
  }

  private async writeOneByOne(batch: AccessEntry[]): Promise<void> {
    for (let i = 0; i < batch.length; i++) {
      try {
        await this.repository.insert([batch[i]]);
      } catch (err) {
        if (!isDataError(err)) {
          batch.splice(0, i);
          throw err;
        }
        this.log.error({ err, entry: { ...batch[i], username: undefined } }, 'the database refused an access log row; dropped');
      }
    }
  }
}

/** PostgreSQL refused the values themselves (classes 22 and 23), not the connection or the server. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}
