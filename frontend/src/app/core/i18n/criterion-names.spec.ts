import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import en from '../../../../public/i18n/en.json';
import nb from '../../../../public/i18n/nb.json';

/**
 * A criterion has one name on every screen: the console's texts (rule.<id>, used where only the
 * id is at hand) say what the rulebook says (backend/src/rulebook/judgments.ts, the title the API
 * gives with a judgment).
 */
describe('Criterion names', () => {
  const source = readFileSync(
    resolve(__dirname, '../../../../../backend/src/rulebook/judgments.ts'),
    'utf8',
  );
  const titles = [
    ...source.matchAll(
      /criterionId: '(J-[A-Z0-9-]+)',\s*title: \{ nb: (['"])(.*?)\2, en: (['"])(.*?)\4 \}/g,
    ),
  ].map((m) => ({ id: m[1], nb: m[3], en: m[5] }));

  it('are read from the rulebook', () => {
    expect(titles.length).toBeGreaterThanOrEqual(10);
  });

  it('are the same in the console’s texts as in the rulebook, in both languages', () => {
    const rule = (texts: unknown, id: string) =>
      (texts as { rule: Record<string, string> }).rule[id];
    expect(titles.map((t) => [t.id, rule(nb, t.id), rule(en, t.id)])).toEqual(
      titles.map((t) => [t.id, t.nb, t.en]),
    );
  });
});
