import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import en from '../../../../public/i18n/en.json';
import nb from '../../../../public/i18n/nb.json';

const BACKEND = resolve(__dirname, '../../../../../backend/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * Every problem type the backend can answer with, read from its source: the codes of each
 * module's catalogue (`*_PROBLEMS = { code: { status, title } }` in *.errors.ts), the problems it
 * builds by hand (`new Problem(status, 'code', …)`), the statuses of plain HTTP errors
 * (http-<status>, common/problem.filter.ts) and the unknown error (internal).
 */
function backendProblemTypes(): string[] {
  const codes = new Set<string>(['internal']);
  for (const file of sources(BACKEND)) {
    const text = readFileSync(file, 'utf8');
    for (const catalogue of text.matchAll(/_PROBLEMS\s*=\s*\{([\s\S]*?)\}\s*as const/g)) {
      for (const entry of catalogue[1].matchAll(/^\s*'?([a-z][a-z0-9-]*)'?\s*:\s*\{/gm)) {
        codes.add(entry[1]);
      }
    }
    for (const built of text.matchAll(/new Problem\(\s*HttpStatus\.\w+,\s*'([a-z][a-z0-9-]*)'/g)) {
      codes.add(built[1]);
    }
  }
  const filter = readFileSync(join(BACKEND, 'common/problem.filter.ts'), 'utf8');
  const titles = /const TITLES[^=]*=\s*\{([\s\S]*?)\};/.exec(filter)?.[1] ?? '';
  for (const status of titles.matchAll(/^\s*(\d{3})\s*:/gm)) codes.add(`http-${status[1]}`);
  return [...codes].sort();
}

describe('Server problem types in the console', () => {
  const types = backendProblemTypes();

  it('finds the backend’s catalogue (a change in how it is written must not empty this test)', () => {
    expect(types.length).toBeGreaterThan(40);
    expect(types).toEqual(
      expect.arrayContaining([
        'stale-version',
        'grant-not-possible',
        'too-many-logins',
        'validation-failed',
        'unsupported-media-type',
        'http-429',
        'internal',
      ]),
    );
  });

  it.each([
    ['nb', nb],
    ['en', en],
  ])('has a text in %s for every one of them', (_lang, texts) => {
    const problems = (texts as { errors: { problem: Record<string, string> } }).errors.problem;
    const missing = types.filter((code) => !problems[code]?.trim());
    expect(missing).toEqual([]);
  });

  it('says none of them in developer words', () => {
    for (const texts of [nb, en]) {
      for (const text of Object.values(texts.errors.problem)) {
        expect(text).not.toMatch(/Exception|RULEBOOK|urn:|\{|Internal server error/);
      }
    }
  });
});
