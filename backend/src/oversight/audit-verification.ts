import { AnchorKeyring, anchoredAt, GENESIS_HASH, hashPrefix, isUnanchored, NO_CASE_STREAM, StoredAnchor } from '../cases';
import type { Db } from '../common/sql';
import { AuditRepository, CheckedEventRow } from './audit.repository';

/**
 * Verifies the audit log (docs/architecture.md, "The audit log"): every stream's hash chain, and
 * every stream against its anchor, the application's HMAC-signed record of what it wrote. Names,
 * per case, the first position where the log is not as the application left it.
 *
 * It walks the log in keyset batches along the stream index, each batch with its anchors in one
 * snapshot, so it never holds more than a batch in memory, and reports progress after each. A
 * stream written while the walk passes it can look broken at a batch's edge; every stream found
 * broken is checked again on its own, in one snapshot, before it is reported.
 */

/** What is wrong at a position. */
export type AuditProblem =
  'missing' | 'link' | 'content' | 'rewritten' | 'unanchored' | 'db-change' | 'truncated' | 'replaced' | 'anchor-invalid';

export const AUDIT_PROBLEMS: readonly AuditProblem[] = [
  'missing',
  'link',
  'content',
  'rewritten',
  'unanchored',
  'db-change',
  'truncated',
  'replaced',
  'anchor-invalid',
];

/** The first bad position of one stream. */
export interface AuditFinding {
  /** The case, or null for the stream of events about no case. */
  applicationId: string | null;
  /** The first position (stream_seq) that is not as the application wrote it. */
  streamSeq: number;
  /** The event at that position; null when there is none (it was deleted). */
  id: number | null;
  problem: AuditProblem;
  reason: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Events checked. */
  events: number;
  /** Streams checked (cases, and the stream of events about no case). */
  streams: number;
  /** Streams with a finding. */
  brokenStreams: number;
  /** The first finding in stream order (by case id). */
  firstBrokenAt: AuditFinding | null;
  /** The findings, one per broken stream, in stream order; at most `maxFindings` (see brokenStreams for all). */
  broken: AuditFinding[];
}

export interface AuditProgress {
  events: number;
  streams: number;
  brokenStreams: number;
  /** The planner's estimate of all events, for a percentage; 0 when unknown. */
  estimatedEvents: number;
}

export interface VerifyOptions {
  /** Events per batch (one snapshot each). */
  batchSize?: number;
  /** Findings listed in full (each checked again on its own); the rest are counted. */
  maxFindings?: number;
  onProgress?: (progress: AuditProgress) => void;
}

/** How one stream fares, event by event in order: its first bad position and what is wrong there. */
export class StreamCheck {
  events = 0;
  private lastSeq = 0;
  private lastHash = GENESIS_HASH;
  private first: { seq: number; problem: AuditProblem } | null = null;
  private readonly anchorValid: boolean;

  constructor(
    readonly stream: string,
    private readonly anchor: StoredAnchor | null,
    keyring: AnchorKeyring,
  ) {
    this.anchorValid = anchor !== null && keyring.verify(stream, anchor);
    if (anchor && !this.anchorValid) this.bad(1, 'anchor-invalid');
  }

  add(e: CheckedEventRow): void {
    if (e.seq > this.lastSeq + 1) this.bad(this.lastSeq + 1, 'missing');
    else if (!(e.linked ?? e.first_prev === this.lastHash)) this.bad(e.seq, 'link');
    if (!e.sound) this.bad(e.seq, 'content');
    if (this.anchorValid || !this.anchor) {
      const anchored = this.anchor ? anchoredAt(this.anchor, e.seq) : null;
      if (!anchored || isUnanchored(anchored)) this.bad(e.seq, e.kind === 'db-change' ? 'db-change' : 'unanchored');
      else if (!anchored.equals(hashPrefix(e.hash))) this.bad(e.seq, 'rewritten');
    }
    this.lastSeq = e.seq;
    this.lastHash = e.hash;
    this.events++;
  }

  /** The stream's first bad position, once all its events were added; null when it is as the application wrote it. */
  finish(): { seq: number; problem: AuditProblem; anchoredSeq: number } | null {
    if (this.anchor && this.anchorValid) {
      if (this.lastSeq < this.anchor.seq) this.bad(this.lastSeq + 1, 'truncated');
      if (this.anchor.brokenFrom) this.bad(this.anchor.brokenFrom, 'replaced');
    }
    return this.first && { ...this.first, anchoredSeq: this.anchor?.seq ?? 0 };
  }

  private bad(seq: number, problem: AuditProblem): void {
    if (!this.first || seq < this.first.seq) this.first = { seq, problem };
  }
}

type Anchored = StoredAnchor & { stream: string };

export class AuditVerifier {
  constructor(
    private readonly repository: AuditRepository,
    private readonly keyring: AnchorKeyring,
  ) {}

