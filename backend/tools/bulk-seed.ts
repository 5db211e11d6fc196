import { createHash, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Pool, PoolClient } from 'pg';
import { hashPassword } from '../src/auth/password';
import { loadConfig } from '../src/config/app-config';
import { renderLetter } from '../src/letters';
import type { LetterDraft } from '../src/decisions/letter-input';
import { BatchJob, generateBatch, runBatches } from './seed-batches';
import { SeedContext, SeedUser, SeedUsers, TABLE_COLUMNS } from './seed-history';

export interface BulkSeedOptions {
  cases: number;
  batchSize?: number;
  caseworkers?: number;
  seed?: number;
  slaBusinessDays?: number;
  /** Years of history the cases are spread over, ending now (default 3). */
  years?: number;
  /** Decisions that get their letters stored, at least (default 10 000, or every decision when there are fewer). */
  letters?: number;
  /** Writers (threads of the built tools, each with a connection); default: the machine's cores. */
  workers?: number;
  /** Stop an unfinished seed where it stands (its batches stay) instead of resuming it. */
  abandon?: boolean;
  /** The key the application signs audit anchors with (AUDIT_ANCHOR_KEY); default: the configuration's. */
  anchorKey?: string;
  /** Finish an unfinished seed whatever its number of cases (the benchmark: it wants its database complete). */
  resumeAny?: boolean;
  onProgress?: (done: number, total: number) => void;
  onPhase?: (phase: string) => void;
}

export interface BulkSeedResult {
  cases: number;
  events: number;
  seconds: number;
  /** Cases per second of the writing itself (without the index builds and VACUUM at the end). */
  writeRate: number;
  resumed: boolean;
}

/** The tables the seed writes: their plain indexes and foreign keys are rebuilt after a load into an empty database. */
const BULK_TABLES = Object.keys(TABLE_COLUMNS);

/**
 * Fills a database with `cases` applications and the history a working office leaves
 * (seed-history.ts): 20-30 audit events per case, hash-chained as the trigger chains them. Fast:
 * the cases are generated in worker threads and written in batches, one COPY per table and one
 * transaction per batch (seed-batches.ts); into an empty database the plain indexes and foreign keys are dropped
 * first and rebuilt at the end (the usual bulk-load order). The run is recorded in the database
 * (bulk_seed_run, bulk_seed_batch, made by the seed and dropped when it completes), so a seed that
 * was stopped resumes where it stood when started again with the same --cases, and any other
 * seed is refused until it is finished or abandoned; the dropped indexes and constraints are
 * recorded there too and rebuilt whatever happens.
 */
