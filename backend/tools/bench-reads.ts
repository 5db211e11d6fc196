import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';

/**
 * The `reads` part of `npm run bench` (docs/scale.md): every read path a user has, one request at
 * a time, each through the API and, where the request is one SQL statement, the same statement
 * raw through `pg`, interleaved so both see the same moments of the machine. Targets (issue 13):
 * p95 at most 50 ms and at most 2x the raw SQL; the dashboard p95 at most 100 ms.
 */

export interface Distribution {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Every sample, in ms to 0.01, in the order taken (for the report's charts). */
  samples: number[];
}

export interface ReadPathResult {
  group: string;
  name: string;
  path: string;
  targetP95: number;
  api: Distribution;
  /** The API's own statements run raw, one after the other. */
  raw: Distribution | null;
  /** How many statements the API sent for the request. */
  statements: number;
  /** API p95 over raw p95, where the request is one statement. */
  ratioP95: number | null;
  rows: number;
}

export interface ReadsResult {
  iterations: number;
  paths: ReadPathResult[];
}

function distribution(samples: number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    max: sorted[sorted.length - 1],
    samples: samples.map((v) => Math.round(v * 100) / 100),
  };
}

interface ReadPath {
  group: string;
  name: string;
  path: string;
  targetP95?: number;
  /** A read of one case: its path for a case id (the cases cycle through a sample, or `fixed`). */
  make?: (id: string) => string;
  fixed?: string;
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** A statement the API sent, with its values. */
interface Statement {
  text: string;
  values: unknown[];
}

/**
 * The statements the API sends while `run` runs: the API runs in this process, and every query
 * it makes goes through pg's Client. The raw figure of a path replays exactly these statements
 * with exactly these values, so "the same SQL" is the API's own, whatever its repository says.
 */
async function capturing<T>(run: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown[] | undefined];
    const text = typeof config === 'string' ? config : config?.text;
    if (text) statements.push({ text, values: (typeof config === 'string' ? values : (config.values ?? values)) ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  try {
    return { result: await run(), statements };
  } finally {
    Client.prototype.query = original;
  }
}

export async function runReadsBench(
  base: string,
  pool: Pool,
  token: string,
  options: { iterations: number; only?: string[] },
  say: (m: string) => void,
): Promise<ReadsResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string) =>
    new Promise<{ ms: number; body: Buffer; status: number }>((resolve, reject) => {
      const t = performance.now();
      http
        .get(`${base}${path}`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ ms: performance.now() - t, body: Buffer.concat(chunks), status: res.statusCode ?? 0 }));
        })
        .on('error', reject);
    });
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  // What the paths read: real values from the database.
  const one = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0] as T;
  const busiest = await one<{ username: string }>(
    `SELECT u.username FROM application a JOIN app_user u ON u.id = a.assignee_id
      WHERE a.status = 'in_review' GROUP BY u.username ORDER BY count(*) DESC LIMIT 1`,
  );
  const sample = await one<{ reference: string; org_number: string; applicant_name: string; project_title: string; id: string }>(
    `SELECT id, reference, org_number, applicant_name, project_title FROM application WHERE status = 'decided' ORDER BY id LIMIT 1 OFFSET 1000`,
  );
  const nameWord = sample.applicant_name.split(/\s+/)[0].slice(0, 8).toLowerCase();
  const titleWord =
    sample.project_title
      .split(/\s+/)
      .find((w) => w.length >= 6)
      ?.toLowerCase() ?? sample.project_title.slice(0, 8).toLowerCase();
  // The rule outcomes cases have (from the planner's statistics: every outcome one in a thousand cases or more has).
  const outcomes = (
    await pool.query<{ o: string }>(
      `SELECT DISTINCT unnest(most_common_elems::text::text[]) AS o FROM pg_stats WHERE tablename = 'application' AND attname = 'rule_outcomes' ORDER BY 1`,
    )
  ).rows.map((r) => r.o);
  const views = (
    await pool.query<{ id: string }>(
      `SELECT id FROM application TABLESAMPLE SYSTEM (1) WHERE status IN ('decided', 'in_review', 'recommended') LIMIT 50`,
    )
  ).rows.map((r) => r.id);
  if (!views.length) views.push(sample.id);
  // A case with 40 events: an open case that was returned once (a long history), topped up with notes to 40.
  const longest = await one<{ id: string; n: number }>(
    `SELECT a.id, (SELECT max(e.stream_seq) FROM audit_event e WHERE coalesce(e.application_id, '${ZERO_UUID}'::uuid) = a.id)::int AS n
       FROM recommendation r JOIN application a ON a.id = r.application_id
      WHERE r.returned_at IS NOT NULL AND a.status IN ('in_review', 'recommended') ORDER BY a.id LIMIT 1`,
  );
  const timelineCase = longest?.id ?? sample.id;
  let events = longest?.n ?? 0;
  for (; events < 40; events++) {
    const res = await post(`/api/applications/${timelineCase}/notes`, {
      body: `Benchmark note ${events + 1}`,
      anchor: { type: 'application' },
    });
    if (!res.ok) {
      say(`reads: could not add a note to the timeline case (${res.status}); its timeline has ${events} events`);
      break;
    }
  }
  say(
    `reads: timeline of a case with ${events} events; search words "${nameWord}" (name), "${titleWord}" (title); ${outcomes.length} rule outcomes; caseworker ${busiest.username}`,
  );

  const qs = (q: Record<string, string>) =>
    `/api/applications?${new URLSearchParams({ limit: '50', ...q }).toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
  const queuePath = (group: string, name: string, q: Record<string, string>): ReadPath => ({ group, name, path: qs(q) });
  const STATUSES = ['received', 'in_review', 'awaiting_applicant', 'recommended', 'decided', 'withdrawn'];
  const SORTS = ['receivedAt', 'slaDueAt', 'requestedAmount', 'applicantName', 'maxAid'];
  const paths: ReadPath[] = [
    ...STATUSES.map((s) => queuePath('queue: status', s, { status: s, sort: '-receivedAt' })),
    queuePath('queue: assignee', busiest.username, { assignee: busiest.username, sort: '-receivedAt' }),
    queuePath('queue: assignee', 'unassigned', { assignee: 'unassigned', sort: 'receivedAt' }),
    queuePath('queue: overdue', 'overdue', { overdue: 'true', sort: 'slaDueAt' }),
    ...['micro', 'small', 'medium', 'large'].map((c) => queuePath('queue: size class', c, { sizeClass: c, sort: '-receivedAt' })),
    ...outcomes.map((o) => queuePath('queue: rule outcome', o, { rule: o, sort: '-receivedAt' })),
    ...['fail', 'missing', 'refer', 'assess'].map((f) => queuePath('queue: flag', f, { flag: f, sort: '-receivedAt' })),
    ...SORTS.flatMap((s) => [
      queuePath('queue: sort (all cases)', s, { sort: s }),
      queuePath('queue: sort (all cases)', `-${s}`, { sort: `-${s}` }),
      queuePath('queue: sort (in review)', s, { status: 'in_review', sort: s }),
      queuePath('queue: sort (in review)', `-${s}`, { status: 'in_review', sort: `-${s}` }),
    ]),
    // What the console's queue pages combine.
    queuePath('queue: combination', 'my cases in review by due date', {
      status: 'in_review',
      assignee: busiest.username,
      sort: 'slaDueAt',
    }),
    queuePath('queue: combination', 'my open cases', {
      status: 'received,in_review,awaiting_applicant',
      assignee: busiest.username,
      sort: 'slaDueAt',
    }),
    queuePath('queue: combination', 'unassigned received', { status: 'received', assignee: 'unassigned', sort: 'receivedAt' }),
    queuePath('queue: combination', 'my overdue', { overdue: 'true', assignee: busiest.username, sort: 'slaDueAt' }),
    queuePath('queue: combination', 'flag=fail&sizeClass=medium', { flag: 'fail', sizeClass: 'medium', sort: '-receivedAt' }),
    queuePath('queue: combination', 'in review, INC-01:fail', { status: 'in_review', rule: 'INC-01:fail', sort: '-receivedAt' }),
    queuePath('queue: combination', 'decided, large, by amount', { status: 'decided', sizeClass: 'large', sort: '-requestedAmount' }),
    queuePath('search', 'exact reference', { q: sample.reference }),
    queuePath('search', 'org number', { q: sample.org_number }),
    queuePath('search', `a word of a name (${nameWord})`, { q: nameWord }),
    queuePath('search', `a word of a title (${titleWord})`, { q: titleWord }),
    queuePath('search', 'rare text (no case has it)', { q: 'zqxwv' }),
    queuePath('search', 'name word, in review', { q: nameWord, status: 'in_review' }),
  ];
  let view = 0;
  const nextCase = () => views[view++ % views.length];
  const perCase = (name: string, make: (id: string) => string, fixed?: string): ReadPath => ({
    group: 'case',
    name,
    path: '',
    make,
    fixed,
  });
  const caseReads: ReadPath[] = [
    perCase('case view', (id) => `/api/applications/${id}`),
    perCase(`timeline (${events} events)`, (id) => `/api/applications/${id}/timeline`, timelineCase),
    perCase('evaluation history', (id) => `/api/applications/${id}/evaluations`),
    perCase('notes', (id) => `/api/applications/${id}/notes`),
  ];
  const overview: ReadPath = { group: 'oversight', name: "manager's dashboard", path: '/api/stats/overview', targetP95: 100 };
  const reports: ReadPath = { group: 'oversight', name: 'register reports due', path: '/api/register-reports?status=due' };

  const results: ReadPathResult[] = [];
  const all: ReadPath[] = [...paths, ...caseReads, overview, reports];
  const selected = options.only?.length ? all.filter((p) => options.only!.some((o) => p.group.includes(o) || p.name.includes(o))) : all;
  for (const p of selected) {
    const pathFor = () => (p.make ? p.make(p.fixed ?? nextCase()) : p.path);
    // Warm-up: the API's prepared statements and the caches.
    let rowsSeen = 0;
    for (let k = 0; k < 5; k++) {
      const res = await get(pathFor());
      if (res.status !== 200) throw new Error(`reads: ${p.name} answered ${res.status}: ${res.body.toString().slice(0, 300)}`);
      const body = JSON.parse(res.body.toString('utf8')) as unknown;
      rowsSeen = Array.isArray(body) ? body.length : ((body as { items?: unknown[] }).items?.length ?? 1);
    }
    const api: number[] = [];
    const raw: number[] = [];
    let statementCount = 0;
    for (let k = 0; k < options.iterations; k++) {
      const { result: res, statements } = await capturing(() => get(pathFor()));
      api.push(res.ms);
      // The same statements, raw, right after: what the database alone takes for this request.
      statementCount = statements.length;
      const t = performance.now();
      for (const s of statements) await pool.query(s.text, s.values);
      raw.push(performance.now() - t);
    }
    const a = distribution(api);
    const r = distribution(raw);
    const result: ReadPathResult = {
      group: p.group,
      name: p.name,
      path: p.make ? p.make(':id') : p.path,
      targetP95: p.targetP95 ?? 50,
      api: a,
      raw: r,
      statements: statementCount,
      // The 2x target holds where the request is one statement.
      ratioP95: statementCount === 1 ? a.p95 / r.p95 : null,
      rows: rowsSeen,
    };
    results.push(result);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    say(
      `reads ${p.group}: ${p.name}: API p50 ${ms(a.p50)} p95 ${ms(a.p95)} | raw p50 ${ms(r.p50)} p95 ${ms(r.p95)} | ` +
        (statementCount === 1 ? `${(a.p95 / r.p95).toFixed(2)}x` : `${statementCount} statements`),
    );
  }
  agent.destroy();
  return { iterations: options.iterations, paths: results };
}

/** The reads' rows of the targets table: measure, target, this run, met. */
export function readTargetRows(reads: ReadsResult | undefined): [string, string, string, boolean][] {
  if (!reads) return [];
  return reads.paths.map((p) => {
    const ratioOk = p.ratioP95 === null || p.ratioP95 <= 2;
    return [
      `${p.group}: ${p.name}`,
      `API p95 <= ${p.targetP95} ms${p.ratioP95 === null ? '' : ', <= 2x raw'}`,
      `${p.api.p95.toFixed(1)} ms${p.ratioP95 === null ? ` (${p.statements} statements)` : `, ${p.ratioP95.toFixed(2)}x (raw ${p.raw!.p95.toFixed(1)} ms)`}`,
      p.api.p95 <= p.targetP95 && ratioOk,
    ];
  });
}
