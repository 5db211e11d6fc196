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
  firstBrokenAt: { id: number; applicationId: string | null; streamSeq: number; reason: string } | null;
}

/**
 * The append-only audit log. `record` must be called with the transaction's
 * EntityManager so the event commits or rolls back with the change it
 * describes; the database trigger links it into its case's hash chain.
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
    // One pass in the database: recompute every hash, and check that each
    // event links to the one before it in its stream, with no gap.
    const [row] = await this.dataSource.query(`
      WITH chain AS (
        SELECT id, application_id, stream_seq, prev_hash, hash,
               audit_event_digest(prev_hash, stream_seq, occurred_at, actor, application_id, kind, data) AS recomputed,
               lag(hash) OVER w AS previous_hash,
               lag(stream_seq) OVER w AS previous_seq
          FROM audit_event
        WINDOW w AS (PARTITION BY application_id ORDER BY stream_seq)
      ), broken AS (
        SELECT id, application_id, stream_seq,
               CASE WHEN recomputed <> hash THEN 'content does not match its hash'
                    WHEN previous_seq IS NULL AND (stream_seq <> 1 OR prev_hash <> repeat('0', 64))
                      THEN 'the events before this one are missing'
                    WHEN previous_seq IS NOT NULL AND stream_seq <> previous_seq + 1 THEN 'an event is missing before this one'
                    WHEN previous_seq IS NOT NULL AND prev_hash <> previous_hash THEN 'link to the previous event is broken'
               END AS reason
          FROM chain
      )
      SELECT (SELECT count(*) FROM audit_event)::int AS events,
             (SELECT json_build_object('id', id, 'applicationId', application_id, 'streamSeq', stream_seq, 'reason', reason)
                FROM broken WHERE reason IS NOT NULL ORDER BY id LIMIT 1) AS first_broken`);
    const firstBroken = row.first_broken as AuditVerification['firstBrokenAt'];
    return { ok: firstBroken === null, events: row.events, firstBrokenAt: firstBroken };
  }
}