export async function bulkSeed(url: string, options: BulkSeedOptions): Promise<BulkSeedResult> {
  const pool = new Pool({ connectionString: url, max: 3 });
  pool.on('error', () => undefined);
  const started = Date.now();
  const phase = (p: string) => options.onPhase?.(p);
  try {
    await ensureStateTables(pool);
    let run = await currentRun(pool);
    if (options.abandon) {
      if (!run) throw new Error('no unfinished seed to abandon');
      const done = await doneBatches(pool);
      phase(`abandoning the seed of ${run.cases} cases (${Math.min(run.cases, done.size * run.batch_size)} written stay)`);
      await finish(pool, run, phase);
      return { cases: 0, events: 0, seconds: (Date.now() - started) / 1000, writeRate: 0, resumed: false };
    }
    const resumed = run !== null;
    if (run && !options.resumeAny && (run.cases !== options.cases || (options.batchSize && options.batchSize !== run.batch_size))) {
      const done = await doneBatches(pool);
      throw new Error(
        `an unfinished seed of ${run.cases} cases (started ${run.started_at.toISOString()}, about ${Math.min(run.cases, done.size * run.batch_size)} written) ` +
          `is in this database: run the same command (--cases ${run.cases}) to finish it, or add --abandon to stop it where it stands`,
      );
    }
    if (!run) run = await startRun(pool, options, phase);
    const context = await contextOf(pool, run, options);
    const done = await doneBatches(pool);
    const batches = Math.ceil(run.cases / run.batch_size);
    const todo = Array.from({ length: batches }, (_, b) => b).filter((b) => !done.has(b));
    const alreadyDone = Math.min(run.cases, (batches - todo.length) * run.batch_size);
    if (resumed) phase(`resuming the seed of ${run.cases} cases started ${run.started_at.toISOString()}: ${alreadyDone} written before`);
    const triggers = await triggersToSwitchOff(pool);
    const dropped = run.dropped as Dropped;
    const job: Omit<BatchJob, 'batches'> = {
      url,
      context,
      seed: run.seed,
      batchSize: run.batch_size,
      triggers,
      tallies: triggers.some((t) => TALLY_TRIGGERS.includes(t.name)),
      latestEvaluationChecked: !dropped.constraints.some((c) => c.name === 'fk_application_latest_evaluation'),
      anchorKey: (await hasTable(pool, 'audit_anchor')) ? (options.anchorKey ?? configuredAnchorKey()) : null,
    };
    let written = alreadyDone;
    let events = 0;
    const writeStarted = Date.now();
    options.onProgress?.(written, run.cases);
    const onBatch = (cases: number, e: number) => {
      written += cases;
      events += e;
      options.onProgress?.(written, run.cases);
    };
    const writerCount = Math.max(1, Math.min(options.workers ?? availableParallelism(), todo.length || 1));
    const shares = Array.from({ length: writerCount }, (_, w) => todo.filter((_, i) => i % writerCount === w));
    const compiled = existsSync(join(__dirname, 'seed-worker.js'));
    // When one writer fails the others stop too (a worker thread is ended: its open batch rolls back).
    let failed = false;
    const threads: Worker[] = [];
    const writers = shares.map((batchList) =>
      (compiled
        ? runInWorker({ ...job, batches: batchList }, onBatch, threads)
        : // From the TypeScript sources (the tests) there is no compiled worker: the writers share this thread.
          runBatches({ ...job, batches: batchList }, onBatch, () => failed)
      ).catch((error: unknown) => {
        failed = true;
        for (const w of threads) void w.terminate();
        throw error;
      }),
    );
    const settled = await Promise.allSettled(writers);
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    const writeSeconds = (Date.now() - writeStarted) / 1000;
    await finish(pool, run, phase);
    return {
      cases: written - alreadyDone,
      events,
      seconds: (Date.now() - started) / 1000,
      writeRate: (written - alreadyDone) / writeSeconds,
      resumed,
    };
  } finally {
    await pool.end();
  }
}

async function hasTable(pool: Pool, name: string): Promise<boolean> {
  return (await pool.query(`SELECT to_regclass($1) IS NOT NULL AS found`, [name])).rows[0].found as boolean;
}

/** The configuration's AUDIT_ANCHOR_KEY (generated into DATA_DIR in development, as the app reads it). */
function configuredAnchorKey(): string {
  const config = loadConfig(process.env, 'tool') as unknown as { auditAnchorKey?: string };
  if (!config.auditAnchorKey)
    throw new Error('the database keeps audit anchors: set AUDIT_ANCHOR_KEY to the key the application signs them with');
  return config.auditAnchorKey;
}

interface Dropped {
  indexes: { name: string; def: string }[];
  constraints: { table: string; name: string; def: string }[];
}

interface RunRow {
  cases: number;
  batch_size: number;
  seed: number;
  run_tag: number;
  reference_base: number;
  start_ms: string;
  now_ms: string;
  letter_share: number;
  sla_days: number;
  started_at: Date;
  dropped: Dropped;
  users: SeedUsers;
}

async function ensureStateTables(pool: Pool): Promise<void> {
  // The seed's own bookkeeping, dropped when the seed completes; the API has no grant on it.
  await pool.query(`
    CREATE TABLE IF NOT EXISTS bulk_seed_run (
      one boolean PRIMARY KEY DEFAULT true CHECK (one), cases integer NOT NULL, batch_size integer NOT NULL, seed integer NOT NULL,
      run_tag integer NOT NULL, reference_base bigint NOT NULL, start_ms bigint NOT NULL, now_ms bigint NOT NULL,
      letter_share float8 NOT NULL, sla_days integer NOT NULL, started_at timestamptz NOT NULL DEFAULT now(),
      dropped jsonb NOT NULL, users jsonb NOT NULL)`);
  await pool.query(`CREATE TABLE IF NOT EXISTS bulk_seed_batch (batch integer PRIMARY KEY)`);
  await pool.query(`CREATE TABLE IF NOT EXISTS bulk_seed_letter (name text PRIMARY KEY, pdf bytea NOT NULL)`);
}

