import fc from 'fast-check';
import { canonicalCopy, canonicalJson, hashInput, sha256Hex } from './canonical';
import { intakeSampleCase } from './fixtures';
import { context } from './testing';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('leaves out undefined properties but keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('writes numbers and strings as JSON does', () => {
    expect(canonicalJson({ n: 11.5, i: 1e21, z: -0, s: 'Fjordplast «AS» \u2028' })).toBe(
      `{"i":1e+21,"n":11.5,"s":${JSON.stringify('Fjordplast «AS» \u2028')},"z":0}`,
    );
  });

  it('rejects what JSON cannot hold', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ x: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ x: BigInt(1) })).toThrow(TypeError);
  });

  it('keeps a "__proto__" key as a key', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
  });

  it('writes input that is already in canonical order exactly as input that is not', () => {
    const sorted = { a: [1, { b: 'x', c: null }], d: true };
    const unsorted = { d: true, a: [1, { c: null, b: 'x' }] };
    expect(canonicalJson(sorted)).toBe('{"a":[1,{"b":"x","c":null}],"d":true}');
    expect(canonicalJson(unsorted)).toBe(canonicalJson(sorted));
    // Sorted keys but not plain data: the class's toJSON and an undefined value must still be honoured.
    class Money {
      amount = 1;
      toJSON() {
        return 'NOK 1';
      }
    }
    expect(canonicalJson({ a: new Money(), b: undefined, c: [undefined] })).toBe('{"a":"NOK 1","c":[null]}');
    expect(() => canonicalJson({ a: 1, b: () => 1 })).toThrow('at value.b');
  });

  it('honours toJSON on arrays and non-enumerable ones, and writes boxed primitives as values, as JSON.stringify does', () => {
    const list = Object.assign([1], { toJSON: () => ({ b: 1, a: 2 }) });
    expect(canonicalJson(list)).toBe('{"a":2,"b":1}');
    const hidden = Object.defineProperty({ b: 1 }, 'toJSON', { value: () => ({ z: 1, a: 2 }) });
    expect(canonicalJson(hidden)).toBe('{"a":2,"z":1}');
    // eslint-disable-next-line no-new-wrappers
    const boxed = { a: new String('ab'), b: new Number(5), c: new Boolean(false) };
    expect(canonicalJson(boxed)).toBe('{"a":"ab","b":5,"c":false}');
    expect(JSON.stringify(canonicalCopy(boxed))).toBe('{"a":"ab","b":5,"c":false}');
  });

  it('uses toJSON (dates)', () => {
    expect(canonicalJson({ d: new Date('2026-03-02T10:15:00Z') })).toBe('{"d":"2026-03-02T10:15:00.000Z"}');
  });
});

describe('hashInput', () => {
  it('is SHA-256 of the canonical JSON of snapshot, context and parameter set id', () => {
    const s = intakeSampleCase();
    const ctx = context();
    expect(hashInput(s, ctx, 'gber-2023')).toBe(sha256Hex(canonicalJson({ snapshot: s, context: ctx, parameterSet: 'gber-2023' })));
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('does not depend on key order', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const s = intakeSampleCase();
    const reversed = reverseKeys(s) as typeof s;
    expect(Object.keys(reversed)[0]).toBe('costLines');
    expect(hashInput(reversed, context(), 'gber-2023')).toBe(hashInput(s, context(), 'gber-2023'));
  });
});

describe('canonicalJson with integer-like keys', () => {
  it('sorts them as strings too', () => {
    expect(canonicalJson({ b: 1, 10: 'x', 9: 'y', a: { 2: 0, 1: 0 } })).toBe('{"10":"x","9":"y","a":{"1":0,"2":0},"b":1}');
  });

  it('names the path of a value without a JSON form', () => {
    expect(() => canonicalJson({ a: [{ b: Number.NaN }] })).toThrow('at value.a[0].b');
  });
});

describe('canonicalJson against a reference', () => {
  const reference = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(reference)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, reference((v as Record<string, unknown>)[k])]),
          )
        : v;

  it('is JSON with keys sorted by code unit at every level, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const out = canonicalJson(v);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(v)));
        const hasIndexKeys = /"(?:0|[1-9]\d*)":/.test(out);
        if (!hasIndexKeys) expect(out).toBe(JSON.stringify(reference(v)));
        expect(canonicalJson(JSON.parse(out))).toBe(out);
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonicalCopy', () => {
  it('puts keys in canonical order at every level without changing the canonical text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const copy = canonicalCopy(v);
        const out = canonicalJson(v);
        expect(canonicalJson(copy)).toBe(out);
        // Without index-like keys the copy's own order is canonical, so the native serialiser writes the same text.
        if (!/"(?:0|[1-9]\d*)":/.test(out)) expect(JSON.stringify(copy)).toBe(out);
      }),
      { numRuns: 500 },
    );
  });

  it('does not share objects with its input', () => {
    const s = intakeSampleCase();
    const copy = canonicalCopy(s);
    copy.costLines![0].amountNok = 1;
    expect(s.costLines![0].amountNok).not.toBe(1);
    expect(Object.keys(copy)).toEqual([...Object.keys(s)].sort());
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalCopy({ x: Number.NaN })).toThrow(TypeError);
  });
});
