import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CASE_STATUSES } from '../cases';
import { Db, query, queryOne } from '../common/sql';

/** The statuses of an undecided case, as ix_application_preliminary_reply_due's predicate spells them. */
const UNDECIDED = CASE_STATUSES.filter((s) => s !== 'decided' && s !== 'withdrawn');

/**
 * The SQL of the dialogue's deadlines. Each sweep reads only what is still to do, through a
 * partial index over exactly those rows (migration PortalOutbox1764510000000), so its cost does
 * not grow with the office: at 1 000 000 cases it reads the few due ones.
 */
@Injectable()
export class DeadlinesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open requests whose reply-by date is before `today` (Oslo) and not yet marked (ix_information_request_reply_due). */
  lateRequests(today: string, limit: number): Promise<{ id: string; application_id: string; reply_by: string }[]> {
    return query(
      this.dataSource,
      `SELECT id, application_id, reply_by FROM information_request
        WHERE resumed_at IS NULL AND overdue_at IS NULL AND reply_by < $1::date
        ORDER BY reply_by, id LIMIT $2`,
      [today, limit],
    );
  }

  /** Marks the request late, unless it was answered, closed or marked meanwhile; whether it did. */
  async markLate(tx: Db, requestId: string): Promise<boolean> {
    const row = await queryOne<{ id: string }>(
      tx,
      `UPDATE information_request SET overdue_at = now() WHERE id = $1 AND resumed_at IS NULL AND overdue_at IS NULL RETURNING id`,
      [requestId],
    );
    return row !== undefined;
  }

  /**
   * Undecided cases received a month or more ago that have had no preliminary reply, oldest first
   * (ix_application_preliminary_reply_due). The due ones are found first, without order or limit:
   * asked for the oldest 100 directly, the planner walks the index of every case by receipt
   * instead, expecting decided cases to be due too (it takes the two conditions as independent),
   * and reads the whole office to find none (1.6 s at 1 000 000 cases, against 0.05 ms).
   */
  preliminaryReplyDue(limit: number): Promise<{ id: string }[]> {
    return query(
      this.dataSource,
      `WITH due AS MATERIALIZED (
         SELECT id, received_at FROM application
          WHERE preliminary_reply_at IS NULL AND status IN (${UNDECIDED.map((s) => `'${s}'`).join(', ')})
            AND received_at <= now() - interval '1 month')
       SELECT id FROM due ORDER BY received_at, id LIMIT $1`,
      [limit],
    );
  }

  /** Records the preliminary reply on the case, unless one was recorded meanwhile; what the message needs. */
  markPreliminaryReply(
    tx: Db,
    id: string,
  ): Promise<{ reference: string; project_title: string; received_at: Date; sla_due_on: string } | undefined> {
    return queryOne(
      tx,
      `UPDATE application SET preliminary_reply_at = now()
        WHERE id = $1 AND preliminary_reply_at IS NULL AND received_at <= now() - interval '1 month'
        RETURNING reference, project_title, received_at, sla_due_on`,
      [id],
    );
  }
}