async function currentRun(pool: Pool): Promise<RunRow | null> {
  const { rows } = await pool.query<RunRow>(`SELECT * FROM bulk_seed_run`);
  return rows[0] ?? null;
}

async function doneBatches(pool: Pool): Promise<Set<number>> {
  const { rows } = await pool.query<{ batch: number }>(`SELECT batch FROM bulk_seed_batch`);
  return new Set(rows.map((r) => r.batch));
}

/** Records a new run (and, into an empty database, drops the plain indexes and foreign keys in the same transaction). */
async function startRun(pool: Pool, options: BulkSeedOptions, phase: (p: string) => void): Promise<RunRow> {
  const users = await ensureUsers(pool, options.caseworkers ?? 40);
  const [{ existing }] = (await pool.query(`SELECT count(*)::int AS existing FROM application`)).rows;
  const now = Date.now();
  const years = options.years ?? 3;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const [{ base }] = (await client.query(`SELECT nextval('application_reference_seq') AS base`)).rows;
    await client.query(`SELECT setval('application_reference_seq', $1)`, [Number(base) + options.cases - 1]);
    const dropped: Dropped = existing === 0 ? await dropForLoad(client) : { indexes: [], constraints: [] };
    if (dropped.indexes.length)
      phase(`empty database: ${dropped.indexes.length} indexes and ${dropped.constraints.length} foreign keys are rebuilt after the load`);
    // Letters for at least `letters` decisions (about 85 % of an office's cases end decided).
    const letterShare = Math.min(1, (options.letters ?? 10_000) / Math.max(1, options.cases * 0.85));
    await client.query(
      `INSERT INTO bulk_seed_run (cases, batch_size, seed, run_tag, reference_base, start_ms, now_ms, letter_share, sla_days, dropped, users)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        options.cases,
        options.batchSize ?? 500,
        options.seed ?? 42,
        randomInt(0, 0xfff),
        Number(base),
        now - Math.round(years * 365.25 * 86_400_000),
        now,
        letterShare,
        options.slaBusinessDays ?? 40,
        JSON.stringify(dropped),
        JSON.stringify(users),
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return (await currentRun(pool)) as RunRow;
}

/** The plain indexes (not unique, backing no constraint) and the foreign keys of the seeded tables: dropped, their definitions returned. */
async function dropForLoad(client: PoolClient): Promise<Dropped> {
  const indexes = (
    await client.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
          AND i.indexdef NOT LIKE 'CREATE UNIQUE INDEX%'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BULK_TABLES],
    )
  ).rows;
  const constraints = (
    await client.query<{ table: string; name: string; def: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)`,
      [BULK_TABLES],
    )
  ).rows;
  for (const c of constraints) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
  return { indexes, constraints };
}

