import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { auditStreamOf, StoredAnchor } from '../cases';
import { Db, query, queryOne } from '../common/sql';

/** An audit event as verification reads it: where it stands, and whether its hash and its link hold. */
export interface CheckedEventRow {
  stream: string;
  seq: number;
  hash: string;
  kind: string;
  /** The stored hash is the hash of the event's content and its predecessor's hash (recomputed here). */
  sound: boolean;
  /** prev_hash equals the hash of the event before it in this read; null for the first of its stream in the read. */
  linked: boolean | null;
  /** prev_hash, given only for the first event of its stream in the read (to link it across reads). */
  first_prev: string | null;
}

interface AnchorRow {
  stream: string;
  seq: number;
  hashes: Buffer;
  broken_from: number | null;
  key_id: string;
  mac: Buffer;
}

/** The event at a position, for a finding's report. */
export interface EventAtRow {
  id: string;
  kind: string;
  table: string | null;
  operation: string | null;
}

/**
 * The event's hash recomputed from its columns, as the chain trigger (audit_event_digest) computes
 * it, spelled out with built-in functions only: verification does not rely on a function the
 * table's owner could replace.
 */
const RECOMPUTED = `encode(pg_catalog.sha256(pg_catalog.convert_to(pg_catalog.concat_ws('|', e.prev_hash, e.stream_seq::text,
    pg_catalog.to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor,
    coalesce(e.application_id::text, ''), e.kind, e.data::text), 'UTF8')), 'hex')`;

/** The columns of CheckedEventRow over `b` (a batch of events in stream order), with the links checked inside the batch. */
const CHECKED = `b.stream::text AS stream, b.seq, b.hash, b.kind, b.sound,
       b.prev_hash = lag(b.hash) OVER w AS linked,
       CASE WHEN lag(b.hash) OVER w IS NULL THEN b.prev_hash END AS first_prev`;

/**
 * The audit log as verification reads it (oversight/audit-verification.ts): events in keyset
 * batches along the stream index (uq_audit_event_stream), never the whole log at once, and the
 * anchors beside them. Each batch reads its events and their anchors in one snapshot.
 */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one read-only snapshot (the events and anchors it reads agree with each other). */
  snapshot<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      return work(tx);
    });
  }

  /** Up to `limit` events after position `seq` of `stream`, in stream order. */
  async eventsAfter(db: Db, stream: string, seq: number, limit: number): Promise<CheckedEventRow[]> {
    return query<CheckedEventRow>(
      db,
      `SELECT ${CHECKED}
         FROM (SELECT ${auditStreamOf('e')} AS stream, e.stream_seq AS seq, e.prev_hash, e.hash, e.kind, e.hash = ${RECOMPUTED} AS sound
                 FROM audit_event e
                WHERE (${auditStreamOf('e')}, e.stream_seq) > ($1::uuid, $2::int)
                ORDER BY ${auditStreamOf('e')}, e.stream_seq
                LIMIT $3) b
       WINDOW w AS (PARTITION BY b.stream ORDER BY b.seq)
       ORDER BY b.stream, b.seq`,
      [stream, seq, limit],
    );
  }

  /** Up to `limit` events of one stream after position `seq`, in order. */
  async streamEvents(db: Db, stream: string, seq: number, limit: number): Promise<CheckedEventRow[]> {
    return query<CheckedEventRow>(
      db,
      `SELECT ${CHECKED}
         FROM (SELECT ${auditStreamOf('e')} AS stream, e.stream_seq AS seq, e.prev_hash, e.hash, e.kind, e.hash = ${RECOMPUTED} AS sound
                 FROM audit_event e
                WHERE ${auditStreamOf('e')} = $1::uuid AND e.stream_seq > $2
                ORDER BY ${auditStreamOf('e')}, e.stream_seq
                LIMIT $3) b
       WINDOW w AS (PARTITION BY b.stream ORDER BY b.seq)
       ORDER BY b.seq`,
      [stream, seq, limit],
    );
  }

  /** The anchors of the streams after `after` (exclusive; null: from the start) up to `upTo` (inclusive; null: to the end), at most `limit`. */
  async anchors(db: Db, after: string | null, upTo: string | null, limit: number): Promise<(StoredAnchor & { stream: string })[]> {
    const rows = await query<AnchorRow>(
      db,
      `SELECT stream::text AS stream, seq, hashes, broken_from, key_id, mac FROM audit_anchor
        WHERE ($1::uuid IS NULL OR stream > $1) AND ($2::uuid IS NULL OR stream <= $2)
        ORDER BY stream LIMIT $3`,
      [after, upTo, limit],
    );
    return rows.map(toAnchor);
  }

  async anchorOf(db: Db, stream: string): Promise<StoredAnchor | null> {
    const row = await queryOne<AnchorRow>(
      db,
      `SELECT stream::text AS stream, seq, hashes, broken_from, key_id, mac FROM audit_anchor WHERE stream = $1`,
      [stream],
    );
    return row ? toAnchor(row) : null;
  }

  /** The event at a position of a stream, if there is one. */
  async eventAt(stream: string, seq: number): Promise<EventAtRow | undefined> {
    return queryOne<EventAtRow>(
      this.dataSource,
      `SELECT e.id::text AS id, e.kind, e.data->>'table' AS table, e.data->>'operation' AS operation
         FROM audit_event e WHERE ${auditStreamOf('e')} = $1::uuid AND e.stream_seq = $2`,
      [stream, seq],
    );
  }

  /** Whether the case exists (its row, its events or its anchor: a case deleted by hand still has the latter). */
  async streamExists(stream: string): Promise<boolean> {
    const row = await queryOne<{ found: boolean }>(
      this.dataSource,
      `SELECT EXISTS (SELECT 1 FROM application WHERE id = $1) OR EXISTS (SELECT 1 FROM audit_anchor WHERE stream = $1)
           OR EXISTS (SELECT 1 FROM audit_event e WHERE ${auditStreamOf('e')} = $1) AS found`,
      [stream],
    );
    return row?.found ?? false;
  }

  /** About how many events there are (the planner's estimate, for progress). */
  async estimatedEvents(): Promise<number> {
    const row = await queryOne<{ n: number }>(
      this.dataSource,
      `SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'audit_event'::regclass`,
    );
    return row?.n ?? 0;
  }
}

function toAnchor(r: AnchorRow): StoredAnchor & { stream: string } {
  return { stream: r.stream, seq: r.seq, hashes: r.hashes, brokenFrom: r.broken_from, keyId: r.key_id, mac: r.mac };
}
