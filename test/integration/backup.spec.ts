import { INestApplication } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../backend/src/app';
import { loadConfig } from '../../backend/src/config/app-config';
import { dataSourceOptions, migrate } from '../../backend/src/database/data-source';
import { EmbeddedPostgres } from '../../backend/src/database/embedded-postgres';
import { seedDemoUsers } from '../../backend/src/demo/demo';
import { sampleApplication } from '../support/fixtures';
import { freePort } from '../support/built-server';

/**
 * `npm run backup` and `npm run restore` on the embedded database, as an operator runs them (the
 * built commands, backend/dist/.../cli): a backup of an installation while its API works, restored
 * into an empty DATA_DIR on another port, where the API finds every case, letter and user as they
 * were, and the audit chain verifies.
 */
const CLI = join(__dirname, '../../backend/dist/backend/src/cli');
const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];

interface Installation {
  dataDir: string;
  port: number;
  pg: EmbeddedPostgres;
  app: INestApplication;
  http: ReturnType<typeof request>;
}

const cleanup: (() => Promise<void> | void)[] = [];
let work: string;

/** A path in the test's folder, which the PostgreSQL server's own user can reach when the tests run as root. */
const directory = (name: string) => join(work, name);

function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The embedded PostgreSQL of a DATA_DIR and the API on it (what `npm start` runs, less the console). */
async function start(dataDir: string, port: number, options: { fresh?: boolean } = {}): Promise<Installation> {
  const pg = new EmbeddedPostgres({ dataDir, port, database: 'tilsagn', durable: false, log: () => undefined });
  await pg.start();
  cleanup.push(async () => {
    await pg.stop();
    pg.destroy();
  });
  const { ownerUrl, appUrl } = await pg.provision();
  if (options.fresh) {
    await migrate(ownerUrl);
    const ds = new DataSource(dataSourceOptions(ownerUrl, 1));
    await ds.initialize();
    await seedDemoUsers(ds);
    await ds.destroy();
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    CONSOLE_DIR: '',
    LOG_LEVEL: 'silent',
    LOGIN_LIMIT_PER_ADDRESS: '100000/1s',
    LOGIN_LIMIT_PER_USERNAME: '100000/1s',
  });
  const app = await createApp(config, appUrl);
  await app.init();
  await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  cleanup.push(() => app.close());
  return { dataDir, port, pg, app, http: request(app.getHttpServer()) };
}

async function as(at: Installation, username: string) {
  const login = await at.http.post('/api/auth/login').send({ username, password: 'demo' });
  if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${JSON.stringify(login.body)}`);
  const auth = `Bearer ${login.body.accessToken}`;
  return {
    get: (url: string) => at.http.get(url).set('authorization', auth),
    post: (url: string, body: object) => at.http.post(url).set('authorization', auth).send(body),
    put: (url: string, body: object) => at.http.put(url).set('authorization', auth).send(body),
  };
}

/** Runs a built command (backup.js, restore.js) to its end: exit code and everything it printed. */
function command(name: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [join(CLI, name), ...args], {
      env: { ...process.env, NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout!.on('data', (chunk) => (out += chunk));
    proc.stderr!.on('data', (chunk) => (out += chunk));
    proc.once('error', reject);
    proc.once('exit', (code) => resolve({ code, out }));
  });
}

beforeAll(() => {
  if (!existsSync(join(CLI, 'backup.js')))
    throw new Error(`${CLI}/backup.js is missing: run the tests with \`npm test\`, which builds the backend`);
  work = mkdtempSync(join(tmpdir(), 'tilsagn-backup-'));
  chmodSync(work, 0o755);
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

