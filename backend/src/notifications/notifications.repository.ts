import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CaseStatus } from '../cases';
import { Db, isoUtc, query, queryOne } from '../common/sql';
import type { NotificationResponse } from './dto/notifications.dto';

/** The columns of a notification, as the API answers it. */
const COLUMNS = `n.id, n.kind, n.application_id AS "applicationId", n.reference, n.actor, n.actor_name AS "actorName", n.data,
  ${isoUtc('n.created_at')} AS "createdAt", CASE WHEN n.read_at IS NULL THEN NULL ELSE ${isoUtc('n.read_at')} END AS "readAt"`;

/**
 * How far before a Last-Event-ID the stream's replay looks again: a notification written in a
 * transaction that committed a moment after a later one's (its time-ordered id is lower) is not
 * missed. The console drops what it already has, by id.
 */
const REPLAY_MARGIN = '10 seconds';
const REPLAY_MAX = 200;

/** A case whose SLA due date is near, with its caseworker. */
export interface DueCase {
  id: string;
  status: CaseStatus;
  assignee_id: string;
  sla_due_on: string;
}

/** The notifications' SQL: always for one recipient, the signed-in person. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page, newest first, after the cursor's id; one row more than the limit, to tell whether there is a next page. */
  page(recipient: string, unreadOnly: boolean, limit: number, beforeId: string | null): Promise<NotificationResponse[]> {
    return query(
      this.dataSource,
      `SELECT ${COLUMNS} FROM notification n
        WHERE n.recipient = $1 AND ($2::boolean IS FALSE OR n.read_at IS NULL) AND ($3::uuid IS NULL OR n.id < $3)
        ORDER BY n.id DESC LIMIT $4`,
      [recipient, unreadOnly, beforeId, limit + 1],
    );
  }

  async unreadCount(recipient: string, db: Db = this.dataSource): Promise<number> {
    const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM notification WHERE recipient = $1 AND read_at IS NULL`, [
      recipient,
    ]);
    return row?.n ?? 0;
  }

  /** One notification, if it is the recipient's. */
  one(recipient: string, id: string): Promise<NotificationResponse | undefined> {
    return queryOne(this.dataSource, `SELECT ${COLUMNS} FROM notification n WHERE n.id = $1 AND n.recipient = $2`, [id, recipient]);
  }

  /** Marks one read (its first reading time stays); undefined when it is not the recipient's. */
  markRead(recipient: string, id: string): Promise<NotificationResponse | undefined> {
    return queryOne(
      this.dataSource,
      `UPDATE notification n SET read_at = coalesce(n.read_at, now()) WHERE n.id = $1 AND n.recipient = $2 RETURNING ${COLUMNS}`,
      [id, recipient],
    );
  }

  /** Marks every unread one read; how many. */
  async markAllRead(recipient: string): Promise<number> {
    const rows = await query<{ id: string }>(
      this.dataSource,
      `UPDATE notification SET read_at = now() WHERE recipient = $1 AND read_at IS NULL RETURNING id`,
      [recipient],
    );
    return rows.length;
  }

  /**
   * What the stream missed since the event it names (Last-Event-ID), oldest first: every later
   * notification, and those of the few seconds before it (REPLAY_MARGIN). Nothing when the id is
   * not one of the recipient's.
   */
  since(recipient: string, lastId: string): Promise<NotificationResponse[]> {
    return query(
      this.dataSource,
      `SELECT ${COLUMNS} FROM notification n, (SELECT created_at FROM notification WHERE id = $2 AND recipient = $1) last
        WHERE n.recipient = $1 AND n.id <> $2 AND (n.id > $2 OR n.created_at >= last.created_at - interval '${REPLAY_MARGIN}')
        ORDER BY n.id LIMIT ${REPLAY_MAX}`,
      [recipient, lastId],
    );
  }

  /** Open cases with a caseworker whose SLA due date is in (after, upTo]. */
  dueBetween(after: string, upTo: string): Promise<DueCase[]> {
    return query(
      this.dataSource,
      `SELECT id, status, assignee_id, to_char(sla_due_on, 'YYYY-MM-DD') AS sla_due_on FROM application
        WHERE assignee_id IS NOT NULL AND status IN ('received', 'in_review', 'recommended')
          AND sla_due_on > $1::date AND sla_due_on <= $2::date`,
      [after, upTo],
    );
  }
}
