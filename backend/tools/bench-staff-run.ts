import { ChildProcess, fork, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { StaffRequest, StaffResult } from './bench-staff';

/**
 * Runs the `staff` part of `npm run bench`: the server as an operator runs it (the built
 * `main.js`, WORKERS API processes on one port, logging at info), and 50 simulated people
 * (bench-staff.ts, a process of their own) working on it for `seconds`, once at a busy office's
 * pace and once flat out. Reports throughput, percentiles per kind, errors and CPU per request.
 */
export interface StaffBenchOptions {
  appUrl: string;
  /** The seeded users (bulk-seed.ts), username and role. */
  users: { username: string; role: string }[];
  anchorKey: string;
  seconds: number;
  /** The runs' think times, mean ms. */
  paces: number[];
  workers?: number;
  /** CPU seconds the database server has used so far (null where it cannot be read). */
  postgresCpu: () => number | null;
}

export interface StaffRun extends StaffResult {
  workers: number;
  cpuMsPerRequest: number;
  cpu: { apiMsPerRequest: number; postgresMsPerRequest: number | null; peopleMsPerRequest: number };
}

const MAIN = join(__dirname, '../src/main.js');
/** Target p95 for every kind of request, ms (issue 13). */
export const STAFF_TARGET_P95 = 100;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** CPU seconds of a process and its children (Linux /proc): the server's primary and its API processes. */
function treeCpuSeconds(root: number): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pid) === root || Number(fields[1]) === root) total += (Number(fields[11]) + Number(fields[12])) / 100;
      if (Number(pid) === root) total += (Number(fields[13]) + Number(fields[14])) / 100; // processes that have exited
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function startServer(options: StaffBenchOptions, workers: number, say: (m: string) => void) {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS: node options for the server's processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: options.appUrl,
      MIGRATE_ON_BOOT: 'false',
      SEED_DEMO: 'false',
      // The seeded office's month-old cases would each get their preliminary reply on the first sweep: not what is measured here.
      JOBS: 'off',
      WORKERS: String(workers),
      PORT: String(port),
      HOST: '127.0.0.1',
      CONSOLE_DIR: '',
      LOG_LEVEL: 'info',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      AUDIT_ANCHOR_KEY: options.anchorKey,
      LOGIN_LIMIT_PER_ADDRESS: '100000/1s',
      DB_POOL_SIZE: '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let head = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      head += chunk.toString('utf8');
      if (head.includes('ready: console and API')) resolve();
      if (head.length > 200_000) head = head.slice(-100_000);
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${head.slice(-2000)}`)));
  });
  // Its request log goes on (as in production), read and dropped.
  server.stdout!.removeAllListeners('data');
  server.stdout!.resume();
  say(`staff: the server runs ${workers} API process(es) on port ${port}`);
  return { base: `http://127.0.0.1:${port}`, server };
}

function runPeople(request: StaffRequest): Promise<StaffResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(join(__dirname, 'bench-staff.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: StaffResult | null = null;
    child.once('message', (m) => (answer = m as StaffResult));
    child.once('error', reject);
    child.once('exit', (code) => (answer ? resolve(answer) : reject(new Error(`the simulated staff exited with code ${code}`))));
    child.send(request);
  });
}

/**
 * The office's 50 people, from the seeded database's users (bulk-seed.ts: caseworkers cw001...,
 * approvers ap01..., managers mgr01..., password `bench`) and leder: the managers and approvers
 * there are, and caseworkers for the rest.
 */