/** Rebuilds what the run dropped, forgets the run, and leaves statistics and visibility maps fresh. */
async function finish(pool: Pool, run: RunRow, phase: (p: string) => void): Promise<void> {
  const dropped = run.dropped;
  if (dropped.indexes.length) {
    phase(`building ${dropped.indexes.length} indexes`);
    let k = 0;
    await Promise.all(
      Array.from({ length: 2 }, async () => {
        for (let i = k++; i < dropped.indexes.length; i = k++)
          await pool.query(dropped.indexes[i].def.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
      }),
    );
  }
  if (dropped.constraints.length) {
    phase(`checking ${dropped.constraints.length} foreign keys`);
    for (const c of dropped.constraints) {
      const exists = (await pool.query(`SELECT 1 FROM pg_constraint WHERE conname = $1`, [c.name])).rowCount;
      if (!exists) await pool.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`);
    }
  }
  await pool.query(`DROP TABLE bulk_seed_batch, bulk_seed_letter, bulk_seed_run`);
  phase('vacuum and analyze');
  // Fresh statistics for the planner, and visibility maps for index-only scans, as autovacuum would leave them.
  for (const table of BULK_TABLES) await pool.query(`VACUUM (ANALYZE) ${table}`);
}

/** The dashboard's tally triggers: a batch adds its cases to the tallies in one statement instead (seed-batches.ts, addTallies). */
const TALLY_TRIGGERS = ['tg_application_tally', 'tg_decision_tally'];

/**
 * The triggers a batch switches off for its own transaction, each replaced by what the seed does
 * itself: the chain trigger (the seed links events itself), the per-row audit checks (the seed
 * writes every case's events), and the tally triggers (the batch adds its cases to the tallies in
 * one statement). The four-eyes trigger on decision stays on.
 */
async function triggersToSwitchOff(pool: Pool): Promise<{ table: string; name: string }[]> {
  const { rows } = await pool.query<{ table: string; name: string }>(
    `SELECT t.tgrelid::regclass::text AS table, t.tgname AS name FROM pg_trigger t
      WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgrelid::regclass::text = ANY($1)
        AND (t.tgname = 'tg_audit_event_chain' OR t.tgname LIKE 'tg\\_%\\_audited' OR t.tgname = ANY($2))`,
    [BULK_TABLES, TALLY_TRIGGERS],
  );
  // Both tally triggers or neither: the batch adds to both tallies.
  const tallies = rows.filter((r) => TALLY_TRIGGERS.includes(r.name));
  return tallies.length === TALLY_TRIGGERS.length ? rows : rows.filter((r) => !TALLY_TRIGGERS.includes(r.name));
}

async function contextOf(pool: Pool, run: RunRow, options: BulkSeedOptions): Promise<SeedContext> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' }, 'tool');
  const context: SeedContext = {
    now: Number(run.now_ms),
    start: Number(run.start_ms),
    total: run.cases,
    slaBusinessDays: options.slaBusinessDays ?? run.sla_days,
    fx: { nokPerEur: config.nokPerEur, fxSource: config.nokPerEurSource, fxDate: config.nokPerEurDate },
    users: run.users,
    referenceBase: Number(run.reference_base),
    runTag: run.run_tag,
    letterShare: run.letter_share,
    letters: null,
  };
  context.letters = await sampleLetters(pool, context, run.seed);
  return context;
}

/**
 * The letters stored for the sample of decisions: one real letter per outcome and language,
 * rendered once from a seeded decision's own letter input (docs/scale.md says so: the bytes are
 * not each case's own letter). Kept in bulk_seed_letter so a resumed run stores the same bytes.
 */
async function sampleLetters(pool: Pool, context: SeedContext, seed: number): Promise<SeedContext['letters']> {
  let stored = (await pool.query<{ name: string; pdf: Buffer }>(`SELECT name, pdf FROM bulk_seed_letter`)).rows;
  if (stored.length < 4) {
    const inputs: Partial<Record<'grant' | 'reject', LetterDraft>> = {};
    const probe = { ...context, letters: null, total: 1000, now: context.now, start: context.now - 365 * 86_400_000 };
    for (let b = 0; b < 20 && !(inputs.grant && inputs.reject); b++) {
      const { rows } = generateBatch({ context: probe, seed: seed + 7919, batchSize: 50 }, b);
      for (const d of rows.decision) {
        const outcome = d[TABLE_COLUMNS.decision.indexOf('outcome')] === 'granted' ? 'grant' : 'reject';
        inputs[outcome] ??= JSON.parse(d[TABLE_COLUMNS.decision.indexOf('letter_input')] as string) as LetterDraft;
      }
    }
    for (const outcome of ['grant', 'reject'] as const) {
      const input = inputs[outcome];
      if (!input) throw new Error(`the seed found no ${outcome} to render a sample letter from`);
      for (const lang of ['nb', 'en'] as const) {
        const pdf = await renderLetter(input, lang);
        await pool.query(`INSERT INTO bulk_seed_letter (name, pdf) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
          `${outcome}-${lang}`,
          pdf,
        ]);
      }
    }
    stored = (await pool.query<{ name: string; pdf: Buffer }>(`SELECT name, pdf FROM bulk_seed_letter`)).rows;
  }
  const letter = (name: string) => {
    const row = stored.find((r) => r.name === name);
    if (!row) throw new Error(`sample letter ${name} is missing`);
    return { sha256: createHash('sha256').update(row.pdf).digest('hex'), bytes: row.pdf.length };
  };
  return {
    grant: { nb: letter('grant-nb'), en: letter('grant-en') },
    reject: { nb: letter('reject-nb'), en: letter('reject-en') },
  };
}

