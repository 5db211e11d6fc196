import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../backend/src/app';
import { upsertUser } from '../../backend/src/auth/users.repository';
import { VerifiedTokens } from '../../backend/src/auth/verified-tokens';
import { loadConfig } from '../../backend/src/config/app-config';
import { startTestApp, TestContext } from '../support/app';

let ctx: TestContext;
let n = 0;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

type Http = ReturnType<typeof request>;

async function login(http: Http, username = 'kari'): Promise<string> {
  const res = await http.post('/api/auth/login').send({ username, password: 'demo' });
  expect(res.status).toBe(200);
  return res.body.accessToken;
}

const me = (http: Http, token: string) => http.get('/api/auth/me').set('authorization', `Bearer ${token}`);

/**
 * The status of `GET /api/auth/me` once it differs from 200, asking every 10 ms for at most a
 * second: a change made elsewhere reaches a replica by a PostgreSQL notification, in milliseconds.
 */
async function statusAfterNotification(http: Http, token: string): Promise<{ status: number; asked: number }> {
  const until = Date.now() + 1000;
  let asked = 0;
  for (;;) {
    const res = await me(http, token);
    asked++;
    if (res.status !== 200 || Date.now() > until) return { status: res.status, asked };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A user of their own, so changing them disturbs no other test. */
async function newUser(roles: ('caseworker' | 'manager')[] = ['caseworker']): Promise<string> {
  const username = `session-${++n}`;
  await upsertUser(ctx.db, { username, displayName: `Session ${n}`, password: 'demo', roles });
  return username;
}

describe('logout', () => {
  it('ends the session: the same token is refused with 401 from then on', async () => {
    const token = await login(ctx.http);
    expect((await me(ctx.http, token)).status).toBe(200);
    const out = await ctx.http.post('/api/auth/logout').set('authorization', `Bearer ${token}`);
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    const after = await me(ctx.http, token);
    expect(after.status).toBe(401);
    expect(after.headers['content-type']).toMatch(/problem\+json/);
    expect((await ctx.http.post('/api/auth/refresh').set('authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await ctx.http.post('/api/auth/logout').set('authorization', `Bearer ${token}`)).status).toBe(401);
    // Another session of the same user goes on.
    expect((await me(ctx.http, await login(ctx.http))).status).toBe(200);
  });

  it('ends every token of the session, not only the newest', async () => {
    const first = await login(ctx.http);
    const second = (await ctx.http.post('/api/auth/refresh').set('authorization', `Bearer ${first}`)).body.accessToken;
    expect((await ctx.http.post('/api/auth/logout').set('authorization', `Bearer ${second}`)).status).toBe(204);
    for (const token of [first, second]) expect((await me(ctx.http, token)).status).toBe(401);
    const [row] = await ctx.db.query(`SELECT revoked_reason FROM app_session ORDER BY revoked_at DESC NULLS LAST LIMIT 1`);
    expect(row.revoked_reason).toBe('logout');
  });
});

describe('refresh', () => {
  it('rotates: the old token answers 401 afterwards, the new one works and keeps the session end', async () => {
    const old = await login(ctx.http);
    const before = await ctx.http.post('/api/auth/refresh').set('authorization', `Bearer ${old}`);
    expect(before.status).toBe(200);
    const again = await ctx.http.post('/api/auth/refresh').set('authorization', `Bearer ${before.body.accessToken}`);
    expect(again.status).toBe(200);
    expect(again.body.sessionEndsAt).toBe(before.body.sessionEndsAt);
    expect((await me(ctx.http, old)).status).toBe(401);
    expect((await me(ctx.http, before.body.accessToken)).status).toBe(401);
    expect((await ctx.http.post('/api/auth/refresh').set('authorization', `Bearer ${old}`)).status).toBe(401);
    expect((await me(ctx.http, again.body.accessToken)).status).toBe(200);
  });
});

describe('a change of the user in the database', () => {
  it('refuses a user deactivated by SQL on their next request, though their token was just used (remembered)', async () => {
    const username = await newUser();
    const token = await login(ctx.http, username);
    expect((await me(ctx.http, token)).status).toBe(200);
    expect((await me(ctx.http, token)).status).toBe(200);
    await ctx.db.query(`UPDATE app_user SET active = false WHERE username = $1`, [username]);
    const { status, asked } = await statusAfterNotification(ctx.http, token);
    expect(status).toBe(401);
    expect(asked).toBeLessThanOrEqual(3);
    await ctx.db.query(`UPDATE app_user SET active = true WHERE username = $1`, [username]);
  });

  it('gives a user their new roles on the next request, and refuses one whose roles were all removed', async () => {
    const username = await newUser(['caseworker']);
    const token = await login(ctx.http, username);
    expect((await ctx.http.get('/api/stats/overview').set('authorization', `Bearer ${token}`)).status).toBe(403);
    expect((await me(ctx.http, token)).body.roles).toEqual(['caseworker']);

    // upsertUser (npm run user:create) replaces the roles.
    await upsertUser(ctx.db, { username, displayName: 'Changed', password: 'demo', roles: ['manager'] });
    const until = Date.now() + 1000;
    let roles: string[] = [];
    while (Date.now() < until) {
      roles = (await me(ctx.http, token)).body.roles;
      if (roles[0] === 'manager') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(roles).toEqual(['manager']);
    expect((await ctx.http.get('/api/stats/overview').set('authorization', `Bearer ${token}`)).status).toBe(200);

    await ctx.db.query(`DELETE FROM user_role WHERE user_id = (SELECT id FROM app_user WHERE username = $1)`, [username]);
    expect((await statusAfterNotification(ctx.http, token)).status).toBe(401);
  });

  it('checks every token in the database while revocations cannot reach the process, and caches again once they can', async () => {
    const tokens = ctx.app.get(VerifiedTokens);
    expect(tokens.isListening).toBe(true);
    const username = await newUser();
    const token = await login(ctx.http, username);
    expect((await me(ctx.http, token)).status).toBe(200);
    // Drop the listener's connection from the server side, as a failover or a network cut would
    // (as the application role: only a role itself, or a superuser, may end its connections).
    const sameRole = new Client({ connectionString: ctx.databaseUrl });
    await sameRole.connect();
    await sameRole.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tilsagn-auth-listener' AND datname = current_database()`,
    );
    await sameRole.end();
    const until = Date.now() + 2000;
    while (tokens.isListening && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(tokens.isListening).toBe(false);
    // No notification can arrive now, yet the deactivation is seen at once.
    await ctx.db.query(`UPDATE app_user SET active = false WHERE username = $1`, [username]);
    expect((await me(ctx.http, token)).status).toBe(401);
    await ctx.db.query(`UPDATE app_user SET active = true WHERE username = $1`, [username]);
    expect((await me(ctx.http, token)).status).toBe(200);
    // It reconnects by itself.
    const back = Date.now() + 5000;
    while (!tokens.isListening && Date.now() < back) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tokens.isListening).toBe(true);
  });
});

describe('two API instances on one database', () => {
  let other: INestApplication;
  let otherHttp: Http;
  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      CONSOLE_DIR: '',
      LOGIN_LIMIT_PER_ADDRESS: '100000/1s',
      LOGIN_LIMIT_PER_USERNAME: '100000/1s',
      LOG_LEVEL: 'silent',
      MIGRATE_ON_BOOT: 'false',
    });
    other = await createApp(config, ctx.databaseUrl);
    await other.init();
    await (other.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
    otherHttp = request(other.getHttpServer());
  });
  afterAll(() => other.close());

  it('a logout on one refuses the token on the other', async () => {
    const token = await login(ctx.http);
    // Both instances have verified and remembered the token.
    expect((await me(ctx.http, token)).status).toBe(200);
    expect((await me(otherHttp, token)).status).toBe(200);
    expect((await ctx.http.post('/api/auth/logout').set('authorization', `Bearer ${token}`)).status).toBe(204);
    const { status, asked } = await statusAfterNotification(otherHttp, token);
    expect(status).toBe(401);
    expect(asked).toBeLessThanOrEqual(3);
  });

  it('a refresh on one retires the old token on the other', async () => {
    const token = await login(otherHttp);
    expect((await me(ctx.http, token)).status).toBe(200);
    const refreshed = await otherHttp.post('/api/auth/refresh').set('authorization', `Bearer ${token}`);
    expect(refreshed.status).toBe(200);
    expect((await statusAfterNotification(ctx.http, token)).status).toBe(401);
    expect((await me(ctx.http, refreshed.body.accessToken)).status).toBe(200);
  });
});

it('refuses to start with a short secret', () => {
  expect(() => loadConfig({ NODE_ENV: 'test', CONSOLE_DIR: '', JWT_SECRET: 'too-short' })).toThrow(
    /JWT_SECRET must be at least 32 characters/,
  );
});
