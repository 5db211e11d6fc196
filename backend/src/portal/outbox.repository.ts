import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isoUtc, query, queryOne } from '../common/sql';
import type { JobBacklog } from '../jobs/jobs.service';
import type { PortalMessageResponse } from './dto/outbox.dto';

const MESSAGE = `jsonb_build_object('id', o.id, 'applicationId', o.application_id, 'externalRef', o.external_ref, 'kind', o.kind,
  'createdAt', ${isoUtc('o.created_at')}, 'payload', o.payload) AS message`;

/** A message as the webhook takes it, with how often it was tried. */
export interface DueMessage {
  message: PortalMessageResponse;
  attempts: number;
}

/**
 * The portal's outbox (migration PortalOutbox1764510000000). Messages are read in `seq` order,
 * the order their transactions committed in; a message is never changed but for its delivery.
 */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Where `after` stands in the order, or undefined when there is no such message. */
  async seqOf(id: string): Promise<string | undefined> {
    const row = await queryOne<{ seq: string }>(this.dataSource, `SELECT seq::text FROM portal_outbox WHERE id = $1`, [id]);
    return row?.seq;
  }

  async page(afterSeq: string | null, limit: number): Promise<PortalMessageResponse[]> {
    const rows = await query<{ message: PortalMessageResponse }>(
      this.dataSource,
      `SELECT ${MESSAGE} FROM portal_outbox o WHERE o.seq > $1::bigint ORDER BY o.seq LIMIT $2`,
      [afterSeq ?? '0', limit],
    );
    return rows.map((r) => r.message);
  }

  /**
   * Takes up to `limit` undelivered messages that are due, oldest first, for `leaseSeconds`: none
   * is taken by two deliveries at once, and one whose delivery died with its process is due again
   * when the lease ends (at least once).
   */
  async take(limit: number, leaseSeconds: number): Promise<DueMessage[]> {
    return query<DueMessage>(
      this.dataSource,
      `WITH due AS (
         SELECT id FROM portal_outbox
          WHERE delivered_at IS NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE portal_outbox o SET next_attempt_at = now() + make_interval(secs => $2)
         FROM due WHERE o.id = due.id
       RETURNING ${MESSAGE}, o.attempts`,
      [limit, leaseSeconds],
    );
  }

  /**
   * The undelivered messages: how many, how many failed their last try, when the oldest was written,
   * and the latest failures (ix_portal_outbox_undelivered).
   */
  async backlog(limit = 20): Promise<JobBacklog> {
    const [counts] = await query<{ waiting: number; failing: number; oldestWaitingAt: string | null }>(
      this.dataSource,
      `SELECT count(*)::int AS waiting, count(*) FILTER (WHERE last_error IS NOT NULL)::int AS failing,
              ${isoUtc('min(created_at)')} AS "oldestWaitingAt"
         FROM portal_outbox WHERE delivered_at IS NULL`,
    );
    const failures = await query<JobBacklog['failures'][number]>(
      this.dataSource,
      `SELECT id, attempts, last_error AS "lastError", ${isoUtc('next_attempt_at')} AS "nextAttemptAt"
         FROM portal_outbox WHERE delivered_at IS NULL AND last_error IS NOT NULL ORDER BY next_attempt_at DESC, id LIMIT $1`,
      [limit],
    );
    return { ...counts, failures };
  }

  /** When the next undelivered message is due, if there is one. */
  async nextDue(): Promise<Date | null> {
    const row = await queryOne<{ at: Date | null }>(
      this.dataSource,
      `SELECT min(next_attempt_at) AS at FROM portal_outbox WHERE delivered_at IS NULL`,
    );
    return row?.at ?? null;
  }

  async delivered(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE portal_outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [
      id,
    ]);
  }

  /** A failed try: tried again after `retryInSeconds`. */
  async failed(id: string, error: string, retryInSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE portal_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3)
        WHERE id = $1 AND delivered_at IS NULL`,
      [id, error.slice(0, 2000), retryInSeconds],
    );
  }
}