function runInWorker(job: BatchJob, onBatch: (cases: number, events: number) => void, workers: Worker[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'seed-worker.js'), { workerData: job });
    workers.push(worker);
    let settled = false;
    worker.on('message', (m: { cases?: number; events?: number; done?: boolean; error?: string }) => {
      if (m.error) {
        settled = true;
        reject(new Error(m.error));
      } else if (m.done) {
        settled = true;
        resolve();
      } else {
        try {
          onBatch(m.cases ?? 0, m.events ?? 0);
        } catch (error) {
          settled = true;
          reject(error);
        }
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`a seed worker stopped with code ${code}`));
    });
  });
}

/**
 * The office's people: caseworkers (cw001...), approvers who decide (ap01...), managers who assign
 * and report (mgr01...) and the portal's account, all with the password `bench`.
 */
async function ensureUsers(pool: Pool, caseworkers: number): Promise<SeedUsers> {
  const hash = await hashPassword('bench');
  const groups: [string, string[], string, string][] = [
    ['caseworker', Array.from({ length: caseworkers }, (_, i) => `cw${String(i + 1).padStart(3, '0')}`), 'Saksbehandler', 'caseworker'],
    ['approver', ['ap01', 'ap02', 'ap03', 'ap04', 'ap05', 'ap06'], 'Godkjenner', 'approver'],
    ['manager', ['mgr01', 'mgr02', 'mgr03'], 'Leder', 'manager'],
    ['intake', ['seed-portal'], 'Søknadsportalen', 'intake'],
  ];
  const out: Record<string, SeedUser[]> = {};
  for (const [group, names, title, role] of groups) {
    await pool.query(
      `INSERT INTO app_user (username, display_name, password_hash)
         SELECT u, $3 || ' ' || u, $2 FROM unnest($1::text[]) u
       ON CONFLICT ON CONSTRAINT uq_app_user_username DO NOTHING`,
      [names, hash, title],
    );
    await pool.query(`INSERT INTO user_role (user_id, role) SELECT id, $2 FROM app_user WHERE username = ANY($1) ON CONFLICT DO NOTHING`, [
      names,
      role,
    ]);
    const { rows } = await pool.query<{ id: string; username: string; display_name: string }>(
      `SELECT id, username, display_name FROM app_user WHERE username = ANY($1) ORDER BY username`,
      [names],
    );
    out[group] = rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
  }
  return { portal: out.intake[0], managers: out.manager, caseworkers: out.caseworker, approvers: out.approver };
}

/**
 * Progress as lines (a log, a terminal, CI alike): at most one every `everyMs`, with the rate of
 * this run and the time left; phases (index builds, VACUUM) as they start.
 */
export function progressLines(say: (line: string) => void, everyMs = 10_000): Pick<BulkSeedOptions, 'onProgress' | 'onPhase'> {
  const started = Date.now();
  let first: number | null = null;
  let last = 0;
  return {
    onProgress: (done, total) => {
      first ??= done;
      const now = Date.now();
      if (now - last < everyMs && done < total) return;
      last = now;
      const rate = (done - first) / Math.max(0.001, (now - started) / 1000);
      const left = rate > 0 ? Math.round((total - done) / rate) : null;
      say(
        `seeding: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} cases, ${Math.round(rate)} cases/s${left === null ? '' : `, about ${left} s left`}`,
      );
    },
    onPhase: (phase) => say(`seeding: ${phase}`),
  };
}
