import 'reflect-metadata';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fork } from 'node:child_process';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { buildQueueQuery } from '../src/queue/queue.repository';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions, migrate } from '../src/database/data-source';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { bulkSeed, progressLines } from './bulk-seed';
import { readTargetRows, ReadsResult, runReadsBench } from './bench-reads';
import { TargetRow, writeHtmlReport } from './bench-report';
import { BENCH_ANCHOR_KEY, runAuditBench } from './bench-audit';
import { setMigrationAnchorKey } from '../../migrations/audit-anchor-key';
import { seedDemoUsers } from '../src/demo/demo';
import type { LoadRequest, LoadResult } from './bench-load';
import { runStaffBench, StaffRun, staffTargetRows } from './bench-staff-run';
import { parseArgs, run, say } from '../src/cli/database';

const USAGE = `npm run bench [-- --cases 1000000] [--intake 4800] [--intake-runs 5] [--iterations 1000] [--decisions 60] [--only queue,intake,decision,rulebook,audit,reads,staff] [--read-iterations 200] [--reads <path name words>] [--staff-seconds 60] [--staff-paces 1000,0] [--workers <n>]
  Runs on BENCH_DATABASE_URL, or on an embedded PostgreSQL under BENCH_DATA_DIR
  (default ./.data/bench, kept between runs so the seed is made once).`;

interface Stats {
  p50: number;
  p95: number;
  mean: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

run(async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    say(USAGE);
    return;
  }
  const cases = Number(args.cases ?? 1_000_000);
  const intakeCount = Number(args.intake ?? 4800);
  const iterations = Number(args.iterations ?? 1000);
  const decisions = Number(args.decisions ?? 60);
  const intakeRounds = Math.max(1, Number(args['intake-runs'] ?? 5));
  const only =
    typeof args.only === 'string' ? args.only.split(',') : ['rulebook', 'queue', 'intake', 'decision', 'audit', 'reads', 'staff'];
  const results: Record<string, unknown> = { date: new Date().toISOString(), cases, node: process.version };

  if (only.includes('rulebook')) {
    say('rulebook: evaluating a 20-line case on one core (2 s warm-up, then 5 rounds of 1 s)');
    const { runRulebookBench } = await import('./bench-rulebook');
    const fmt = (v: number) => Math.round(v).toLocaleString('en');
    const r = runRulebookBench({ onRound: (i, v) => say(`  round ${i + 1}: ${fmt(v)} evaluations/s`) });
    results.rulebook = r;
    say(
      `rulebook: median ${fmt(r.evaluationsPerSecond)} evaluations/s (target 10,000); ${fmt(r.withSnapshotBuildPerSecond)}/s when each also builds its snapshot`,
    );
  }
  if (!['queue', 'intake', 'decision', 'audit', 'reads', 'staff'].some((part) => only.includes(part))) return report(results);

