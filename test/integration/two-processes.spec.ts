import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { asOwner, createTestDatabase, TEST_APP_ROLE } from '../support/app';
import { sampleApplication } from '../support/fixtures';
import { BUILT_MAIN, freePort } from '../support/built-server';

/**
 * Two API processes on one PostgreSQL, as two replicas behind a load balancer run: the built
 * server (`node backend/dist/backend/src/main.js`) started twice on the same database, each with
 * its own connection pool, memory and event loop. Requests are split between them and sent at
 * once: what must hold for one process must hold for both together.
 */
const PER_USERNAME = 5;
const PER_ADDRESS = 8;
const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];

interface Instance {
  base: string;
  process: ChildProcess;
  output: () => string;
}

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

const children: ChildProcess[] = [];
let databaseUrl: string;
let owner: Client;
let a: Instance;
let b: Instance;
const tokens = new Map<string, string>();

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const proc = spawn(process.execPath, [BUILT_MAIN], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let out = '';
  proc.stdout!.on('data', (chunk) => (out += chunk));
  proc.stderr!.on('data', (chunk) => (out += chunk));
  const deadline = Date.now() + 45_000;
  while (!/ready: console and API/.test(out)) {
    if (proc.exitCode !== null) throw new Error(`an API process exited with ${proc.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`an API process was not ready within 45 s:\n${out}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { base: `http://127.0.0.1:${port}`, process: proc, output: () => out };
}

async function call(
  to: Instance,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; forwardedFor?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.forwardedFor) headers['x-forwarded-for'] = options.forwardedFor;
  const res = await fetch(`${to.base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** A demo user's token, from instance a (tokens are good on both: same secret, sessions in the database). */
async function token(username: string): Promise<string> {
  let found = tokens.get(username);
  if (!found) {
    const res = await call(a, 'POST', '/api/auth/login', { body: { username, password: 'demo' } });
    if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    found = res.body.accessToken as string;
    tokens.set(username, found);
  }
  return found;
}

/** Each request of `count` to a and b in turn, all sent at once. */
function split<T>(count: number, send: (to: Instance, i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => send(i % 2 === 0 ? a : b, i)));
}

const tally = (answers: Answer[]) =>
  answers.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {});

beforeAll(async () => {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run the tests with \`npm test\`, which builds the backend`);
  databaseUrl = await createTestDatabase();
  const env = {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    DATABASE_OWNER_URL: asOwner(databaseUrl),
    DATABASE_APP_ROLE: TEST_APP_ROLE,
    MIGRATE_ON_BOOT: 'false',
    SEED_DEMO: 'false',
    CONSOLE_DIR: '',
    LOG_LEVEL: 'warn',
    // The same key on both, as on every replica.
    JWT_SECRET: randomBytes(32).toString('hex'),
    DB_POOL_SIZE: '12',
    // The test stands in for a proxy on loopback: it says which client each attempt comes from.
    TRUSTED_PROXIES: '127.0.0.1,::1',
    LOGIN_LIMIT_PER_USERNAME: `${PER_USERNAME}/15m`,
    LOGIN_LIMIT_PER_ADDRESS: `${PER_ADDRESS}/1m`,
  };
  [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  owner = new Client({ connectionString: asOwner(databaseUrl) });
  await owner.connect();
}, 120_000);

afterAll(async () => {
  await owner?.end();
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
});

afterEach(() => {
  // A process that died mid-test would explain every failure after it.
  for (const instance of [a, b]) {
    if (instance && instance.process.exitCode !== null) throw new Error(`an API process exited:\n${instance.output()}`);
  }
});

it('gives one decision when approvals of one case arrive at both processes at once', async () => {
  // A recommended case: intake, assign, review, judge, recommend (by kari, through instance a).
  const doc = sampleApplication();
  doc.costLines[1].amountNok = 1_000_000; // eligible 2 690 000, maximum aid 1 345 000
  doc.aid.requestedAmountNok = 1_300_000;
  doc.otherPublicAid = [];
  const intake = await call(a, 'POST', '/api/applications', { token: await token('portal'), body: doc });
  expect(intake.status).toBe(201);
  const id = intake.body.id as string;
  const kari = await token('kari');
  let version = intake.body.version as number;
  const step = async (method: string, path: string, body: object) => {
    const res = await call(version % 2 ? a : b, method, `/api/applications/${id}${path}`, { token: kari, body: { ...body, version } });
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    version = res.body.version;
  };
  await step('POST', '/assign', { assignee: 'kari' });
  await step('POST', '/status', { status: 'in_review' });
  for (const criterion of JUDGMENTS) {
    await step('PUT', `/judgments/${criterion}`, { outcome: 'pass', rationale: `Vurdert: ${criterion} er oppfylt.` });
  }
  await step('POST', '/recommendation', {
    outcome: 'grant',
    amountNok: 1_000_000,
    justification: 'Godt prosjekt.',
    reductionReason: 'Lavere behov.',
  });

  const approvers = [await token('leder'), await token('ingrid')];
  const answers = await split(20, (to, i) =>
    call(to, 'POST', `/api/applications/${id}/decision`, { token: approvers[(i >> 1) % 2], body: { action: 'approve', version } }),
  );
  expect(tally(answers)).toEqual({ 200: 1, 409: 19 });
  const { rows } = await owner.query(
    `SELECT (SELECT count(*)::int FROM decision WHERE application_id = $1) AS decisions,
            (SELECT count(*)::int FROM decision_letter l JOIN decision d ON d.id = l.decision_id WHERE d.application_id = $1) AS letters,
            (SELECT status FROM application WHERE id = $1) AS status`,
    [id],
  );
  expect(rows[0]).toEqual({ decisions: 1, letters: 2, status: 'decided' });
});

it('keeps one case when identical intakes arrive at both processes at once: one 201, the rest 200 with its id', async () => {
  const doc = sampleApplication();
  const portal = await token('portal');
  const answers = await split(12, (to) => call(to, 'POST', '/api/applications', { token: portal, body: doc }));
  expect(tally(answers)).toEqual({ 200: 11, 201: 1 });
  expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
  const { rows } = await owner.query(
    `SELECT count(*)::int AS cases,
            (SELECT count(*)::int FROM audit_event e WHERE e.application_id = min(a.id::text)::uuid AND e.kind = 'intake') AS intakes
       FROM application a WHERE external_ref = $1`,
    [doc.externalRef],
  );
  expect(rows[0]).toEqual({ cases: 1, intakes: 1 });
});

it('counts the login limits of both processes together: a username’s failures, and one address’s attempts', async () => {
  // One username, guessed from many addresses, half of the guesses at each process.
  const guesses = await split(12, (to, i) =>
    call(to, 'POST', '/api/auth/login', { body: { username: 'ola', password: `guess-${i}` }, forwardedFor: `198.51.100.${i + 1}` }),
  );
  expect(tally(guesses)).toEqual({ 401: PER_USERNAME, 429: 12 - PER_USERNAME });
  // Both processes refuse the username now, the right password included, and say for how long.
  for (const to of [a, b]) {
    const refused = await call(to, 'POST', '/api/auth/login', {
      body: { username: 'ola', password: 'demo' },
      forwardedFor: '198.51.100.99',
    });
    expect(refused.status).toBe(429);
    expect(refused.body.type).toBe('urn:tilsagn:problem:too-many-logins');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  }

  // One address trying many usernames, half at each process.
  const spray = await split(20, (to, i) =>
    call(to, 'POST', '/api/auth/login', { body: { username: `sprayed-${i}`, password: 'Sommer2026!' }, forwardedFor: '203.0.113.77' }),
  );
  expect(tally(spray)).toEqual({ 401: PER_ADDRESS, 429: 20 - PER_ADDRESS });
  for (const to of [a, b]) {
    const refused = await call(to, 'POST', '/api/auth/login', {
      body: { username: 'kari', password: 'demo' },
      forwardedFor: '203.0.113.77',
    });
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/^Too many login attempts from your network address/);
  }
  // Another client is let in, through either process.
  expect(
    (await call(b, 'POST', '/api/auth/login', { body: { username: 'kari', password: 'demo' }, forwardedFor: '203.0.113.78' })).status,
  ).toBe(200);
});
