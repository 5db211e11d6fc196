import { TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import en from '../../../../public/i18n/en.json';
import nb from '../../../../public/i18n/nb.json';
import { provideTestI18n } from '../../../testing/i18n';
import { formatIcu } from './icu';

function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string'
      ? [[`${prefix}${k}`, v] as [string, string]]
      : leaves(v, `${prefix}${k}.`),
  );
}

describe('Plurals in the texts', () => {
  it('say "1 linje" and "2 linjer", never "linje(r)"', () => {
    TestBed.configureTestingModule({ providers: [provideTestI18n('nb')] });
    const t = TestBed.inject(TranslocoService);
    expect(t.translate('costs.saved', { count: 1 })).toBe('Godkjent beløp er lagret for 1 linje.');
    expect(t.translate('costs.saved', { count: 2 })).toBe('Godkjent beløp er lagret for 2 linjer.');
    expect(t.translate('sla.left', { days: 1 })).toBe('1 dag igjen');
    expect(t.translate('sla.overdue', { days: 12 })).toBe('12 dager over frist');
  });

  it('follow the language: "1 line" and "1,250 lines" in English', () => {
    TestBed.configureTestingModule({ providers: [provideTestI18n('en')] });
    const t = TestBed.inject(TranslocoService);
    t.setActiveLang('en');
    expect(t.translate('costs.saved', { count: 1 })).toBe(
      'The approved amount is saved for 1 line.',
    );
    expect(t.translate('costs.saved', { count: 1250 })).toBe(
      'The approved amounts are saved for 1,250 lines.',
    );
  });

  it('leave texts without a plural to transloco as before', () => {
    TestBed.configureTestingModule({ providers: [provideTestI18n('nb')] });
    const t = TestBed.inject(TranslocoService);
    expect(t.translate('judgments.saved', { id: 'J-1' })).toBe(
      'Skjønnsvurderingen av J-1 er lagret.',
    );
  });

  it('format exact matches, select and nested arguments', () => {
    const msg = '{n, plural, =0 {ingen} one {# sak for {who}} other {# saker}}';
    expect(formatIcu(msg, { n: 0 }, 'nb')).toBe('ingen');
    expect(formatIcu(msg, { n: 1, who: 'Kari' }, 'nb')).toBe('1 sak for Kari');
    expect(formatIcu(msg, { n: 1250 }, 'nb').replace(/\s/g, ' ')).toBe('1 250 saker');
    expect(formatIcu('{g, select, a {A} other {B}}', { g: 'a' }, 'en-GB')).toBe('A');
    expect(formatIcu('{g, select, a {A} other {B}}', { g: 'z' }, 'en-GB')).toBe('B');
  });

  it('have no "(r)", "(er)" or "(s)" plurals left, and the same keys in both languages', () => {
    const texts = [...leaves(nb), ...leaves(en)];
    expect(texts.filter(([, v]) => /\w\((r|er|e|s)\)/.test(v))).toEqual([]);
    expect(
      leaves(en)
        .map(([k]) => k)
        .sort(),
    ).toEqual(
      leaves(nb)
        .map(([k]) => k)
        .sort(),
    );
  });
});
