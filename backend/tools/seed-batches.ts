import { join } from 'node:path';
import { Client } from 'pg';
import { copyIn, copyText } from './copy-in';
import { Prng } from '../src/demo/generator';
import { emptyRows, SEED_TABLES, SeedContext, seedCase, SeedRows, SeedTable, TABLE_COLUMNS } from './seed-history';

/**
 * Writes batches of generated cases (seed-history.ts), each batch in one transaction on its own
 * connection: every row of every case, the audit events already hash-linked (the chain trigger is
 * off for the transaction only, so a seed that stops midway never leaves it off), and the batch's
 * number in bulk_seed_batch, so a stopped seed resumes with the batches it had not finished.
 * Runs in a worker thread of the built tools (seed-worker.ts), or in the caller's thread.
 */

export interface BatchJob {
  url: string;
  context: SeedContext;
  seed: number;
  batchSize: number;
  /** The batches this writer does (the others' are left to the other writers). */
  batches: number[];
  /** Triggers to switch off inside each batch's transaction: the chain trigger and the per-row audit checks. */
  triggers: { table: string; name: string }[];
  /**
   * Whether the dashboard's tally triggers (tg_application_tally, tg_decision_tally) are among
   * `triggers`: then each batch adds its cases to case_tally and grant_tally in one statement each,
   * as the triggers would have row by row.
   */
  tallies: boolean;
  /** Whether application.latest_evaluation_id has its foreign key (then it is set after the evaluations are in). */
  latestEvaluationChecked: boolean;
  /** The key the application signs its audit anchors with, when the database keeps anchors (audit_anchor). */
  anchorKey: string | null;
}

interface AnchorState {
  seq: number;
  hashes: Buffer;
  brokenFrom: number | null;
}

interface AnchorModule {
  AnchorKeyring: new (key: string) => { keyId: string; sign(stream: string, state: AnchorState): Buffer };
  extendAnchor(prior: null, written: { seq: number; prevHash: string; hash: string }[]): AnchorState;
}

/**
 * The audit log's anchors (src/cases/audit-anchor.ts), loaded when the database keeps them: each
 * seeded stream is anchored as the application anchors what it writes, signed with its key.
 */
function anchorModule(): AnchorModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, '..', 'src', 'cases', 'audit-anchor')) as AnchorModule;
}

/** One anchor row per case of the batch: stream, seq, hashes, broken_from, key_id, mac. */
function anchorRows(rows: SeedRows, key: string): unknown[][] {
  const { AnchorKeyring, extendAnchor } = anchorModule();
  const keyring = new AnchorKeyring(key);
  const c = TABLE_COLUMNS.audit_event;
  const [app, seq, prev, hash] = ['application_id', 'stream_seq', 'prev_hash', 'hash'].map((n) => c.indexOf(n as (typeof c)[number]));
  const streams = new Map<string, { seq: number; prevHash: string; hash: string }[]>();
  for (const r of rows.audit_event) {
    const id = r[app] as string;
    let list = streams.get(id);
    if (!list) streams.set(id, (list = []));
    list.push({ seq: r[seq] as number, prevHash: r[prev] as string, hash: r[hash] as string });
  }
  return [...streams].map(([stream, written]) => {
    const state = extendAnchor(null, written);
    return [stream, state.seq, state.hashes, state.brokenFrom, keyring.keyId, keyring.sign(stream, state)];
  });
}

/** One case's generator: the same case every time, so a resumed batch writes what the stopped one would have. */
export function casePrng(seed: number, index: number): Prng {
  return new Prng((Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(seed, 0x85ebca6b)) >>> 0);
}

/** The rows of one batch. */
export function generateBatch(
  job: Pick<BatchJob, 'context' | 'seed' | 'batchSize'>,
  batch: number,
): { rows: SeedRows; cases: number; events: number; ids: string[] } {
  const rows = emptyRows();
  const first = batch * job.batchSize;
  const last = Math.min(job.context.total, first + job.batchSize);
  let events = 0;
  for (let i = first; i < last; i++) events += seedCase(job.context, casePrng(job.seed, i), i, rows);
  // Events in time order across the batch, as a working system interleaves its cases' events.
  const at = TABLE_COLUMNS.audit_event.indexOf('occurred_at');
  rows.audit_event.sort((a, b) => (String(a[at]) < String(b[at]) ? -1 : String(a[at]) > String(b[at]) ? 1 : 0));
  rows.evaluation.sort((a, b) => (String(a[2]) < String(b[2]) ? -1 : 1));
  return { rows, cases: last - first, events, ids: rows.application.map((r) => r[0] as string) };
}

