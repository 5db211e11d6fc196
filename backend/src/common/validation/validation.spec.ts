import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, validateSync } from 'class-validator';
import { depthFault, jsonFaults, LIMIT_MESSAGES, parameterFaults } from './json-limits';
import { BoundedWords, hasLongWord, TEXT_MESSAGES, textFault } from './text';
import { hasAtMostDecimals, isCalendarDate } from './values';

describe('textFault', () => {
  it('passes printable text, emoji (a surrogate pair) and, in prose, tab and line breaks', () => {
    expect(textFault('Fjordplast AS – Ålesund 😀', { lineBreaks: false })).toBeNull();
    expect(textFault('line one\nline two\r\n\tindented', { lineBreaks: true })).toBeNull();
  });

  it('names NUL, an unpaired surrogate and other control characters', () => {
    expect(textFault('a\u0000b', { lineBreaks: true })).toBe(TEXT_MESSAGES.nul);
    expect(textFault('a\ud800b', { lineBreaks: true })).toBe(TEXT_MESSAGES.surrogate);
    expect(textFault('a\udc00', { lineBreaks: true })).toBe(TEXT_MESSAGES.surrogate);
    expect(textFault('\ud83d', { lineBreaks: true })).toBe(TEXT_MESSAGES.surrogate);
    expect(textFault('bell\u0007', { lineBreaks: true })).toBe(TEXT_MESSAGES.controlButLineBreaks);
    expect(textFault('c1\u0085', { lineBreaks: true })).toBe(TEXT_MESSAGES.controlButLineBreaks);
    expect(textFault('two\nlines', { lineBreaks: false })).toBe(TEXT_MESSAGES.control);
  });
});

describe('words of at most 200 characters', () => {
  it('counts a word as a run without white space, in code points', () => {
    expect(hasLongWord('x'.repeat(200))).toBe(false);
    expect(hasLongWord(`${'x'.repeat(200)} ${'y'.repeat(200)}`)).toBe(false);
    expect(hasLongWord(`see ${'x'.repeat(201)}`)).toBe(true);
    expect(hasLongWord('😀'.repeat(200))).toBe(false); // 400 UTF-16 units, 200 characters
    expect(hasLongWord('😀'.repeat(201))).toBe(true);
    expect(hasLongWord(`${'x'.repeat(150)}\u00a0${'x'.repeat(150)}`)).toBe(false); // a no-break space is white space
  });

  class Form {
    @IsString()
    @BoundedWords()
    reason: string;

    @IsOptional()
    @BoundedWords(10)
    short?: unknown;
  }

  it('refuses a long word with the message under the field, and leaves other types to other rules', () => {
    const errors = validateSync(plainToInstance(Form, { reason: `a ${'x'.repeat(201)} b`, short: 12345678901234 }));
    expect(errors.map((e) => [e.property, e.constraints])).toEqual([['reason', { boundedWords: 'a word may be at most 200 characters' }]]);
    expect(validateSync(plainToInstance(Form, { reason: 'fine', short: 'abcdefghijk' }))[0].constraints).toEqual({
      boundedWords: 'a word may be at most 10 characters',
    });
  });
});

describe('dates and decimals', () => {
  it('takes real calendar dates from 1900 to 2100 only', () => {
    for (const ok of ['1900-01-01', '2024-02-29', '2100-12-31']) expect(isCalendarDate(ok)).toBe(true);
    for (const bad of ['0000-01-01', '0001-01-01', '1899-12-31', '2101-01-01', '2026-13-01', '2026-02-29', '2026-04-31', '2026-4-1', 7])
      expect(isCalendarDate(bad)).toBe(false);
  });

  it('counts decimals from the number as JSON writes it, exponents included', () => {
    expect(hasAtMostDecimals(11.5, 4)).toBe(true);
    expect(hasAtMostDecimals(11.12345, 4)).toBe(false);
    expect(hasAtMostDecimals(1e-300, 4)).toBe(false);
    expect(hasAtMostDecimals(1.5e-3, 4)).toBe(true);
    expect(hasAtMostDecimals(1.5e-4, 4)).toBe(false);
    expect(hasAtMostDecimals(1e21, 4)).toBe(true);
    expect(hasAtMostDecimals(Infinity, 4)).toBe(false);
  });
});

describe('JSON limits', () => {
  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('reads nesting from the text and names the first container one level too deep', () => {
    expect(depthFault(nested(8))).toBeNull();
    expect(depthFault(nested(9))).toBe('$[0][0][0][0][0][0][0][0]');
    expect(depthFault(`{"a": 1, "b": [1, 2, {"c": ${nested(7)}}]}`)).toBe('$.b[2].c[0][0][0][0][0]');
    expect(depthFault(`{"odd key": ${nested(8)}}`)).toBe('$["odd key"][0][0][0][0][0][0][0]');
    // Brackets inside strings, escaped quotes included, are text.
    expect(depthFault(JSON.stringify({ a: '[[[[[[[[[[[["', b: '\\"{{{{{{{{{{{{{' }))).toBeNull();
    expect(depthFault(nested(1_000_000))).toBe(`$${'[0]'.repeat(8)}`);
  });

  it('names strings with NUL, unpaired surrogates or control characters, numbers beyond 2^53 and deep nesting', () => {
    const body = {
      name: 'a\u0000',
      list: ['fine', 'b\ud800', 'tab\tand\nnewline'],
      amount: 1e19,
      negative: -(2 ** 53),
      ok: Number.MAX_SAFE_INTEGER,
      'bad\u0001key': 1,
      deep: JSON.parse(nested(8)),
    };
    expect(jsonFaults(body)).toEqual([
      { path: '$.name', message: TEXT_MESSAGES.nul },
      { path: '$.list[1]', message: TEXT_MESSAGES.surrogate },
      { path: '$.amount', message: LIMIT_MESSAGES.number },
      { path: '$.negative', message: LIMIT_MESSAGES.number },
      { path: '$["bad\\u0001key"]', message: LIMIT_MESSAGES.key },
      { path: '$.deep[0][0][0][0][0][0][0]', message: LIMIT_MESSAGES.depth },
    ]);
    expect(jsonFaults(undefined)).toEqual([]);
  });

  it('names query and path parameters holding any control character', () => {
    expect(parameterFaults({ id: 'x' }, { q: 'a\u0000', status: ['received', 'x\ny'], fine: 'søk' })).toEqual([
      { path: '$.q', message: TEXT_MESSAGES.nul },
      { path: '$.status', message: TEXT_MESSAGES.control },
    ]);
  });
});
