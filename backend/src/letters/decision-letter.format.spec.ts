import { breakOverlongWords, keepFiguresTogether, letterNok, typeset } from './decision-letter.format';

const NBSP = '\u00a0';
const ZWSP = '\u200b';

describe('letter formatting', () => {
  it('writes amounts with no-break spaces', () => {
    expect(letterNok('nb', 1_145_000)).toBe(`1${NBSP}145${NBSP}000${NBSP}kr`);
    expect(letterNok('en', 1_145_000)).toBe(`NOK${NBSP}1,145,000`);
  });

  it.each([
    ['1 500 000 kr', `1${NBSP}500${NBSP}000${NBSP}kr`],
    ['NOK 1,500,000', `NOK${NBSP}1,500,000`],
    ['minst 20 % av', `minst 20${NBSP}% av`],
    ['forvaltningsloven §§ 28-29 og § 18', `forvaltningsloven §§${NBSP}28-29 og §${NBSP}18`],
    ['forordning (EU) nr. 651/2014', `forordning (EU) nr.${NBSP}651/2014`],
    ['innen 4. mai 2026', `innen 4.${NBSP}mai${NBSP}2026`],
    ['by 4 May 2026', `by 4${NBSP}May${NBSP}2026`],
    ['10 000 000 EUR', `10${NBSP}000${NBSP}000${NBSP}EUR`],
  ])('keeps "%s" on one line, in fixed wording and free text alike', (text, kept) => {
    expect(keepFiguresTogether(text)).toBe(kept);
  });

  it('leaves other spaces alone', () => {
    const text = 'Vi har 12 ansatte og 3 avdelinger i 2 byer. Kroner og prosjekt.';
    expect(keepFiguresTogether(text)).toBe(text);
  });

  it('leaves words that fit on a line whole, a web address too', () => {
    const text = `Se https://lovdata.no/dokument/SF/forskrift/2008-11-14-1213/KAPITTEL_3#KAPITTEL_3 og ${'x'.repeat(79)}.`;
    expect(breakOverlongWords(text)).toBe(text);
  });

  it('gives an overlong word a break opportunity every ten characters, and loses nothing', () => {
    const word = 'abcdefghij'.repeat(1_900);
    const broken = breakOverlongWords(`før ${word} etter`);
    expect(broken.startsWith(`før abcdefghij${ZWSP}abcdefghij${ZWSP}`)).toBe(true);
    expect(broken.replaceAll(ZWSP, '')).toBe(`før ${word} etter`);
    expect(broken.split(ZWSP)).toHaveLength(1_900);
  });

  it('counts no-break spaces as part of a word, so a long run of glued figures breaks too', () => {
    const glued = Array.from({ length: 30 }, () => `1${NBSP}000`).join(NBSP);
    expect(breakOverlongWords(glued)).toContain(ZWSP);
    expect(typeset('900 000 kr')).toBe(`900${NBSP}000${NBSP}kr`);
  });

  it('never breaks before a combining mark or a surrogate pair’s second half', () => {
    const accented = 'e\u0301'.repeat(100); // é as e + combining acute
    expect(breakOverlongWords(accented)).not.toMatch(new RegExp(`${ZWSP}\u0301`));
    const emoji = '😀'.repeat(100);
    expect(breakOverlongWords(emoji).replaceAll(ZWSP, '')).toBe(emoji);
    expect([...breakOverlongWords(emoji)].every((ch) => ch === ZWSP || ch === '😀')).toBe(true);
  });
});
