import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';

export interface AuditEntry {
  kind: string;
  applicationId?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  firstBrokenAt: { seq: number; id: number; reason: string } | null;
}

/**
 * The append-only audit log. `record` must be called with the transaction's
 * EntityManager so the event commits or rolls back with the change it
 * describes; the database trigger assigns the chain position and hash.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_event (actor_id, actor, application_id, kind, data) VALUES ($1, $2, $3, $4, $5)`,
      [actor.id, actor.username, entry.applicationId ?? null, entry.kind, entry.data ?? {}],
    );
  }

  async verify(): Promise<AuditVerification> {
    // One pass in the database: recompute every hash and compare each event's
    // prev_hash with the hash of the event before it in chain order.
    const [row] = await this.dataSource.query(`
      WITH chain AS (
        SELECT id, seq, prev_hash, hash,
               audit_event_digest(prev_hash, seq, occurred_at, actor, application_id, kind, data) AS recomputed,
               lag(hash) OVER (ORDER BY seq) AS previous,
               lag(seq) OVER (ORDER BY seq) AS previous_seq
        FROM audit_event
      ), broken AS (
        SELECT id, seq,
               CASE WHEN recomputed <> hash THEN 'content does not match its hash'
                    WHEN previous IS NULL AND prev_hash <> repeat('0', 64) THEN 'first event does not start the chain'
                    WHEN previous IS NOT NULL AND prev_hash <> previous THEN 'link to the previous event is broken'
                    WHEN previous_seq IS NOT NULL AND seq <> previous_seq + 1 THEN 'an event is missing before this one'
               END AS reason
        FROM chain
      )
      SELECT (SELECT count(*) FROM audit_event)::int AS events,
             (SELECT json_build_object('seq', seq, 'id', id, 'reason', reason)
                FROM broken WHERE reason IS NOT NULL ORDER BY seq LIMIT 1) AS first_broken`);
    const firstBroken = row.first_broken as AuditVerification['firstBrokenAt'];
    return { ok: firstBroken === null, events: row.events, firstBrokenAt: firstBroken };
  }
}
