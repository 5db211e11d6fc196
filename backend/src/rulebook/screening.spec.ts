import { screeningAlternatives, screenDescription } from './screening';

describe('COST-06 screening', () => {
  it('finds every keyword, inflected and in any case, through the prefilter', () => {
    for (const g of screeningAlternatives()) {
      for (const alt of g.alternatives) {
        const word = alt
          .replace(/\\p\{L\}\*$/, 'ene')
          .replace(/^\\p\{L\}\*/, 'maskin')
          .replace(/\\p\{L\}\*/g, '');
        for (const text of [`Kostnad: ${word}.`, word.toUpperCase(), `(${word.toLowerCase()})`]) {
          expect(screenDescription(text).map((h) => h.group)).toContain(g.id);
        }
      }
    }
  });

  it('reports each term once, as written', () => {
    expect(screenDescription('SAP, sap og CRM; nytt  lagerstyringssystem')).toEqual([
      { group: 'it-system', label: { nb: 'frittstående IT-system', en: 'stand-alone IT system' }, terms: ['SAP', 'CRM'] },
      { group: 'inventory', label: { nb: 'lagerstyring', en: 'inventory management' }, terms: ['lagerstyringssystem'] },
    ]);
  });

  it('folds case as Unicode does, past the prefilter', () => {
    expect(screenDescription('\u017fAP')).toHaveLength(1); // long s folds to s
  });

  it('matches whole words only', () => {
    expect(screenDescription('Sapient leaning crmx erpt')).toEqual([]);
    expect(screenDescription('Vi lager nye deler')).toEqual([]);
    expect(screenDescription('')).toEqual([]);
    expect(screenDescription(null)).toEqual([]);
  });
});
