import type { Actor } from '../auth/actor';
import { Db, queryOne } from '../common/sql';

/** What a notification tells its recipient (docs/notifications.md). */
export const NOTIFICATION_KINDS = ['returned', 'reply-received', 'deadline-soon', 'assigned'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A notification to write: for whom (their user id), about which case, who acted, and what the text needs. */
export interface Notice {
  recipientId: string | null;
  kind: NotificationKind;
  applicationId: string;
  /** Who acted; null for the system (a deadline). Nobody is told of their own act. */
  actor: Actor | null;
  /** What the console needs to word it (a return's reason, a reply's date, a due date). */
  data?: object;
  /** A notification that must come at most once names itself: a second write with the same key does nothing. */
  dedupeKey?: string;
}

/**
 * Writes a notification inside the transaction of the change it tells about: it exists exactly
 * when the change does, and the table's trigger NOTIFYs the API processes at commit. Nothing is
 * written when there is no recipient, when the recipient is the one who acted, or when they are
 * no longer active. Returns its id, or null when none was written.
 */
export async function writeNotification(tx: Db, notice: Notice): Promise<string | null> {
  if (!notice.recipientId || (notice.actor?.id && notice.actor.id === notice.recipientId)) return null;
  const row = await queryOne<{ id: string }>(
    tx,
    `INSERT INTO notification (recipient, kind, application_id, reference, actor, actor_name, data, dedupe_key)
     SELECT u.username, $2, a.id, a.reference, $4::text, $5::text, $6, $7
       FROM application a JOIN app_user u ON u.id = $1 AND u.active
      WHERE a.id = $3 AND u.username IS DISTINCT FROM $4::text
     ON CONFLICT (recipient, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      notice.recipientId,
      notice.kind,
      notice.applicationId,
      notice.actor?.username ?? null,
      notice.actor?.displayName ?? null,
      notice.data ?? {},
      notice.dedupeKey ?? null,
    ],
  );
  return row?.id ?? null;
}
