import { createHash } from 'node:crypto';
import { AnchorKeyring, AnchorState, StoredAnchor } from '../cases';
import { extendAnchor } from '../cases/audit-anchor';
import type { CheckedEventRow } from './audit.repository';
import { StreamCheck } from './audit-verification';

const STREAM = '0193a0b0-28b1-771b-b4d3-b9d409ad600d';
const keyring = new AnchorKeyring('a41c7e0f93b25d68e1f4a7c0b39d62e85f1a4c7d0b3e69f2a5c8d1e4b7f0a3c6');
const GENESIS = '0'.repeat(64);
const hash = (n: number, variant = '') => createHash('sha256').update(`event ${n}${variant}`).digest('hex');

/** A stream of n sound, linked events as the database returns them to verification. */
function events(n: number): CheckedEventRow[] {
  return Array.from({ length: n }, (_, i) => ({
    stream: STREAM,
    seq: i + 1,
    hash: hash(i + 1),
    kind: 'assignment',
    sound: true,
    linked: i === 0 ? null : true,
    first_prev: i === 0 ? GENESIS : null,
  }));
}

function anchorOf(rows: CheckedEventRow[], change: (s: AnchorState) => AnchorState = (s) => s): StoredAnchor {
  const state = change(
    extendAnchor(
      null,
      rows.map((r) => ({ seq: r.seq, prevHash: '', hash: r.hash })),
    ),
  );
  return { ...state, keyId: keyring.keyId, mac: keyring.sign(STREAM, state) };
}

function check(rows: CheckedEventRow[], anchor: StoredAnchor | null) {
  const c = new StreamCheck(STREAM, anchor, keyring);
  for (const r of rows) c.add(r);
  return c.finish();
}

describe('one stream against its chain and its anchor', () => {
  it('finds nothing wrong with what the application wrote', () => {
    const rows = events(5);
    expect(check(rows, anchorOf(rows))).toBeNull();
  });

  it('names the first bad position and what is wrong there', () => {
    const rows = events(5);
    const anchor = anchorOf(rows);
    // the newest deleted
    expect(check(rows.slice(0, 3), anchor)).toMatchObject({ seq: 4, problem: 'truncated', anchoredSeq: 5 });
    // one deleted from the middle
    expect(check([...rows.slice(0, 2), { ...rows[3], linked: null, first_prev: hash(3) }, rows[4]], anchor)).toMatchObject({
      seq: 3,
      problem: 'missing',
    });
    // rewritten with the later hashes recomputed: chain sound, the anchor disagrees
    const rewritten = rows.map((r) => (r.seq >= 3 ? { ...r, hash: hash(r.seq, "'") } : r));
    expect(check(rewritten, anchor)).toMatchObject({ seq: 3, problem: 'rewritten' });
    // rewritten without recomputing
    expect(
      check(
        rows.map((r) => (r.seq === 2 ? { ...r, sound: false } : r)),
        anchor,
      ),
    ).toMatchObject({ seq: 2, problem: 'content' });
    // a broken link, across a batch edge (the previous hash came from an earlier read)
    expect(
      check(
        rows.map((r) => (r.seq === 4 ? { ...r, linked: null, first_prev: hash(9) } : r)),
        anchor,
      ),
    ).toMatchObject({
      seq: 4,
      problem: 'link',
    });
    // events added after the anchor, by hand or by the database's own audit
    const more = [...rows, { ...events(6)[5] }];
    expect(check(more, anchor)).toMatchObject({ seq: 6, problem: 'unanchored' });
    expect(check([...rows, { ...events(6)[5], kind: 'db-change' }], anchor)).toMatchObject({ seq: 6, problem: 'db-change' });
    // no anchor at all
    expect(check(rows, null)).toMatchObject({ seq: 1, problem: 'unanchored' });
  });

  it('refuses an anchor it did not sign, and keeps the break the application found', () => {
    const rows = events(3);
    const forged = { ...anchorOf(rows), mac: Buffer.alloc(32) };
    expect(check(rows, forged)).toMatchObject({ seq: 1, problem: 'anchor-invalid' });
    expect(
      check(
        rows,
        anchorOf(rows, (s) => ({ ...s, brokenFrom: 2 })),
      ),
    ).toMatchObject({ seq: 2, problem: 'replaced' });
    // every event deleted
    expect(check([], anchorOf(rows))).toMatchObject({ seq: 1, problem: 'truncated' });
  });
});