it('backs up a working installation and restores it into an empty DATA_DIR: the cases, letters and users are there, and the audit chain verifies', async () => {
  // An installation at work: cases received, one decided (with its letters), a note.
  const source = await start(directory('source'), await freePort(), { fresh: true });
  const jwtSecret = randomBytes(32).toString('hex');
  writeFileSync(join(source.dataDir, 'jwt-secret'), jwtSecret, { mode: 0o600 });
  const portal = await as(source, 'portal');
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const doc = sampleApplication();
    doc.costLines[1].amountNok = 1_000_000;
    doc.aid.requestedAmountNok = 1_300_000;
    doc.otherPublicAid = [];
    const res = await portal.post('/api/applications', doc);
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  const kari = await as(source, 'kari');
  const decided = ids[0];
  let version = (await kari.get(`/api/applications/${decided}`)).body.version as number;
  const step = async (res: Promise<request.Response> | request.Test) => {
    const answer = await res;
    if (answer.status !== 200) throw new Error(`${answer.status} ${JSON.stringify(answer.body)}`);
    version = answer.body.version;
  };
  await step(kari.post(`/api/applications/${decided}/assign`, { assignee: 'kari', version }));
  await step(kari.post(`/api/applications/${decided}/status`, { status: 'in_review', version }));
  for (const criterion of JUDGMENTS) {
    await step(
      kari.put(`/api/applications/${decided}/judgments/${criterion}`, { outcome: 'pass', rationale: `Vurdert: ${criterion}.`, version }),
    );
  }
  await step(
    kari.post(`/api/applications/${decided}/recommendation`, {
      outcome: 'grant',
      amountNok: 1_000_000,
      justification: 'Godt prosjekt.',
      reductionReason: 'Lavere behov.',
      version,
    }),
  );
  const leder = await as(source, 'leder');
  expect((await leder.post(`/api/applications/${decided}/decision`, { action: 'approve', version })).status).toBe(200);
  expect(
    (
      await kari.post(`/api/applications/${ids[1]}/notes`, {
        body: 'Ringte søkeren; årsregnskapet kommer.',
        anchor: { type: 'application', ref: null },
      })
    ).status,
  ).toBe(201);
  const letter = await leder.get(`/api/applications/${decided}/decision/letter.pdf?lang=nb`).buffer(true).parse(binary);
  expect(letter.status).toBe(200);
  const before = await leder.get('/api/audit/verify');
  expect(before.body.ok).toBe(true);
  const views = await Promise.all(ids.map(async (id) => (await leder.get(`/api/applications/${id}`)).body));

  // The backup, while the API and its PostgreSQL run.
  const file = join(work, 'backups', 'source.jsonl.gz');
  const backup = await command('backup.js', ['--out', file], { DATA_DIR: source.dataDir, EMBEDDED_PG_PORT: String(source.port) });
  expect(backup.out).toContain('backing up the running embedded PostgreSQL');
  if (backup.code !== 0) throw new Error(`npm run backup failed:\n${backup.out}`);
  expect(backup.out).toMatch(/backup: application, 3 rows/);
  expect(backup.out).toMatch(/backup: decision_letter, 2 rows/);
  expect(backup.out).toMatch(/backup written: .*source\.jsonl\.gz/);
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  expect(readFileSync(`${file}.sha256`, 'utf8')).toBe(`${sha256}  source.jsonl.gz\n`);
  expect(statSync(file).mode & 0o077).toBe(0);
  // The source goes on working after it.
  expect((await portal.post('/api/applications', sampleApplication())).status).toBe(201);

  // Restored into an empty DATA_DIR, on another port.
  const target = directory('target');
  const targetPort = await freePort();
  const restore = await command('restore.js', [file], { DATA_DIR: target, EMBEDDED_PG_PORT: String(targetPort) });
  expect(restore.out).toContain('checksum OK');
  if (restore.code !== 0) throw new Error(`npm run restore failed:\n${restore.out}`);
  expect(restore.out).toMatch(/restore: application, 3 rows \(\d+% of \d+ rows\)/);
  expect(restore.out).toContain(`restored into ${target} with jwt-secret`);
  expect(readFileSync(join(target, 'jwt-secret'), 'utf8')).toBe(jwtSecret);
  expect(statSync(join(target, 'jwt-secret')).mode & 0o077).toBe(0);

  const restored = await start(target, targetPort);
  const manager = await as(restored, 'leder');
  const verify = await manager.get('/api/audit/verify');
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ ok: true, events: before.body.events });
  for (const view of views) expect((await manager.get(`/api/applications/${view.id}`)).body).toEqual(view);
  const restoredLetter = await manager.get(`/api/applications/${decided}/decision/letter.pdf?lang=nb`).buffer(true).parse(binary);
  expect(Buffer.compare(restoredLetter.body, letter.body)).toBe(0);
  // It goes on where the source stood: a new case gets the next reference number.
  const next = await (await as(restored, 'portal')).post('/api/applications', sampleApplication());
  expect(next.status).toBe(201);
  const references = views.map((v) => Number(v.reference.slice(-6)));
  expect(Number(next.body.reference.slice(-6))).toBe(Math.max(...references) + 1);
  expect((await manager.get('/api/audit/verify')).body.ok).toBe(true);
}, 180_000);

it('refuses a damaged backup, and a DATA_DIR that is not empty', async () => {
  const file = join(work, 'backups', 'source.jsonl.gz');
  expect(existsSync(file)).toBe(true);
  // One byte changed in a copy, with the checksum file beside it.
  const damaged = join(work, 'backups', 'damaged.jsonl.gz');
  const bytes = readFileSync(file);
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  writeFileSync(damaged, bytes);
  writeFileSync(`${damaged}.sha256`, readFileSync(`${file}.sha256`, 'utf8').replace('source.jsonl.gz', basename(damaged)));
  const emptyDir = directory('never-made');
  const refused = await command('restore.js', [damaged], { DATA_DIR: emptyDir, EMBEDDED_PG_PORT: String(await freePort()) });
  expect(refused.code).toBe(1);
  expect(refused.out).toMatch(/damaged\.jsonl\.gz does not match its checksum .*nothing was restored/);
  expect(existsSync(emptyDir)).toBe(false);

  // Without its checksum file.
  copyFileSync(file, join(work, 'backups', 'alone.jsonl.gz'));
  const alone = await command('restore.js', [join(work, 'backups', 'alone.jsonl.gz')], { DATA_DIR: emptyDir });
  expect(alone.code).toBe(1);
  expect(alone.out).toMatch(/alone\.jsonl\.gz\.sha256 is missing/);

  // Into the installation restored above.
  const full = await command('restore.js', [file], { DATA_DIR: directory('target'), EMBEDDED_PG_PORT: String(await freePort()) });
  expect(full.code).toBe(1);
  expect(full.out).toMatch(/target is not empty \(.*\): restore into an empty DATA_DIR, or add --force/);
}, 180_000);
