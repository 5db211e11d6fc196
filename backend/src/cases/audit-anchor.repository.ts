import type { Db } from '../common/sql';
import type { AnchorState, WrittenEvent } from './audit-anchor';

/**
 * The audit anchors' SQL, and what a transaction wrote to the audit log until its anchors are
 * signed (cases/audit-anchors.ts).
 *
 * Each statement that writes audit events returns, for every event, its position, previous hash
 * and hash (RETURNING `AUDIT_WRITTEN_COLUMNS`) and the stream's anchor as the transaction found it
 * (joined with `anchorColumnsOf`); the writer hands them to `noteWritten`. Before the transaction
 * commits, AuditAnchors.seal signs the new anchor of each stream it wrote to.
 */

/** What an audit insert returns for the anchor: `INSERT ... RETURNING ${AUDIT_WRITTEN_COLUMNS}`. */
export const AUDIT_WRITTEN_COLUMNS = 'application_id, stream_seq, prev_hash, hash';

/**
 * The stream's anchor beside the events an insert returned (`e`, with AUDIT_WRITTEN_COLUMNS):
 * `SELECT ${writtenColumnsOf('e')} FROM e LEFT JOIN audit_anchor an ON ${anchorJoinOf('e')}`.
 */
export const writtenColumnsOf = (e: string): string =>
  `${e}.stream_seq, ${e}.prev_hash, ${e}.hash, an.seq AS anchor_seq, an.hashes AS anchor_hashes, an.broken_from AS anchor_broken_from`;
export const anchorJoinOf = (e: string): string =>
  `an.stream = coalesce(${e}.application_id, '00000000-0000-0000-0000-000000000000'::uuid)`;

/** An event an insert wrote, with the stream's anchor before the transaction. */
export interface WrittenEventRow {
  stream_seq: number;
  prev_hash: string;
  hash: string;
  anchor_seq: number | null;
  anchor_hashes: Buffer | null;
  anchor_broken_from: number | null;
}

interface Pending {
  prior: AnchorState | null;
  written: WrittenEvent[];
}

/** Per transaction (its connection's query runner, or the manager itself), per stream: what it wrote. */
const pending = new WeakMap<object, Map<string, Pending>>();

function keyOf(tx: Db): object {
  return ('queryRunner' in tx && tx.queryRunner) || tx;
}

/** Notes events a transaction wrote to a stream, so that its anchor follows before the commit. */
export function noteWritten(tx: Db, stream: string, rows: WrittenEventRow[]): void {
  if (!rows.length) return;
  const key = keyOf(tx);
  let streams = pending.get(key);
  if (!streams) pending.set(key, (streams = new Map()));
  let entry = streams.get(stream);
  if (!entry) {
    const [first] = rows;
    const prior =
      first.anchor_seq === null
        ? null
        : { seq: first.anchor_seq, hashes: first.anchor_hashes ?? Buffer.alloc(0), brokenFrom: first.anchor_broken_from };
    streams.set(stream, (entry = { prior, written: [] }));
  }
  for (const r of rows) entry.written.push({ seq: r.stream_seq, prevHash: r.prev_hash, hash: r.hash });
}

/** What a transaction wrote to a stream (and the anchor it found), forgotten as it is taken; null when nothing. */
export function takeWritten(tx: Db, stream: string): Pending | null {
  const streams = pending.get(keyOf(tx));
  const entry = streams?.get(stream) ?? null;
  streams?.delete(stream);
  return entry;
}

/** Writes (or replaces) a stream's anchor: $1 the stream, $2 seq, $3 hashes, $4 broken_from, $5 key_id, $6 mac. */
export const SAVE_ANCHOR_SQL = `INSERT INTO audit_anchor (stream, seq, hashes, broken_from, key_id, mac) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (stream) DO UPDATE SET seq = EXCLUDED.seq, hashes = EXCLUDED.hashes, broken_from = EXCLUDED.broken_from,
    key_id = EXCLUDED.key_id, mac = EXCLUDED.mac, anchored_at = now()`;

export async function saveAnchor(tx: Db, params: unknown[]): Promise<void> {
  await tx.query(SAVE_ANCHOR_SQL, params);
}

/**
 * SAVE_ANCHOR_SQL with its values written in, to send in one round trip with the COMMIT that
 * follows it (intake, the hottest write). Every value is one the application made and is checked
 * here: the stream a UUID, the positions integers, the key id and the bytes hexadecimal.
 */
export function saveAnchorStatement(params: unknown[]): string {
  const [stream, seq, hashes, brokenFrom, keyId, mac] = params;
  const ok =
    typeof stream === 'string' &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(stream) &&
    Number.isInteger(seq) &&
    (brokenFrom === null || Number.isInteger(brokenFrom)) &&
    typeof keyId === 'string' &&
    /^[0-9a-f]{1,64}$/.test(keyId) &&
    Buffer.isBuffer(hashes) &&
    Buffer.isBuffer(mac);
  if (!ok) throw new Error('an audit anchor with values of the wrong kind');
  const values = [
    `'${stream}'`,
    String(seq),
    `'\\x${hashes.toString('hex')}'`,
    brokenFrom === null ? 'NULL' : String(brokenFrom),
    `'${keyId}'`,
    `'\\x${mac.toString('hex')}'`,
  ];
  return SAVE_ANCHOR_SQL.replace(/\$(\d)/g, (_, i: string) => values[Number(i) - 1]);
}
