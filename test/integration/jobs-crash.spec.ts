import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { asOwner, createTestDatabase } from '../support/app';
import { ServersOnDatabase } from '../support/built-server';
import { eventually } from '../support/portal';
import { sampleApplication } from '../support/fixtures';

/**
 * The jobs survive a server killed outright (issue 15, "How it is checked": "kill the server while
 * jobs … are pending: after a restart every job runs once"). A late-reply sweep and a
 * preliminary-reply sweep wait on the queue (graphile-worker) with due work: a request past its
 * reply-by date and a case received 32 days ago. The built server, running jobs, is killed
 * (SIGKILL) before their time comes; a new process on the same database runs each once: the
 * request is marked late with one event, the case gets one preliminary reply, and the queue holds
 * neither job afterwards.
 */
const DAY = 86_400_000;

let databaseUrl: string;
let owner: Client;
let servers: ServersOnDatabase;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  owner = new Client({ connectionString: asOwner(databaseUrl) });
  await owner.connect();
  servers = new ServersOnDatabase(databaseUrl, 'jobs-crash');
});

afterAll(async () => {
  await servers?.stop();
  await owner?.end();
});

it('runs each pending job once after the server is killed: one late-reply mark, one preliminary reply, the queue drained', async () => {
  // Two cases through the API (jobs off): one asked a question whose reply-by date has passed, one received 32 days ago.
  const writer = await servers.inProcess({ JOBS: 'off' });
  const http = request(writer.getHttpServer());
  const login = async (username: string) =>
    `Bearer ${(await http.post('/api/auth/login').send({ username, password: 'demo' })).body.accessToken}`;
  const portal = await login('portal');
  const kari = await login('kari');
  const intake = async (tag: string) => {
    const doc = sampleApplication();
    doc.externalRef = `JOBCRASH-${tag}-${randomBytes(3).toString('hex')}`;
    const created = await http.post('/api/applications').set('authorization', portal).send(doc);
    expect(created.status).toBe(201);
    return created.body as { id: string; version: number };
  };
  const late = await intake('late');
  let version = late.version;
  let requestId = '';
  for (const [path, body] of [
    ['assign', { assignee: 'kari' }],
    ['status', { status: 'in_review' }],
    ['information-requests', { message: 'Send oss budsjettet.' }],
  ] as const) {
    const res = await http
      .post(`/api/applications/${late.id}/${path}`)
      .set('authorization', kari)
      .send({ ...body, version });
    expect(res.status).toBeLessThan(300);
    version = res.body.version ?? version + 1;
    if (path === 'information-requests') requestId = res.body.id;
  }
  const threeDaysAgo = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
  await owner.query(`UPDATE information_request SET reply_by = $2 WHERE id = $1`, [requestId, threeDaysAgo]);
  const old = await intake('old');
  await owner.query(`UPDATE application SET received_at = now() - interval '32 days' WHERE id = $1`, [old.id]);
  await servers.close(writer);

  // The two sweeps wait on the queue as the schedule leaves them, due in 40 s.
  const jobIds: string[] = [];
  for (const task of ['late-reply', 'preliminary-reply']) {
    const { rows } = await owner.query(
      `SELECT (graphile_worker.add_job($1, '{}'::json, job_key := $1, max_attempts := 10, run_at := now() + interval '40 seconds')).id::text AS id`,
      [task],
    );
    jobIds.push(rows[0].id);
  }

  // The built server runs jobs, and is killed before their time.
  const { child, output } = await servers.built();
  await eventually(() => /running \d+ job\(s\)/.test(output()), 15_000, 'the job runner to start');
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const pending = await owner.query(`SELECT id::text FROM graphile_worker.jobs WHERE id = ANY($1::bigint[]) AND locked_at IS NULL`, [
    jobIds,
  ]);
  expect(pending.rows.map((r) => r.id).sort()).toEqual([...jobIds].sort());
  const [{ n: marked }] = (await owner.query(`SELECT count(*)::int AS n FROM information_request WHERE overdue_at IS NOT NULL`)).rows;
  expect(marked).toBe(0);

  // A new process on the same database: once their time has come, each job runs, and runs once.
  await servers.inProcess({ JOBS: 'on' });
  await owner.query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE id = ANY($1::bigint[])`, [jobIds]);
  await eventually(
    async () => (await owner.query(`SELECT 1 FROM graphile_worker.jobs WHERE id = ANY($1::bigint[])`, [jobIds])).rows.length === 0,
    60_000,
    'both jobs to have run',
  );
  const events = await owner.query(`SELECT kind FROM audit_event WHERE application_id = $1 AND kind = 'reply-overdue'`, [late.id]);
  expect(events.rows).toHaveLength(1);
  const replies = await owner.query(`SELECT kind FROM portal_outbox WHERE application_id = $1 AND kind = 'preliminary_reply'`, [old.id]);
  expect(replies.rows).toHaveLength(1);
}, 200_000);