const MAX_PARAMETERS = 65_535;

/** The batch's decision letters: the PDF's bytes come from the sample letter the row names, inside the database. */
async function insertLetters(client: Client, rows: unknown[][]): Promise<void> {
  const per = Math.floor(MAX_PARAMETERS / TABLE_COLUMNS.decision_letter.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const r of chunk) for (const v of r) params.push(v);
    const values = chunk.map((_, r) => `($${r * 5 + 1}::uuid, $${r * 5 + 2}, $${r * 5 + 3}, $${r * 5 + 4}, $${r * 5 + 5}::timestamptz)`);
    await client.query(
      `INSERT INTO decision_letter (decision_id, lang, pdf, sha256, created_at)
       SELECT v.d, v.l, s.pdf, v.h, v.c FROM (VALUES ${values.join(',')}) v(d, l, n, h, c) JOIN bulk_seed_letter s ON s.name = v.n`,
      params,
    );
  }
}

/** The order the tables are written in: every row after the rows it refers to. */
const ORDER: SeedTable[] = [
  'application',
  'applicant',
  'financial_year',
  'related_enterprise',
  'collaboration_partner',
  'other_public_aid',
  'cost_line',
  'evaluation',
  'fact_correction',
  'judgment',
  'judgment_revision',
  'information_request',
  'note',
  'note_revision',
  'recommendation',
  // The events before the decisions: the four-eyes trigger on decision reads them.
  'audit_event',
  'decision',
  'decision_letter',
  'register_report',
];
if (ORDER.length !== SEED_TABLES.length) throw new Error('seed-batches: ORDER must list every seeded table');

/**
 * Writes one generated batch in one transaction: each table's rows with one COPY (its text made
 * before the transaction starts, so the triggers' lock is held only while the database works).
 */
