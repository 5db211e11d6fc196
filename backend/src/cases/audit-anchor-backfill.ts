import { AnchorKeyring, extendAnchor, NO_CASE_STREAM, WrittenEvent } from './audit-anchor';

/** A pg Client or Pool, or a TypeORM query runner (which answers rows rather than a result). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const ZERO = `'${NO_CASE_STREAM}'::uuid`;
const STREAM = `coalesce(e.application_id, ${ZERO})`;

/**
 * Anchors every audit stream that has no anchor, as it stands, with `key`. For the chains written
 * before anchors existed (the migration AuditAnchors runs it once) and for the bulk seed, which
 * writes events outside the application. Never for the application's own writes: they anchor
 * what they wrote in the same transaction, and anchoring a stream as it stands would vouch for
 * whatever is in it. Walks the log in keyset batches along the stream index; returns how many
 * streams it anchored.
 */
export async function anchorUnanchoredStreams(db: Queryable, key: string, onProgress?: (streams: number) => void): Promise<number> {
  const keyring = new AnchorKeyring(key);
  const batch = 20_000;
  const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);
  let anchored = 0;
  let pending: unknown[][] = [];
  const flush = async () => {
    if (!pending.length) return;
    const columns = [0, 1, 2, 3, 4, 5].map((i) => pending.map((p) => p[i]));
    // An anchor the application wrote meanwhile (it appended to the stream) is the one to keep.
    await db.query(
      `INSERT INTO audit_anchor (stream, seq, hashes, broken_from, key_id, mac)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::bytea[], $4::int[], $5::text[], $6::bytea[])
       ON CONFLICT (stream) DO NOTHING`,
      columns,
    );
    anchored += pending.length;
    pending = [];
    onProgress?.(anchored);
  };
  let stream: string | null = null;
  let events: WrittenEvent[] = [];
  const close = async () => {
    if (stream === null) return;
    const state = extendAnchor(null, events);
    pending.push([stream, state.seq, state.hashes, state.brokenFrom, keyring.keyId, keyring.sign(stream, state)]);
    if (pending.length >= 5000) await flush();
  };
  let cursor: [string, number] = [NO_CASE_STREAM, 0];
  for (;;) {
    const rows = rowsOf<{ stream: string; seq: number; hash: string }>(
      await db.query(
        `SELECT ${STREAM}::text AS stream, e.stream_seq AS seq, e.hash FROM audit_event e
          WHERE (${STREAM}, e.stream_seq) > ($1::uuid, $2::int)
            AND NOT EXISTS (SELECT 1 FROM audit_anchor an WHERE an.stream = ${STREAM})
          ORDER BY ${STREAM}, e.stream_seq LIMIT ${batch}`,
        cursor,
      ),
    );
    for (const row of rows) {
      if (row.stream !== stream) {
        await close();
        stream = row.stream;
        events = [];
      }
      events.push({ seq: row.seq, prevHash: '', hash: row.hash });
    }
    if (rows.length < batch) break;
    const last = rows[rows.length - 1];
    cursor = [last.stream, last.seq];
  }
  await close();
  await flush();
  return anchored;
}