export function benchStaff(seeded: { username: string; role: string }[], size = 50): StaffRequest['people'] {
  const of = (role: string) => seeded.filter((u) => u.role === role).map((u) => ({ username: u.username, password: 'bench' }));
  const managers = [{ username: 'leder', password: 'demo' }, ...of('manager')].map((u) => ({ ...u, roles: 'manager' as const }));
  const approvers = of('approver').map((u) => ({ ...u, roles: 'approver' as const }));
  const caseworkers = of('caseworker').map((u) => ({ ...u, roles: 'caseworker' as const }));
  const people: StaffRequest['people'] = [...managers.slice(0, 4), ...approvers.slice(0, 6)];
  // A small seed has fewer caseworkers than that: some then work in two sessions (two people's share).
  for (let i = 0; people.length < size && caseworkers.length; i++) people.push(caseworkers[i % caseworkers.length]);
  return people;
}

export async function runStaffBench(options: StaffBenchOptions, say: (m: string) => void): Promise<StaffRun[]> {
  const workers = options.workers ?? availableParallelism();
  const { base, server } = await startServer(options, workers, say);
  const runs: StaffRun[] = [];
  try {
    for (const [i, thinkMs] of options.paces.entries()) {
      const people = benchStaff(options.users);
      say(
        `staff: ${people.length} people for ${options.seconds} s, ` +
          (thinkMs ? `pausing ${thinkMs} ms on average between requests` : 'each sending the next request at once (flat out)'),
      );
      const apiBefore = treeCpuSeconds(server.pid!);
      const pgBefore = options.postgresCpu();
      const result = await runPeople({ base, seconds: options.seconds, thinkMs, people, seed: 1000 + i });
      const apiMs = ((treeCpuSeconds(server.pid!) - apiBefore) * 1000) / Math.max(1, result.requests);
      const pgAfter = options.postgresCpu();
      const pgMs = pgBefore === null || pgAfter === null ? null : ((pgAfter - pgBefore) * 1000) / Math.max(1, result.requests);
      const run: StaffRun = {
        ...result,
        workers,
        cpuMsPerRequest: apiMs + (pgMs ?? 0),
        cpu: { apiMsPerRequest: apiMs, postgresMsPerRequest: pgMs, peopleMsPerRequest: result.cpuMsPerRequest },
      };
      runs.push(run);
      const f = (v: number) => `${v.toFixed(1)} ms`;
      say(
        `staff: ${result.requests} requests in ${result.seconds.toFixed(1)} s = ${Math.round(result.perSecond)}/s, ${result.errors} errors`,
      );
      for (const [kind, k] of Object.entries(result.kinds)) {
        say(
          `  ${kind.padEnd(9)} ${String(k.requests).padStart(6)}  p50 ${f(k.p50)}  p95 ${f(k.p95)}  p99 ${f(k.p99)}  max ${f(k.max)}  errors ${k.errors}`,
        );
      }
      say(
        `  CPU per request: ${apiMs.toFixed(2)} ms in the API processes` +
          (pgMs === null ? '' : `, ${pgMs.toFixed(2)} ms in PostgreSQL`) +
          `, ${result.cpuMsPerRequest.toFixed(2)} ms in the simulated people`,
      );
      if (result.firstError) say(`  first error: ${result.firstError}`);
    }
  } finally {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  return runs;
}

/** The targets table's rows for the staff runs: p95 of every kind at most 100 ms, and no errors. */
export function staffTargetRows(runs: StaffRun[] | undefined): [string, string, string, boolean][] {
  return (runs ?? []).map((r) => {
    const worst = Object.entries(r.kinds).reduce((a, b) => (b[1].p95 > a[1].p95 ? b : a));
    const pace = r.thinkMs ? `${r.thinkMs} ms pauses` : 'flat out';
    return [
      `${r.people} staff at once, ${pace}, ${r.workers} API processes`,
      `p95 <= ${STAFF_TARGET_P95} ms each kind, 0 errors`,
      `${Math.round(r.perSecond)}/s; p95 ${r.overall.p95.toFixed(0)} ms, worst ${worst[0]} ${worst[1].p95.toFixed(0)} ms; ${r.errors} errors`,
      worst[1].p95 <= STAFF_TARGET_P95 && r.errors === 0,
    ];
  });
}
