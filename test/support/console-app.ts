import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { generateApplication, Prng } from '../../backend/src/demo/generator';
import { startTestApp, TestContext } from './app';
import { VERSIONED_WRITE } from './factories';
import { formatIcu } from '../../frontend/src/app/core/i18n/icu-format';

/**
 * The production build of the console, as `npm test` (scripts/test.js) leaves it;
 * E2E_CONSOLE_DIR points the journeys at another build (a candidate fix, say).
 */
export const CONSOLE_DIR = resolve(process.env.E2E_CONSOLE_DIR || resolve(__dirname, '../../frontend/dist/tilsagn-console/browser'));

export interface SeededCase {
  id: string;
  reference: string;
  version: number;
  applicantName: string;
  orgNumber: string;
  title: string;
  assignee: string | null;
  costLines: number;
}

export interface ConsoleApp extends TestContext {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** The demo office, as seeded. */
  cases: SeededCase[];
  /** Calls the API as a demo user (bearer token), with JSON in and out. */
  api(username: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export interface SeedPlan {
  /** How many applications come through intake (default 30). */
  cases?: number;
  /** How many of them the leader assigns to each caseworker; the rest stay unassigned. */
  assigned?: Record<string, number>;
  /** Seed of the generator, for the same office every run. */
  seed?: number;
  /** The app's environment beyond the test defaults (login limits that bite, say). */
  env?: Record<string, string>;
}

/**
 * The real application serving the built console on a free port of 127.0.0.1,
 * on its own database, with a small demo office: applications through the real
 * intake path as `portal`, some assigned by `leder`.
 */
export async function startConsoleApp(plan: SeedPlan = {}): Promise<ConsoleApp> {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) {
    throw new Error(
      `The built console is missing (${CONSOLE_DIR}/index.html). Run the tests with \`npm test\`, which builds it, ` +
        'or build it first with `npm run build -w frontend`.',
    );
  }
  warnIfStale();
  const ctx = await startTestApp({ ...plan.env, CONSOLE_DIR });
  try {
    const server = ctx.app.getHttpServer();
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => done());
    });
    const { port } = server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;

    const api: ConsoleApp['api'] = async (username, method, path, body) => {
      const token = await ctx.token(username);
      // A change of a case names the version last read, as the console does (428 without).
      const versioned =
        method !== 'GET' && !(body && typeof body === 'object' && 'version' in body) ? VERSIONED_WRITE.exec(path)?.[1] : undefined;
      const current = versioned ? (await ctx.db.query(`SELECT version FROM application WHERE id = $1`, [versioned]))[0] : undefined;
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(current ? { 'if-match': `"${current.version}"` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };

    const cases = await seedOffice(api, plan);
    return { ...ctx, baseUrl, cases, api };
  } catch (error) {
    await ctx.close();
    throw error;
  }
}

async function seedOffice(api: ConsoleApp['api'], plan: SeedPlan): Promise<SeededCase[]> {
  const total = plan.cases ?? 30;
  const assigned = plan.assigned ?? { kari: 6, ola: 4, ingrid: 2 };
  const prng = new Prng(plan.seed ?? 20260302);
  const now = Date.now();
  const cases: SeededCase[] = [];
  for (let i = 1; i <= total; i++) {
    // The older ones are the ones assigned first (below), so the unassigned are the newest.
    const receivedAt = new Date(now - (total - i + 1) * 2 * 86_400_000 - 3_600_000);
    const doc = generateApplication(prng, i, receivedAt);
    doc.externalRef = `P-E2E-${String(i).padStart(5, '0')}`;
    const res = await api('portal', 'POST', '/api/applications', doc);
    if (res.status !== 201) throw new Error(`seeding: intake failed with ${res.status}: ${JSON.stringify(res.body)}`);
    cases.push({
      id: res.body.id,
      reference: res.body.reference,
      version: res.body.version,
      applicantName: doc.applicant.name,
      orgNumber: doc.applicant.orgNumber,
      title: doc.project.title,
      assignee: null,
      costLines: doc.costLines.length,
    });
  }
  let next = 0;
  for (const [username, count] of Object.entries(assigned)) {
    const batch = cases.slice(next, next + count);
    next += count;
    if (!batch.length) continue;
    const res = await api('leder', 'POST', '/api/applications/bulk-assign', { assignee: username, ids: batch.map((c) => c.id) });
    const failed = res.status === 200 ? res.body.results.filter((r: any) => !r.ok) : [res.body];
    if (failed.length) throw new Error(`seeding: assigning to ${username} failed: ${JSON.stringify(failed)}`);
    for (const c of batch) {
      const result = res.body.results.find((r: any) => r.id === c.id);
      c.assignee = username;
      c.version = result.version;
    }
  }
  return cases;
}

/** The console's own texts (frontend/public/i18n), so the journeys follow its wording. */
export type Lang = 'nb' | 'en';
const texts: Partial<Record<Lang, any>> = {};

export function text(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const dict = (texts[lang] ??= JSON.parse(readFileSync(resolve(__dirname, `../../frontend/public/i18n/${lang}.json`), 'utf8')));
  const value = key.split('.').reduce((node: any, part) => node?.[part], dict);
  if (typeof value !== 'string') throw new Error(`no console text ${lang}:${key}`);
  // A text with a plural or select is ICU, as the console formats it (core/i18n/icu.ts).
  if (/\{\s*[\w.]+\s*,\s*(plural|select)\s*,/.test(value)) return formatIcu(value, params, lang === 'nb' ? 'nb' : 'en-GB');
  return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Bokmål, the console's default language. */
export const nb = (key: string, params?: Record<string, string | number>) => text('nb', key, params);
export const en = (key: string, params?: Record<string, string | number>) => text('en', key, params);

let staleChecked = false;

/** `npm test` rebuilds a stale console; a bare `npx jest` does not, so say so. */
function warnIfStale(): void {
  if (staleChecked || process.env.E2E_CONSOLE_DIR) return;
  staleChecked = true;
  const newest = (path: string): number => {
    if (!existsSync(path)) return 0;
    const st = statSync(path);
    if (!st.isDirectory()) return st.mtimeMs;
    return readdirSync(path).reduce((m, entry) => Math.max(m, newest(join(path, entry))), st.mtimeMs);
  };
  const frontend = resolve(__dirname, '../../frontend');
  const built = statSync(join(CONSOLE_DIR, 'index.html')).mtimeMs;
  const sources = Math.max(newest(join(frontend, 'src')), newest(join(frontend, 'public')), newest(join(frontend, 'angular.json')));
  if (sources > built) {
    process.stderr.write(
      '[e2e] warning: the console build is older than frontend/src; the journeys run against the old build. ' +
        '`npm test` rebuilds it, or run `npm run build -w frontend`.\n',
    );
  }
}