export async function writeBatch(
  client: Client,
  job: Pick<BatchJob, 'triggers' | 'latestEvaluationChecked' | 'anchorKey' | 'tallies'>,
  batch: number,
  generated: ReturnType<typeof generateBatch>,
  verifyAll: boolean,
): Promise<void> {
  const { rows } = generated;
  const latestColumn = TABLE_COLUMNS.application.indexOf('latest_evaluation_id');
  const latest = rows.application.map((r) => r[latestColumn]);
  if (job.latestEvaluationChecked) for (const r of rows.application) r[latestColumn] = null;
  const copies = ORDER.filter((table) => table !== 'decision_letter' && rows[table].length).map(
    (table) => [table, `COPY ${table} (${TABLE_COLUMNS[table].join(', ')}) FROM STDIN`, copyText(rows[table])] as const,
  );
  const anchors = job.anchorKey ? copyText(anchorRows(rows, job.anchorKey)) : null;
  await client.query('BEGIN');
  try {
    // A batch lost in a crash is written again on resume (its number commits with it).
    await client.query('SET LOCAL synchronous_commit = off');
    for (const t of job.triggers) await client.query(`ALTER TABLE ${t.table} DISABLE TRIGGER ${t.name}`);
    for (const [table, sql, data] of copies) {
      await copyIn(client, sql, data);
      if (table === 'evaluation' && job.latestEvaluationChecked) {
        await client.query(
          `UPDATE application a SET latest_evaluation_id = v.e FROM unnest($1::uuid[], $2::uuid[]) v(a, e) WHERE a.id = v.a`,
          [generated.ids, latest],
        );
      }
      // The letters follow their decisions (ORDER puts them there).
      if (table === 'decision' && rows.decision_letter.length) await insertLetters(client, rows.decision_letter);
    }
    if (anchors) await copyIn(client, `COPY audit_anchor (stream, seq, hashes, broken_from, key_id, mac) FROM STDIN`, anchors);
    if (job.tallies) await addTallies(client, generated);
    await verifyChains(client, verifyAll ? generated.ids : sample(generated.ids, 8));
    await client.query('INSERT INTO bulk_seed_batch (batch) VALUES ($1)', [batch]);
    for (const t of job.triggers) await client.query(`ALTER TABLE ${t.table} ENABLE TRIGGER ${t.name}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The batch's cases and decisions added to the dashboard's tallies, as application_tally and
 * decision_tally (migrations/1764400000000-DashboardTally.ts) add them row by row: the same
 * grouping (open cases by caseworker, Oslo day received and SLA date; decided ones by Oslo day and
 * outcome), into this backend's slot.
 */
async function addTallies(client: Client, generated: ReturnType<typeof generateBatch>): Promise<void> {
  await client.query(
    `INSERT INTO case_tally AS t (slot, status, assignee_id, received_on, sla_due_on, decided_on, outcome, n)
     SELECT pg_backend_pid() % 8, status, assignee_id, received_on, sla_due_on, decided_on, outcome, count(*)
       FROM (SELECT status,
                    CASE WHEN status IN ('decided', 'withdrawn') THEN NULL ELSE assignee_id END AS assignee_id,
                    CASE WHEN status IN ('decided', 'withdrawn') THEN NULL ELSE (received_at AT TIME ZONE 'Europe/Oslo')::date END AS received_on,
                    CASE WHEN status IN ('decided', 'withdrawn') THEN NULL ELSE sla_due_on END AS sla_due_on,
                    CASE WHEN status = 'decided' THEN (decided_at AT TIME ZONE 'Europe/Oslo')::date END AS decided_on,
                    CASE WHEN status = 'decided' THEN decision_outcome END AS outcome
               FROM application WHERE id = ANY($1::uuid[])) a
      GROUP BY 1, 2, 3, 4, 5, 6, 7
     ON CONFLICT ON CONSTRAINT uq_case_tally DO UPDATE SET n = t.n + EXCLUDED.n`,
    [generated.ids],
  );
  const c = TABLE_COLUMNS.decision;
  const [date, outcome, amount] = (['decision_date', 'outcome', 'amount_nok'] as const).map((n) => c.indexOf(n));
  const decisions = generated.rows.decision;
  if (!decisions.length) return;
  await client.query(
    `INSERT INTO grant_tally AS t (slot, year, outcome, n, amount_nok)
     SELECT pg_backend_pid() % 8, extract(year FROM d)::int, o, count(*), coalesce(sum(coalesce(a, 0)), 0)
       FROM unnest($1::date[], $2::text[], $3::bigint[]) v(d, o, a)
      GROUP BY 1, 2, 3
     ON CONFLICT ON CONSTRAINT pk_grant_tally DO UPDATE SET n = t.n + EXCLUDED.n, amount_nok = t.amount_nok + EXCLUDED.amount_nok`,
    [decisions.map((r) => r[date]), decisions.map((r) => r[outcome]), decisions.map((r) => r[amount])],
  );
}

function sample<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]);
}

/**
 * The seed's own check of its chains: PostgreSQL recomputes the hashes of these cases' events
 * with audit_event_digest (what the trigger and GET /api/audit/verify use) and checks each link.
 * Any difference stops the seed before the batch commits.
 */
async function verifyChains(client: Client, caseIds: string[]): Promise<void> {
  const { rows } = await client.query(
    `SELECT e.application_id, e.stream_seq,
            e.hash = audit_event_digest(e.prev_hash, e.stream_seq, e.occurred_at, e.actor, e.application_id, e.kind, e.data) AS hash_ok,
            e.prev_hash = coalesce(lag(e.hash) OVER w, repeat('0', 64)) AND e.stream_seq = row_number() OVER w AS link_ok
       FROM audit_event e
      WHERE coalesce(e.application_id, '00000000-0000-0000-0000-000000000000'::uuid) = ANY($1::uuid[])
     WINDOW w AS (PARTITION BY e.application_id ORDER BY e.stream_seq)`,
    [caseIds],
  );
  const bad = rows.find((r) => !r.hash_ok || !r.link_ok);
  if (bad) {
    throw new Error(
      `the seed's audit chain differs from the database's at case ${bad.application_id}, event ${bad.stream_seq} ` +
        `(${bad.hash_ok ? 'link' : 'hash'}): has audit_event_digest or the chain trigger changed? (backend/tools/audit-chain.ts)`,
    );
  }
}

/** Does a writer's share of the batches: generates each batch, then writes it. */
export async function runBatches(
  job: BatchJob,
  onBatch: (cases: number, events: number) => void,
  stopped: () => boolean = () => false,
): Promise<void> {
  const client = new Client({ connectionString: job.url });
  await client.connect();
  try {
    let first = true;
    for (const batch of job.batches) {
      if (stopped()) return;
      const generated = generateBatch(job, batch);
      await writeBatch(client, job, batch, generated, first && batch === 0);
      first = false;
      onBatch(generated.cases, generated.events);
    }
  } finally {
    await client.end();
  }
}