  let embedded: EmbeddedPostgres | null = null;
  // Three logins: the owner role migrates and seeds, the API connects as the application role, and
  // the measurements (pg_stat_statements, WAL) want the superuser the embedded server has.
  let url = process.env.BENCH_DATABASE_URL ?? '';
  let appUrl = process.env.BENCH_APP_DATABASE_URL || url;
  let statsUrl = url;
  if (!url) {
    const dataDir = resolve(process.env.BENCH_DATA_DIR ?? './.data/bench');
    embedded = new EmbeddedPostgres({
      dataDir,
      port: Number(process.env.BENCH_PG_PORT ?? 54339),
      database: 'tilsagn_bench',
      log: () => undefined,
      // BENCH_PG_SETTINGS adds server settings, name=value;name=value (for example auto_explain with logging_collector).
      settings: ['shared_preload_libraries=pg_stat_statements', ...(process.env.BENCH_PG_SETTINGS?.split(';').filter(Boolean) ?? [])],
    });
    statsUrl = await embedded.start();
    ({ ownerUrl: url, appUrl } = await embedded.provision());
    say(`embedded PostgreSQL for the benchmark in ${embedded.dataDirectory}`);
  }
  try {
    setMigrationAnchorKey(BENCH_ANCHOR_KEY); // the audit anchors of a database seeded before they existed
    await migrate(url, say, { appRole: process.env.DATABASE_APP_ROLE || undefined });
    const pool = new Pool({ connectionString: statsUrl, max: 4 });
    pool.on('error', () => undefined); // idle clients see the server stop at the end
    const [{ count }] = (await pool.query(`SELECT count(*)::int AS count FROM application`)).rows;
    if (count < cases) {
      const seeded = await bulkSeed(url, {
        cases: cases - count,
        // A seed stopped midway is finished first (whatever it was asked for); the bench's app signs with this key.
        resumeAny: true,
        anchorKey: BENCH_ANCHOR_KEY,
        ...progressLines(say),
      });
      results.seed = {
        cases: seeded.cases,
        seconds: seeded.seconds,
        casesPerSecond: seeded.cases / seeded.seconds,
        writeCasesPerSecond: seeded.writeRate,
        eventsPerCase: seeded.events / Math.max(1, seeded.cases),
      };
      say(`seeded ${seeded.cases} cases in ${seeded.seconds.toFixed(1)} s (${Math.round(seeded.cases / seeded.seconds)} cases/s)`);
    } else {
      say(`reusing ${count} seeded cases`);
    }
    const ds = new DataSource(dataSourceOptions(url, 1));
    await ds.initialize();
    await seedDemoUsers(ds);
    await ds.destroy();

    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      CONSOLE_DIR: '',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      AUDIT_ANCHOR_KEY: BENCH_ANCHOR_KEY,
      LOGIN_LIMIT_PER_ADDRESS: '100000/1s',
      DB_POOL_SIZE: '10',
    });
    const app = await createApp(config, appUrl);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const login = async (username: string, password = 'demo') => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return ((await res.json()) as { accessToken: string }).accessToken;
    };

    if (only.includes('queue')) {
      const token = await login('leder');
      const [busiest] = (
        await pool.query(`SELECT u.username, u.id, count(*)::int AS n FROM application a JOIN app_user u ON u.id = a.assignee_id
                           WHERE a.status = 'in_review' GROUP BY u.id ORDER BY n DESC LIMIT 1`)
      ).rows;
      const query = { status: ['in_review'], assignee: busiest.username as string, sort: '-receivedAt' as const, limit: 50 };
      const qs = `status=in_review&assignee=${busiest.username}&sort=-receivedAt&limit=50`;
      say(`queue: ${busiest.n} in_review cases assigned to ${busiest.username}; pages of 50 sorted by -receivedAt`);
      // A deep page: follow the cursor 40 pages in (rows 2001-2050).
      let cursor: string | null = null;
      for (let i = 0; i < 40; i++) {
        const res = await fetch(`${base}/api/applications?${qs}${cursor ? `&cursor=${cursor}` : ''}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        cursor = ((await res.json()) as { nextCursor: string }).nextCursor;
      }
      const pages: [string, string | null][] = [
        ['first page', null],
        ['page 41 (rows 2001-2050)', cursor],
      ];
      const pathOf = (c: string | null) => `/api/applications?${qs}${c ? `&cursor=${encodeURIComponent(c)}` : ''}`;
      // One request at a time, API and raw SQL alternating so that both see the same moments of
      // the machine. The API is called over HTTP on a kept-alive connection with Node's plain
      // http client from this process (strictly alternating with the server, so it takes no CPU
      // from it; fetch would add its own half millisecond); its JSON is parsed after the clock stops.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const get = (path: string) =>
        new Promise<{ ms: number; body: Buffer }>((resolveGet, reject) => {
          const t = performance.now();
          http
            .get(`${base}${path}`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () =>
                res.statusCode === 200
                  ? resolveGet({ ms: performance.now() - t, body: Buffer.concat(chunks) })
                  : reject(new Error(`queue answered ${res.statusCode}`)),
              );
            })
            .on('error', reject);
        });
      const queue: Record<string, unknown> = {};
      for (const [name, c] of pages) {
        const { sql, params } = buildQueueQuery({ ...query, ...(c ? { cursor: c } : {}) }, { id: null });
        for (let k = 0; k < 20; k++) {
          await pool.query(sql, params);
          await get(pathOf(c));
        }
        const api: number[] = [];
        const raw: number[] = [];
        for (let k = 0; k < iterations; k++) {
          const t = performance.now();
          const rows = await pool.query(sql, params);
          raw.push(performance.now() - t);
          const res = await get(pathOf(c));
          api.push(res.ms);
          const items = (JSON.parse(res.body.toString('utf8')) as { items: unknown[] }).items.length;
          if (items !== Math.min(50, rows.rowCount ?? 0)) throw new Error('API and SQL disagree on the page size');
        }
        const a = stats(api);
        const r = stats(raw);
        queue[name] = { api: a, raw: r, ratioP95: a.p95 / r.p95 };
        say(
          `queue ${name}: API p50 ${ms(a.p50)} p95 ${ms(a.p95)} | raw SQL p50 ${ms(r.p50)} p95 ${ms(r.p95)} | p95 ratio ${(a.p95 / r.p95).toFixed(2)}`,
        );
      }
      agent.destroy();
      results.queue = { assignee: busiest.username, casesForAssignee: busiest.n, iterations, pages: queue };
    }

    if (only.includes('intake')) {
      // The target holds in every run, not only on average (issue 13): --intake-runs runs, each of new applications.
      const intakeRuns: { perSecond: number; failures: number }[] = [];
      for (let round = 1; round <= intakeRounds; round++) {
        if (intakeRounds > 1) say(`intake: run ${round} of ${intakeRounds}`);
        const token = await login('portal');
        const connections = 16;
        // autocannon gives every connection the same number of requests.
        const count = Math.ceil(intakeCount / connections) * connections;
        say(`intake: ${count} new applications from a separate load-generator process (autocannon), ${connections} connections`);
        const statements = await statementStats(pool);
        await statements.reset();
        const postmaster = await postmasterOf(pool);
        const cpuBefore = { node: process.cpuUsage(), postgres: postgresCpuSeconds(postmaster) };
        const walBefore = (await pool.query(`SELECT pg_current_wal_insert_lsn() AS lsn`)).rows[0].lsn as string;
        const load = await runClient<LoadResult>({
          url: base,
          path: '/api/applications',
          token,
          connections,
          applications: count,
          seed: Date.now() % 100_000,
          runId: Date.now().toString(36),
        });
        const nodeCpu = process.cpuUsage(cpuBefore.node);
        const pgAfter = postgresCpuSeconds(postmaster);
        const { wal } = (await pool.query(`SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1)::float8 AS wal`, [walBefore])).rows[0];
        const created = load.statusCodes['201'] ?? 0;
        const failures = load.requests - created + load.errors;
        const cpuMs = {
          api: (nodeCpu.user + nodeCpu.system) / 1000 / count,
          apiSystem: nodeCpu.system / 1000 / count,
          postgres: pgAfter === null || cpuBefore.postgres === null ? null : ((pgAfter - cpuBefore.postgres) * 1000) / count,
          loadGenerator: load.cpuMsPerRequest,
        };
        const top = await statements.top(count);
        results.intake = {
          applications: count,
          connections,
          seconds: load.seconds,
          perSecond: created / load.seconds,
          latencyMs: load.latencyMs,
          statusCodes: load.statusCodes,
          failures,
          firstFailure: load.firstFailure,
          cpuMsPerApplication: cpuMs,
          walKbPerApplication: wal / 1024 / count,
          databaseTime: top,
        };
        if (load.firstFailure) say(`intake: first failure: ${load.firstFailure}`);
        say(
          `intake: CPU per application: ${cpuMs.api.toFixed(2)} ms in the API process (${cpuMs.apiSystem.toFixed(2)} ms of it in the kernel)` +
            (cpuMs.postgres === null ? '' : `, ${cpuMs.postgres.toFixed(2)} ms in PostgreSQL`) +
            `, ${cpuMs.loadGenerator.toFixed(2)} ms in the load generator; ${(wal / 1024 / count).toFixed(0)} kB of WAL`,
        );
        if (top.length) {
          say('intake: database time per application, by statement (pg_stat_statements):');
          for (const t of top) say(`  ${t.msPerApplication.toFixed(3).padStart(7)} ms  ${String(t.calls).padStart(6)} calls  ${t.query}`);
        }
        say(`intake: latency p50 ${ms(load.latencyMs.p50)} p90 ${ms(load.latencyMs.p90)} p99 ${ms(load.latencyMs.p99)}`);
        say(
          `intake: ${created} applications in ${load.seconds.toFixed(1)} s = ${Math.round(created / load.seconds)} applications/s (target 300; ${failures} failures)`,
        );
        const last = results.intake as { perSecond: number; failures: number };
        intakeRuns.push({ perSecond: last.perSecond, failures: last.failures });
      }
      (results.intake as Record<string, unknown>).runs = intakeRuns;
      if (intakeRounds > 1)
        say(`intake: ${intakeRuns.map((r) => Math.round(r.perSecond)).join(', ')} applications/s in ${intakeRounds} runs`);
    }
    if (only.includes('decision')) {
      const { runDecisionBench } = await import('./bench-decision');
      const d = await runDecisionBench(base, login, decisions, say);
      results.decision = d;
      const line = (s: { p50: number; p95: number; max: number }) => `p50 ${ms(s.p50)} p95 ${ms(s.p95)} max ${ms(s.max)}`;
      say(`decision: ${d.decisions} approvals with both letters: ${line(d.decisionMs)} (target p95 1 000 ms)`);
      say(`decision: those with 2 000-character texts: ${line(d.longTextDecisionMs)}`);
      say(`decision: /health meanwhile (${d.healthMs.probes} probes): ${line(d.healthMs)} (target under 100 ms)`);
    }
    if (only.includes('reads')) {
      const readIterations = Number(args['read-iterations'] ?? 200);
      say(`reads: every read path, ${readIterations} requests each through the API and as raw SQL, one at a time`);
      const filter = typeof args.reads === 'string' ? args.reads.split(',') : undefined;
      results.reads = await runReadsBench(base, pool, login, { iterations: readIterations, only: filter }, say);
    }
    if (only.includes('audit')) results.audit = await runAuditBench(url, BENCH_ANCHOR_KEY, say);
    await app.close();
    if (only.includes('staff')) {
      // The server as it runs in production (WORKERS processes of the built main.js), not the one in this process.
      const postmaster = await postmasterOf(pool);
      results.staff = await runStaffBench(
        {
          appUrl,
          users: (
            await pool.query(
              `SELECT u.username, r.role FROM app_user u JOIN user_role r ON r.user_id = u.id
                WHERE u.active AND u.username ~ '^(cw|ap|mgr)[0-9]+$' ORDER BY u.username`,
            )
          ).rows,
          anchorKey: BENCH_ANCHOR_KEY,
          seconds: Number(args['staff-seconds'] ?? 60),
          paces: String(args['staff-paces'] ?? '1000,0')
            .split(',')
            .map(Number),
          workers: args.workers === undefined ? undefined : Number(args.workers),
          postgresCpu: () => postgresCpuSeconds(postmaster),
        },
        say,
      );
    }
    await pool.end();
  } finally {
    await embedded?.stop();
  }
  report(results);
});

/** Runs the benchmark's HTTP client (bench-load.ts) in its own process and waits for its answer. */
function runClient<T>(request: LoadRequest): Promise<T> {
  return new Promise((resolveLoad, reject) => {
    const child = fork(join(__dirname, 'bench-load.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: T | null = null;
    child.once('message', (m) => (answer = m as T));
    child.once('error', reject);
    child.once('exit', (code) => (answer ? resolveLoad(answer) : reject(new Error(`the load generator exited with code ${code}`))));
    child.send(request);
  });
}

/** The process id of the benchmark's PostgreSQL server (its postmaster), when it runs on this machine (Linux /proc). */
async function postmasterOf(pool: Pool): Promise<number | null> {
  try {
    const { pid } = (await pool.query(`SELECT pg_backend_pid() AS pid`)).rows[0];
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by the benchmark's PostgreSQL: its postmaster and the processes it
 * started (Linux /proc), not other servers on a shared machine; null where that cannot be read.
 */
function postgresCpuSeconds(postmaster: number | null): number | null {
  if (postmaster === null) return null;
  try {
    const ticks = 100; // USER_HZ on Linux
    let total = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      if (Number(pid) !== postmaster && Number(fields[1]) !== postmaster) continue;
      total += (Number(fields[11]) + Number(fields[12])) / ticks; // utime, stime
      // The postmaster's cutime and cstime: the backends that have exited, so that the sum only grows.
      if (Number(pid) === postmaster) total += (Number(fields[13]) + Number(fields[14])) / ticks;
    }
    return total;
  } catch {
    return null;
  }
}

/**
 * Where the database's time goes, from pg_stat_statements when the server has it loaded (the
 * embedded benchmark server does); otherwise nothing is reported.
 */
async function statementStats(pool: Pool) {
  let available = false;
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await pool.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
    available = true;
  } catch {
    say('pg_stat_statements is not available: no per-statement database time');
  }
  return {
    reset: async () => {
      if (available) await pool.query('SELECT pg_stat_statements_reset()');
    },
    top: async (applications: number) => {
      if (!available) return [];
      const { rows } = await pool.query(
        `SELECT calls::int, total_exec_time, regexp_replace(query, '[[:space:]]+', ' ', 'g') AS query
           FROM pg_stat_statements WHERE query !~* 'pg_stat_statements' ORDER BY total_exec_time DESC LIMIT 8`,
      );
      return rows.map((r: { calls: number; total_exec_time: number; query: string }) => ({
        calls: r.calls,
        msPerApplication: r.total_exec_time / applications,
        query: r.query.length > 90 ? `${r.query.slice(0, 90)}…` : r.query,
      }));
    },
  };
}

/** What the targets table reads of a run's results (results are written whole to bench-results/). */
interface TargetFigures {
  rulebook?: { evaluationsPerSecond: number; rounds?: number[] };
  queue?: { pages: Record<string, { ratioP95: number; api: { p95: number } }> };
  intake?: { perSecond: number; failures?: number; runs?: { perSecond: number; failures: number }[] };
  audit?: { ok: boolean; streams: number; seconds: number };
  reads?: ReadsResult;
  seed?: { cases: number; writeCasesPerSecond?: number; casesPerSecond: number; eventsPerCase?: number };
  staff?: StaffRun[];
}

/** The issue targets against what this run measured: measure, target, this run, met. */
export function targetRows(results: TargetFigures): TargetRow[] {
  const rows: TargetRow[] = [];
  const fmt = (v: number) => Math.round(v).toLocaleString('en');
  if (results.rulebook) {
    // Every round, not only the median.
    const { rounds, evaluationsPerSecond: median } = results.rulebook;
    const worst = rounds?.length ? Math.min(...rounds) : median;
    rows.push([
      `rulebook, 20-line case, one core, ${rounds?.length ?? 1} rounds`,
      '>= 10,000 evaluations/s in every round',
      `slowest ${fmt(worst)}/s, median ${fmt(median)}/s`,
      worst >= 10_000,
    ]);
  }
  for (const [name, page] of Object.entries(results.queue?.pages ?? {})) {
    const ok = page.ratioP95 <= 2 && page.api.p95 < 50;
    rows.push([`queue ${name}`, 'API p95 <= 2x raw SQL, < 50 ms', `${page.api.p95.toFixed(2)} ms, ${page.ratioP95.toFixed(2)}x`, ok]);
  }
  if (results.intake) {
    // Every run, not only one.
    const runs = results.intake.runs ?? [{ perSecond: results.intake.perSecond, failures: results.intake.failures ?? 0 }];
    const worst = Math.min(...runs.map((r) => r.perSecond));
    rows.push([
      `intake with validation and audit, ${runs.length} run${runs.length === 1 ? '' : 's'}`,
      '>= 300 applications/s in every run',
      runs.length === 1 ? `${fmt(worst)}/s` : `slowest ${fmt(worst)}/s (${runs.map((r) => fmt(r.perSecond)).join(', ')})`,
      worst >= 300 && runs.every((r) => !r.failures),
    ]);
  }
  if (results.audit) {
    const a = results.audit;
    rows.push([
      `audit log verified, ${a.streams.toLocaleString('en')} cases`,
      'finishes, every case ok',
      `${a.seconds.toFixed(0)} s`,
      a.ok,
    ]);
  }
  if (results.seed?.writeCasesPerSecond && results.seed.cases >= 10_000) {
    const v = results.seed.writeCasesPerSecond;
    rows.push([
      `seed, ${fmt(results.seed.cases)} realistic cases`,
      '>= 1,000 cases/s',
      `${fmt(v)}/s (${(results.seed.eventsPerCase ?? 0).toFixed(1)} events/case)`,
      v >= 1000,
    ]);
  }
  rows.push(...readTargetRows(results.reads));
  rows.push(...staffTargetRows(results.staff));
  return rows;
}

/** The targets as a printed table. */
export function targetsTable(results: TargetFigures): string[] {
  const rows = targetRows(results);
  if (!rows.length) return [];
  const head: [string, string, string, string] = ['measure', 'target', 'this run', ''];
  const cells = [head, ...rows.map(([a, b, c, ok]) => [a, b, c, ok ? 'met' : 'NOT met'] as const)];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
}

function report(results: Record<string, unknown>): void {
  for (const l of targetsTable(results as TargetFigures)) say(l);
  const targets = targetRows(results as TargetFigures);
  const dir = resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const met = targets.filter((t) => t[3]).length;
  writeFileSync(
    file,
    JSON.stringify({ ...results, targets: targets.map(([measure, target, value, ok]) => ({ measure, target, value, met: ok })) }, null, 2),
  );
  say(`${met} of ${targets.length} targets met; results written to ${file}, charts to ${writeHtmlReport(file, results, targets)}`);
}
