import { Client } from 'pg';
import { asOwner, createTestDatabase, startTestApp, TestContext } from '../support/app';
import { sampleApplication } from '../support/fixtures';

/**
 * DATABASE_READ_URL: the queue and the dashboard read from the replica, everything else from the
 * primary. Here the "replica" is a second database that never receives the primary's writes, so
 * which one answered is visible.
 */
let ctx: TestContext;

beforeAll(async () => {
  const replicaUrl = await createTestDatabase();
  // A replica that knows no users: logins and token checks must not read from it.
  const replica = new Client({ connectionString: asOwner(replicaUrl) });
  await replica.connect();
  await replica.query('TRUNCATE app_user CASCADE');
  await replica.end();
  ctx = await startTestApp({ DATABASE_READ_URL: replicaUrl });
});
afterAll(() => ctx.close());

it('serves the queue and the dashboard from the replica, and the case and its changes from the primary', async () => {
  const portal = await ctx.token('portal');
  const created = await ctx.http.post('/api/applications').set('authorization', `Bearer ${portal}`).send(sampleApplication());
  expect(created.status).toBe(201);

  const kari = await ctx.token('kari');
  const leder = await ctx.token('leder');
  const fromPrimary = await ctx.http.get(`/api/applications/${created.body.id}`).set('authorization', `Bearer ${kari}`);
  expect(fromPrimary.status).toBe(200);

  // The replica has not seen the new case (in production: until replication catches up).
  const queue = await ctx.http.get('/api/applications?status=received').set('authorization', `Bearer ${kari}`);
  expect(queue.status).toBe(200);
  expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
  const overview = await ctx.http.get('/api/stats/overview').set('authorization', `Bearer ${leder}`);
  expect(overview.status).toBe(200);
  expect(overview.body.countsByStatus.received).toBe(0);

  // Users are read from the primary: logging in and refreshing work though the replica has none.
  const refreshed = await ctx.http.post('/api/auth/refresh').set('authorization', `Bearer ${kari}`);
  expect(refreshed.status).toBe(200);
  const kariNow: string = refreshed.body.accessToken;
  // A change reads the case inside its transaction on the primary: taking the case works.
  const take = await ctx.http
    .post(`/api/applications/${created.body.id}/assign`)
    .set('authorization', `Bearer ${kariNow}`)
    .send({ assignee: 'kari', version: created.body.version });
  expect(take.status).toBe(200);
  expect(take.body.assignee).toMatchObject({ username: 'kari' });
  const [row] = await ctx.db.query(`SELECT u.username FROM application a JOIN app_user u ON u.id = a.assignee_id WHERE a.id = $1`, [
    created.body.id,
  ]);
  expect(row.username).toBe('kari');
});
