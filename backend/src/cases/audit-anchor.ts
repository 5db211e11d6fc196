import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The audit log's anchors (docs/architecture.md, "The audit log"): what the application vouches
 * for about each stream of audit events, signed with a key the database never sees.
 *
 * The database chains each stream's events by hash (a trigger computes `hash` from the event and
 * the previous event's hash), which catches a change of one event, but anyone who can write the
 * table can also recompute every later hash, or delete the newest events. The anchor closes that:
 * for every position of the stream the application wrote, it keeps the first 8 bytes of the event's
 * hash, and an HMAC (keyed with AUDIT_ANCHOR_KEY, held only by the application) over the stream
 * id, the positions and those prefixes. Without the key nobody can make an anchor agree with a
 * rewritten, trimmed or extended stream, and verification names the first position where the
 * events and their anchor part.
 *
 * Pure: no database, no Nest. The writers (audit-anchors.ts, intake, the migration that anchored
 * the chains written before anchors existed, the bulk seed) and the verification all use it.
 */

/** Bytes of an event's hash kept per position. 64 bits: finding another event with the same prefix is out of reach. */
export const ANCHOR_HASH_BYTES = 8;

/** The stream of events about no case (as the audit log's unique index spells it). */
export const NO_CASE_STREAM = '00000000-0000-0000-0000-000000000000';

/** The hash before the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** A position the application did not write (someone else's event, appended between the application's writes). */
const UNANCHORED = Buffer.alloc(ANCHOR_HASH_BYTES);

/** What an anchor vouches for: positions 1..seq, one hash prefix each, and where the application found the stream cut short. */
export interface AnchorState {
  /** The last position anchored (the stream's head as the application last wrote it). */
  seq: number;
  /** ANCHOR_HASH_BYTES per position 1..seq; zero bytes where the application did not write the event. */
  hashes: Buffer;
  /**
   * The first position the application found gone or replaced when it next wrote (events deleted
   * from the end, then the application appended again): the anchor cannot vouch for the stream
   * from there on. Null while the stream has only ever grown.
   */
  brokenFrom: number | null;
}

/** An event as the database wrote it (RETURNING stream_seq, prev_hash, hash). */
export interface WrittenEvent {
  seq: number;
  prevHash: string;
  hash: string;
}

/** An anchor as stored: its state, the key it was signed with and the signature. */
export interface StoredAnchor extends AnchorState {
  keyId: string;
  mac: Buffer;
}

export const EMPTY_ANCHOR: AnchorState = { seq: 0, hashes: Buffer.alloc(0), brokenFrom: null };

/** The prefix of an event's hash an anchor keeps. */
export function hashPrefix(hash: string): Buffer {
  return Buffer.from(hash.slice(0, ANCHOR_HASH_BYTES * 2), 'hex');
}

/** The prefix anchored at a position (1-based), or null beyond the anchor. */
export function anchoredAt(state: AnchorState, position: number): Buffer | null {
  if (position < 1 || position > state.seq) return null;
  return state.hashes.subarray((position - 1) * ANCHOR_HASH_BYTES, position * ANCHOR_HASH_BYTES);
}

/** Whether the anchor says the application did not write the event at this position. */
export function isUnanchored(prefix: Buffer): boolean {
  return prefix.equals(UNANCHORED);
}

/**
 * The anchor after the application wrote `written` (one transaction's events of one stream, in
 * order). Positions someone else filled since the last anchor are marked as not the application's;
 * when the application writes at a position the anchor already covers, the events it vouched for
 * from there were deleted, which `brokenFrom` keeps for good.
 */
export function extendAnchor(prior: AnchorState | null, written: WrittenEvent[]): AnchorState {
  let { seq, hashes, brokenFrom } = prior ?? EMPTY_ANCHOR;
  if (!written.length) return { seq, hashes, brokenFrom };
  const events = [...written].sort((a, b) => a.seq - b.seq);
  const first = events[0].seq;
  if (first <= seq) {
    brokenFrom = Math.min(brokenFrom ?? first, first);
    hashes = hashes.subarray(0, (first - 1) * ANCHOR_HASH_BYTES);
    seq = first - 1;
  }
  const parts = [hashes];
  for (; seq < first - 1; seq++) parts.push(UNANCHORED);
  for (const event of events) {
    for (; seq < event.seq - 1; seq++) parts.push(UNANCHORED);
    parts.push(hashPrefix(event.hash));
    seq = event.seq;
  }
  return { seq, hashes: Buffer.concat(parts), brokenFrom };
}

/** A short, stable name for a key, stored with each anchor so that a rotated key's anchors still verify. */
export function anchorKeyId(key: string): string {
  return createHash('sha256').update('tilsagn audit anchor key id\n').update(key).digest('hex').slice(0, 16);
}

function message(stream: string, state: AnchorState): Buffer {
  const head = `tilsagn audit anchor v1\n${stream.toLowerCase()}\n${state.seq}\n${state.brokenFrom ?? '-'}\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), state.hashes]);
}

/**
 * The application's anchor keys: the current one signs; it and the previous ones (after a
 * rotation) verify. The keys never leave the process.
 */
export class AnchorKeyring {
  readonly keyId: string;
  private readonly keys: Map<string, string>;

  constructor(
    private readonly current: string,
    previous: readonly string[] = [],
  ) {
    if (!current) throw new Error('the audit anchor key is empty');
    this.keyId = anchorKeyId(current);
    this.keys = new Map([current, ...previous].filter(Boolean).map((k) => [anchorKeyId(k), k]));
  }

  sign(stream: string, state: AnchorState): Buffer {
    return createHmac('sha256', this.current).update(message(stream, state)).digest();
  }

  /** Whether a stored anchor is one this application signed (with the current or a previous key). */
  verify(stream: string, anchor: StoredAnchor): boolean {
    const key = this.keys.get(anchor.keyId);
    if (!key || anchor.hashes.length !== anchor.seq * ANCHOR_HASH_BYTES) return false;
    const expected = createHmac('sha256', key).update(message(stream, anchor)).digest();
    return anchor.mac.length === expected.length && timingSafeEqual(anchor.mac, expected);
  }

  /** Whether this keyring knows the key an anchor was signed with. */
  knows(keyId: string): boolean {
    return this.keys.has(keyId);
  }
}