  /** The whole log, stream by stream. */
  async verifyAll(options: VerifyOptions = {}): Promise<AuditVerification> {
    const batchSize = options.batchSize ?? 10_000;
    const maxFindings = options.maxFindings ?? 100;
    const estimatedEvents = await this.repository.estimatedEvents();
    const result: AuditVerification = { ok: true, events: 0, streams: 0, brokenStreams: 0, firstBrokenAt: null, broken: [] };
    let suspects: string[] = [];
    let current = null as StreamCheck | null;
    const queue: Anchored[] = [];
    const finish = (check: StreamCheck) => {
      result.streams++;
      result.events += check.events;
      if (check.finish()) suspects.push(check.stream);
    };
    // Streams with an anchor but no events before `stream` (every event deleted).
    const anchorsOnlyBefore = (stream: string | null) => {
      while (queue.length && (stream === null || queue[0].stream < stream)) {
        finish(new StreamCheck(queue[0].stream, queue.shift()!, this.keyring));
      }
    };
    // Suspects are checked again on their own; the first maxFindings are listed.
    const confirm = async () => {
      for (const stream of suspects) {
        if (result.broken.length >= maxFindings) {
          result.brokenStreams++;
          continue;
        }
        const finding = await this.verifyStream(stream);
        if (finding) {
          result.brokenStreams++;
          result.broken.push(finding);
        }
      }
      suspects = [];
    };

    let cursor: [string, number] = [NO_CASE_STREAM, 0];
    let anchorsUpTo: string | null = null;
    for (let more = true; more;) {
      const after: string | null = anchorsUpTo;
      const { rows, anchors } = await this.repository.snapshot(async (db): Promise<{ rows: CheckedEventRow[]; anchors: Anchored[] }> => {
        const events = await this.repository.eventsAfter(db, cursor[0], cursor[1], batchSize);
        // The anchors of the streams this batch reaches (and of any without events between them).
        const upTo = events.length ? events[events.length - 1].stream : null;
        return { rows: events, anchors: upTo ? await this.repository.anchors(db, after, upTo, Number.MAX_SAFE_INTEGER) : [] };
      });
      queue.push(...anchors);
      for (const row of rows) {
        if (row.stream !== current?.stream) {
          if (current) finish(current);
          anchorsOnlyBefore(row.stream);
          const anchor: Anchored | null = queue[0]?.stream === row.stream ? queue.shift()! : null;
          current = new StreamCheck(row.stream, anchor, this.keyring);
        }
        current.add(row);
      }
      more = rows.length === batchSize;
      if (rows.length) {
        const last: CheckedEventRow = rows[rows.length - 1];
        cursor = [last.stream, last.seq];
        anchorsUpTo = last.stream;
      }
      if (!more) {
        if (current) finish(current);
        // Anchors after the last event's stream: cases whose every event was deleted.
        for (let page = true; page;) {
          const from: string | null = anchorsUpTo;
          const rest: Anchored[] = await this.repository.snapshot((db) => this.repository.anchors(db, from, null, batchSize));
          queue.push(...rest);
          anchorsOnlyBefore(null);
          page = rest.length === batchSize;
          if (rest.length) anchorsUpTo = rest[rest.length - 1].stream;
        }
      }
      await confirm();
      options.onProgress?.({ ...this.progress(result), estimatedEvents });
    }
    result.ok = result.brokenStreams === 0;
    result.firstBrokenAt = result.broken[0] ?? null;
    return result;
  }

  /** One stream (a case's, or NO_CASE_STREAM), in one snapshot: its first bad position, or null. */
  async verifyStream(stream: string, counts?: { events: number }): Promise<AuditFinding | null> {
    const found = await this.repository.snapshot(async (db: Db) => {
      const check = new StreamCheck(stream, await this.repository.anchorOf(db, stream), this.keyring);
      for (let seq = 0; ;) {
        const rows = await this.repository.streamEvents(db, stream, seq, 10_000);
        for (const row of rows) check.add(row);
        if (rows.length < 10_000) break;
        seq = rows[rows.length - 1].seq;
      }
      if (counts) counts.events = check.events;
      return check.finish();
    });
    return found && this.describe(stream, found.seq, found.problem, found.anchoredSeq);
  }

  private progress(r: AuditVerification): Omit<AuditProgress, 'estimatedEvents'> {
    return { events: r.events, streams: r.streams, brokenStreams: r.brokenStreams };
  }

  /** A finding in words, with the event at its position. */
  private async describe(stream: string, seq: number, problem: AuditProblem, anchoredSeq: number): Promise<AuditFinding> {
    const event = await this.repository.eventAt(stream, seq);
    const reasons: Record<AuditProblem, string> = {
      missing: 'the event at this position is missing: it was deleted',
      link: 'link to the previous event is broken',
      content: 'content does not match its hash',
      rewritten: 'not the event the application wrote here: it was rewritten, with its hash and the later ones recomputed',
      unanchored: 'written without the application: its anchor does not cover this event',
      'db-change': `changed in the database, not through the application (${event?.operation ?? 'a change'} on ${event?.table ?? 'a case table'})`,
      truncated: `the newest events were deleted: the anchor vouches for ${anchoredSeq} events, ${seq - 1} remain`,
      replaced: 'events from this position were deleted, and the position was written again',
      'anchor-invalid': 'the anchor does not verify: it was forged or altered, or signed with a key this server does not have',
    };
    return {
      applicationId: stream === NO_CASE_STREAM ? null : stream,
      streamSeq: seq,
      id: event ? Number(event.id) : null,
      problem,
      reason: reasons[problem],
    };
  }
}
