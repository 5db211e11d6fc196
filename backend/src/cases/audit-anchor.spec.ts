import { createHash } from 'node:crypto';
import { anchoredAt, AnchorKeyring, extendAnchor, hashPrefix, isUnanchored, StoredAnchor, WrittenEvent } from './audit-anchor';
import { saveAnchorStatement } from './audit-anchor.repository';

const hash = (n: number) => createHash('sha256').update(`event ${n}`).digest('hex');
const event = (seq: number): WrittenEvent => ({ seq, prevHash: seq === 1 ? '0'.repeat(64) : hash(seq - 1), hash: hash(seq) });
const STREAM = '0193a0b0-28b1-771b-b4d3-b9d409ad600d';
const KEY = 'a41c7e0f93b25d68e1f4a7c0b39d62e85f1a4c7d0b3e69f2a5c8d1e4b7f0a3c6';

describe('an anchor', () => {
  it('keeps the hash prefix of every position the application wrote, in order', () => {
    const first = extendAnchor(null, [event(1), event(2)]);
    expect(first.seq).toBe(2);
    expect(first.brokenFrom).toBeNull();
    const next = extendAnchor(first, [event(4), event(3)]);
    expect(next.seq).toBe(4);
    for (const n of [1, 2, 3, 4]) expect(anchoredAt(next, n)).toEqual(hashPrefix(hash(n)));
    expect(anchoredAt(next, 5)).toBeNull();
    expect(extendAnchor(next, [])).toEqual(next);
  });

  it('marks the positions someone else wrote between two of its writes', () => {
    const anchor = extendAnchor(extendAnchor(null, [event(1), event(2)]), [event(5)]);
    expect(anchor.seq).toBe(5);
    expect([3, 4].map((n) => isUnanchored(anchoredAt(anchor, n)!))).toEqual([true, true]);
    expect(isUnanchored(anchoredAt(anchor, 5)!)).toBe(false);
  });

  it('remembers for good where it found its events gone when it wrote again at their positions', () => {
    const five = extendAnchor(null, [1, 2, 3, 4, 5].map(event));
    const again = extendAnchor(five, [event(4)]);
    expect(again).toMatchObject({ seq: 4, brokenFrom: 4 });
    expect(extendAnchor(extendAnchor(again, [event(2)]), [event(3)])).toMatchObject({ seq: 3, brokenFrom: 2 });
    expect(extendAnchor(again, [event(5), event(6)])).toMatchObject({ seq: 6, brokenFrom: 4 });
  });
});

describe('the keyring', () => {
  const keyring = new AnchorKeyring(KEY);
  const signed = (): StoredAnchor => {
    const state = extendAnchor(null, [event(1), event(2), event(3)]);
    return { ...state, keyId: keyring.keyId, mac: keyring.sign(STREAM, state) };
  };

  it('verifies what it signed, and nothing else: another stream, position, prefix, break or key', () => {
    expect(keyring.verify(STREAM, signed())).toBe(true);
    expect(keyring.verify(STREAM.toUpperCase(), signed())).toBe(true);
    expect(keyring.verify('0193a0b0-28b1-771b-b4d3-b9d409ad600e', signed())).toBe(false);
    const shorter = signed();
    expect(keyring.verify(STREAM, { ...shorter, seq: 2, hashes: shorter.hashes.subarray(0, 16) })).toBe(false);
    const changed = signed();
    changed.hashes[3] ^= 1;
    expect(keyring.verify(STREAM, changed)).toBe(false);
    expect(keyring.verify(STREAM, { ...signed(), brokenFrom: 2 })).toBe(false);
    expect(keyring.verify(STREAM, { ...signed(), seq: 4 })).toBe(false); // hashes no longer fit the positions
    expect(keyring.verify(STREAM, { ...signed(), keyId: '0'.repeat(16) })).toBe(false);
    expect(new AnchorKeyring(`${KEY.slice(1)}0`).verify(STREAM, { ...signed(), keyId: new AnchorKeyring(`${KEY.slice(1)}0`).keyId })).toBe(
      false,
    );
  });

  it('verifies the anchors of a previous key after a rotation, and signs with the new one', () => {
    const rotated = new AnchorKeyring(`${KEY.slice(1)}0`, [KEY]);
    expect(rotated.keyId).not.toBe(keyring.keyId);
    expect(rotated.verify(STREAM, signed())).toBe(true);
    expect(rotated.knows(keyring.keyId)).toBe(true);
    expect(() => new AnchorKeyring('')).toThrow(/empty/);
  });
});

describe('the anchor written into the statement that commits intake', () => {
  it('holds only values of the kinds an anchor has', () => {
    const state = extendAnchor(null, [event(1), event(2)]);
    const keyring = new AnchorKeyring(KEY);
    const params = [STREAM, state.seq, state.hashes, state.brokenFrom, keyring.keyId, keyring.sign(STREAM, state)];
    const sql = saveAnchorStatement(params);
    expect(sql).toContain(`VALUES ('${STREAM}', 2, '\\x${state.hashes.toString('hex')}', NULL, '${keyring.keyId}', '\\x`);
    expect(sql).not.toMatch(/\$\d/);
    for (const bad of [
      [`${STREAM}'; DROP TABLE audit_event; --`, 2, state.hashes, null, keyring.keyId, Buffer.alloc(32)],
      [STREAM, '2', state.hashes, null, keyring.keyId, Buffer.alloc(32)],
      [STREAM, 2, state.hashes.toString('hex'), null, keyring.keyId, Buffer.alloc(32)],
      [STREAM, 2, state.hashes, null, "k'", Buffer.alloc(32)],
    ]) {
      expect(() => saveAnchorStatement(bad)).toThrow(/wrong kind/);
    }
  });
});
