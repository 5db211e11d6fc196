/**
 * The `staff` part of `npm run bench`: many people using the API at once, a working day's mix
 * (issue 13, item 3). A child process of the bench, so the simulated people do not run on the
 * API's event loops. Each person is a loop with its own kept-alive connection (a browser's):
 * pick a kind of request by its weight, send it, wait the think time, again, until the time is up.
 *
 * The mix: about 70 % queue pages and searches, 20 % case views and timelines, 8 % writes (notes
 * and judgments on the person's own cases in review, each write with the case version it last
 * read), 2 % the manager's dashboard.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Prng } from '../src/demo/generator';

export type StaffKind = 'queue' | 'search' | 'case' | 'timeline' | 'write' | 'dashboard';

export interface StaffRequest {
  base: string;
  seconds: number;
  /** Pause between one person's requests, mean ms (exponential); 0 sends the next at once. */
  thinkMs: number;
  people: { username: string; password: string; roles: 'caseworker' | 'approver' | 'manager' }[];
  seed: number;
}

export interface KindFigures {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface StaffResult {
  people: number;
  seconds: number;
  thinkMs: number;
  requests: number;
  perSecond: number;
  errors: number;
  statusCodes: Record<string, number>;
  firstError?: string;
  overall: KindFigures;
  kinds: Record<StaffKind, KindFigures>;
  /** The simulated people's own CPU per request (they share the machine with the API and PostgreSQL). */
  cpuMsPerRequest: number;
}

/** The mix's weights, per hundred requests. */
export const STAFF_MIX: Record<StaffKind, number> = { queue: 45, search: 25, case: 10, timeline: 10, write: 8, dashboard: 2 };

interface Answer {
  status: number;
  ms: number;
  body: string;
}

interface CaseRef {
  id: string;
  reference: string;
  orgNumber: string;
  name: string;
  title: string;
}

function figures(samples: number[], errors: number): KindFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
  return { requests: samples.length, errors, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/** One person's connection: kept alive, one request at a time. */
function client(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const t = performance.now();
      const req = http.request(
        `${base}${path}`,
        {
          method,
          agent,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, ms: performance.now() - t, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', (error) => resolve({ status: 0, ms: performance.now() - t, body: String(error) }));
      if (payload) req.write(payload);
      req.end();
    });
  return { send, close: () => agent.destroy() };
}

const QUEUES = [
  'assignee=me',
  'assignee=me&status=in_review',
  'assignee=me&status=in_review,awaiting_applicant&sort=slaDueAt',
  'assignee=unassigned&status=received',
  'status=recommended&sort=receivedAt',
  'overdue=true&status=in_review',
  'sizeClass=medium&status=in_review',
  'flag=fail&status=in_review',
  'status=decided&sort=-receivedAt',
];

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-COMP-01', 'J-FEAS-01', 'J-COST-01'];

export async function runStaff(request: StaffRequest): Promise<StaffResult> {
  const prng = new Prng(request.seed);
  const samples = Object.fromEntries(Object.keys(STAFF_MIX).map((k) => [k, [] as number[]])) as Record<StaffKind, number[]>;
  const errors = Object.fromEntries(Object.keys(STAFF_MIX).map((k) => [k, 0])) as Record<StaffKind, number>;
  const statusCodes: Record<string, number> = {};
  let firstError: string | undefined;
  const record = (kind: StaffKind, answer: Answer, what: string) => {
    statusCodes[answer.status] = (statusCodes[answer.status] ?? 0) + 1;
    samples[kind].push(answer.ms);
    if (answer.status < 200 || answer.status >= 300) {
      errors[kind] += 1;
      firstError ??= `${what} answered ${answer.status}: ${answer.body.slice(0, 300)}`;
    }
  };

  // Sign everyone in, one at a time (the login limits are counted per address).
  const people = [];
  for (const p of request.people) {
    const c = client(request.base);
    const login = await c.send('POST', '/api/auth/login', null, { username: p.username, password: p.password });
    if (login.status !== 200) throw new Error(`${p.username} could not sign in: ${login.status} ${login.body.slice(0, 200)}`);
    people.push({ ...p, c, token: (JSON.parse(login.body) as { accessToken: string }).accessToken });
  }
  const manager = people.find((p) => p.roles === 'manager');
  if (!manager) throw new Error('the staff needs a manager for the dashboard');

  // What people look for: cases from the office's queues, and each caseworker's own cases in review.
  const sample: CaseRef[] = [];
  for (const q of ['status=in_review&limit=100', 'status=decided&limit=100', 'status=received&limit=100']) {
    const res = await manager.c.send('GET', `/api/applications?${q}`, manager.token);
    const items = (
      JSON.parse(res.body) as {
        items: { id: string; reference: string; applicant: { name: string; orgNumber: string }; project: { title: string } }[];
      }
    ).items;
    sample.push(
      ...items.map((i) => ({
        id: i.id,
        reference: i.reference,
        orgNumber: i.applicant.orgNumber,
        name: i.applicant.name,
        title: i.project.title,
      })),
    );
  }
  if (!sample.length) throw new Error('the database has no cases to work on');
  // A caseworker in two sessions (a small seed has too few) splits the cases between them, so that neither changes a case behind the other's back.
  type Person = (typeof people)[number];
  const own = new Map<Person, { id: string; version: number | null }[]>();
  const sessions = new Map<string, Person[]>();
  for (const p of people.filter((x) => x.roles === 'caseworker')) sessions.set(p.username, [...(sessions.get(p.username) ?? []), p]);
  for (const same of sessions.values()) {
    const res = await same[0].c.send('GET', '/api/applications?assignee=me&status=in_review&limit=50', same[0].token);
    const items = (JSON.parse(res.body) as { items: { id: string; version: number }[] }).items;
    same.forEach((p, k) =>
      own.set(
        p,
        items.filter((_, i) => i % same.length === k).map((i) => ({ id: i.id, version: i.version })),
      ),
    );
  }

  const kinds = Object.entries(STAFF_MIX) as [StaffKind, number][];
  const total = kinds.reduce((s, [, w]) => s + w, 0);
  const pickKind = (): StaffKind => {
    let r = prng.int(0, total - 1);
    for (const [kind, weight] of kinds) {
      if (r < weight) return kind;
      r -= weight;
    }
    return 'queue';
  };
  const word = (text: string) => {
    const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
    return (words.length ? prng.pick(words) : text.slice(0, 6)).toLowerCase();
  };
  const think = () => (request.thinkMs > 0 ? new Promise((r) => setTimeout(r, -Math.log(1 - prng.next()) * request.thinkMs)) : null);

  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + request.seconds * 1000;
  await Promise.all(
    people.map(async (p) => {
      const cases = own.get(p) ?? [];
      let cursor: { query: string; next: string } | null = null;
      while (performance.now() < until) {
        let kind = pickKind();
        // Approvers and managers write notes too, but judgments are the caseworker's: give theirs to the queue.
        if (kind === 'write' && !cases.length) kind = 'queue';
        const any = prng.pick(sample);
        if (kind === 'queue') {
          // Now and then the next page of the last queue, as people scroll.
          const query: string =
            cursor && prng.next() < 0.3 ? `${cursor.query}&cursor=${encodeURIComponent(cursor.next)}` : prng.pick(QUEUES);
          const res = await p.c.send('GET', `/api/applications?${query}&limit=50`, p.token);
          record(kind, res, `GET /api/applications?${query}`);
          const next = res.status === 200 ? (JSON.parse(res.body) as { nextCursor: string | null }).nextCursor : null;
          cursor = next ? { query: query.replace(/&cursor=.*$/, ''), next } : null;
        } else if (kind === 'search') {
          const terms = [any.reference, any.orgNumber, word(any.name), word(any.title)];
          const q = prng.pick(terms);
          record(kind, await p.c.send('GET', `/api/applications?q=${encodeURIComponent(q)}&limit=50`, p.token), `search ${q}`);
        } else if (kind === 'case') {
          record(kind, await p.c.send('GET', `/api/applications/${any.id}`, p.token), 'case view');
        } else if (kind === 'timeline') {
          record(kind, await p.c.send('GET', `/api/applications/${any.id}/timeline`, p.token), 'timeline');
        } else if (kind === 'dashboard') {
          record(kind, await manager.c.send('GET', '/api/stats/overview', manager.token), 'dashboard');
        } else {
          const mine = prng.pick(cases);
          if (prng.next() < 0.6) {
            const res = await p.c.send('POST', `/api/applications/${mine.id}/notes`, p.token, {
              body: 'Ringte søkeren om budsjettet; svar ventes denne uka.',
              anchor: { type: 'application' },
            });
            record(kind, res, 'note');
          } else {
            if (mine.version === null) {
              const current = await p.c.send('GET', `/api/applications/${mine.id}`, p.token);
              record('case', current, 'case view before a judgment');
              mine.version = current.status === 200 ? (JSON.parse(current.body) as { version: number }).version : null;
            }
            const criterion = prng.pick(JUDGMENTS);
            const res = await p.c.send(
              'PUT',
              `/api/applications/${mine.id}/judgments/${criterion}`,
              p.token,
              { outcome: 'pass', rationale: `Vurdert i dag: ${criterion} er oppfylt.` },
              mine.version === null ? {} : { 'if-match': `"${mine.version}"` },
            );
            record(kind, res, `judgment ${criterion}`);
            mine.version = res.status === 200 ? (JSON.parse(res.body) as { version: number }).version : null;
          }
        }
        await think();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  for (const p of people) p.c.close();
  const all = Object.values(samples).flat();
  const errorCount = Object.values(errors).reduce((s, v) => s + v, 0);
  return {
    people: people.length,
    seconds,
    thinkMs: request.thinkMs,
    requests: all.length,
    perSecond: all.length / seconds,
    errors: errorCount,
    statusCodes,
    firstError,
    overall: figures(all, errorCount),
    kinds: Object.fromEntries(kinds.map(([k]) => [k, figures(samples[k], errors[k])])) as Record<StaffKind, KindFigures>,
    cpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(1, all.length),
  };
}

if (require.main === module) {
  process.once('message', (request) => {
    runStaff(request as StaffRequest).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: unknown) => {
        process.stderr.write(`staff: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
