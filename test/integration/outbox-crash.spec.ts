import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { asOwner, createTestDatabase } from '../support/app';
import { ServersOnDatabase } from '../support/built-server';
import { eventually, WebhookReceiver } from '../support/portal';
import { sampleApplication } from '../support/fixtures';

/**
 * A server killed (SIGKILL) in the middle of delivering the portal's messages (issue 15, "How it
 * is checked"): the built server (`node backend/dist/backend/src/main.js`) delivers to a slow
 * webhook and is killed; a new process on the same database delivers every message, the one that
 * was in flight included, once its hold has run out. The receiver counts them by id.
 */
const SECRET = randomBytes(24).toString('hex');
const CASES = 6;

let receiver: WebhookReceiver;
let databaseUrl: string;
let owner: Client;
let servers: ServersOnDatabase;

/** Puts a delivery on the queue as the schedule would (through the owner's connection). */
const enqueueDelivery = () =>
  owner.query(`SELECT graphile_worker.add_job('portal-delivery', '{}'::json, job_key := 'portal-delivery', max_attempts := 10)`);

beforeAll(async () => {
  receiver = await new WebhookReceiver(SECRET).start();
  databaseUrl = await createTestDatabase();
  owner = new Client({ connectionString: asOwner(databaseUrl) });
  await owner.connect();
  servers = new ServersOnDatabase(databaseUrl, 'outbox-crash');
});

afterAll(async () => {
  await servers?.stop();
  await owner?.end();
  await receiver.stop();
});

it('delivers every message after the server is killed mid-delivery: none lost, the one in flight again', async () => {
  // Six cases, each with a question to the applicant: six messages in the outbox, none delivered yet.
  const writer = await servers.inProcess({ JOBS: 'off' });
  const http = request(writer.getHttpServer());
  const login = async (username: string) =>
    `Bearer ${(await http.post('/api/auth/login').send({ username, password: 'demo' })).body.accessToken}`;
  const portal = await login('portal');
  const kari = await login('kari');
  for (let i = 0; i < CASES; i++) {
    const doc = sampleApplication();
    doc.externalRef = `CRASH-${i}-${randomBytes(3).toString('hex')}`;
    const created = await http.post('/api/applications').set('authorization', portal).send(doc);
    expect(created.status).toBe(201);
    const id = created.body.id;
    let version = created.body.version;
    for (const [path, body] of [
      ['assign', { assignee: 'kari' }],
      ['status', { status: 'in_review' }],
      ['information-requests', { message: `Send oss budsjettet (${i}).` }],
    ] as const) {
      const res = await http
        .post(`/api/applications/${id}/${path}`)
        .set('authorization', kari)
        .send({ ...body, version });
      expect(res.status).toBeLessThan(300);
      version = res.body.version ?? version + 1;
    }
  }
  const written: string[] = (await owner.query(`SELECT id FROM portal_outbox ORDER BY seq`)).rows.map((r) => r.id);
  expect(written.length).toBeGreaterThanOrEqual(CASES);

  // The built server delivers to a portal that takes a second per message, and is killed mid-way.
  receiver.answer = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return 200;
  };
  const { child } = await servers.built({
    PORTAL_WEBHOOK_URL: receiver.url,
    PORTAL_WEBHOOK_SECRET: SECRET,
    PORTAL_WEBHOOK_RETRY_SECONDS: '1',
  });
  await enqueueDelivery();
  await eventually(() => receiver.deliveries.length >= 2, 30_000, 'deliveries to begin');
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const { rows } = await owner.query(`SELECT count(*)::int AS n FROM portal_outbox WHERE delivered_at IS NULL`);
  expect(rows[0].n).toBeGreaterThan(0);

  // A new process on the same database. The message the killed one was sending is held for 30 s,
  // then delivered again; the schedule would start a delivery every minute, the test every 2 s.
  await servers.inProcess({
    JOBS: 'on',
    PORTAL_WEBHOOK_URL: receiver.url,
    PORTAL_WEBHOOK_SECRET: SECRET,
    PORTAL_WEBHOOK_RETRY_SECONDS: '1',
  });
  receiver.answer = () => 200;
  const undelivered = async () => (await owner.query(`SELECT count(*)::int AS n FROM portal_outbox WHERE delivered_at IS NULL`)).rows[0].n;
  await eventually(
    async () => {
      await enqueueDelivery();
      return written.every((id) => receiver.ids().has(id)) && (await undelivered()) === 0;
    },
    90_000,
    'every message after the kill',
  );
  const arrivals = new Map<string, number>();
  // (The schedule's preliminary replies to these cases, written meanwhile, arrive too; counted are the six.)
  for (const d of receiver.deliveries) if (d.signed && written.includes(d.id)) arrivals.set(d.id, (arrivals.get(d.id) ?? 0) + 1);
  const duplicates = [...arrivals.values()].reduce((n, count) => n + count - 1, 0);
  console.log(`kill: ${written.length} messages, ${arrivals.size} arrived, ${duplicates} delivered twice or more`);
  expect(written.filter((id) => !arrivals.has(id))).toEqual([]);
  // The one in flight when the server died reached the portal, was never acknowledged, and came again.
  expect(duplicates).toBeGreaterThanOrEqual(1);
  expect(receiver.deliveries.every((d) => d.signed)).toBe(true);
}, 200_000);
