import { startTestApp, TestContext } from '../support/app';
import { newApplication } from '../support/factories';
import { upsertUser } from '../../backend/src/auth/users.repository';
import { ROLES, Role } from '../../backend/src/auth/roles';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
  // One user per single role, so the matrix tests exactly one role at a time.
  for (const role of ROLES) {
    await upsertUser(ctx.db, { username: `only-${role}`, displayName: `Only ${role}`, password: 'demo', roles: [role] });
  }
});
afterAll(() => ctx.close());

describe('login', () => {
  it('returns a token and the user for the demo users of docs/api.md', async () => {
    const expected: Record<string, string[]> = {
      kari: ['caseworker'],
      ola: ['caseworker'],
      ingrid: ['approver', 'caseworker'],
      leder: ['approver', 'manager'],
      portal: ['intake'],
      admin: ['admin'],
    };
    for (const [username, roles] of Object.entries(expected)) {
      const res = await ctx.http.post('/api/auth/login').send({ username, password: 'demo' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accessToken: expect.any(String), user: { username, displayName: expect.any(String), roles } });
    }
  });

  it('refuses wrong credentials with 401 problem+json, the same for unknown users', async () => {
    const wrong = await ctx.http.post('/api/auth/login').send({ username: 'kari', password: 'nope' });
    const unknown = await ctx.http.post('/api/auth/login').send({ username: 'nobody', password: 'demo' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.title).toBe('Wrong username or password');
    }
    const missing = await ctx.http.post('/api/auth/login').send({ username: 'kari' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('$.password');
  });

  describe('limits (LOGIN_LIMIT_PER_USERNAME, LOGIN_LIMIT_PER_ADDRESS), counted in PostgreSQL', () => {
    const attempt = (app: TestContext, username: string, password: string, forwardedFor?: string) => {
      const req = app.http.post('/api/auth/login');
      if (forwardedFor) req.set('x-forwarded-for', forwardedFor);
      return req.send({ username, password });
    };

    it('refuses a username after its failures from any address, in words with Retry-After, and a success clears the count', async () => {
      const limited = await startTestApp({
        LOGIN_LIMIT_PER_USERNAME: '3/15m',
        LOGIN_LIMIT_PER_ADDRESS: '1000/1m',
        TRUSTED_PROXIES: '127.0.0.1, ::1',
      });
      try {
        // Through a trusted proxy, from a new client address each time: the username's count holds.
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await attempt(limited, 'ola', 'wrong', `203.0.113.${i + 1}`)).status);
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        // Even the right password: the limit is checked before the password is.
        const refused = await attempt(limited, 'OLA', 'demo', '198.51.100.7');
        expect(refused.status).toBe(429);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        const retryAfter = Number(refused.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(14 * 60);
        expect(retryAfter).toBeLessThanOrEqual(15 * 60);
        expect(refused.body).toMatchObject({
          type: 'urn:tilsagn:problem:too-many-logins',
          title: 'Too many login attempts',
          status: 429,
          retryAfterSeconds: retryAfter,
        });
        expect(refused.body.detail).toMatch(
          /^Too many failed logins for this username \(3 within 15 minutes\): try again in 1[45] minutes\./,
        );
        expect(JSON.stringify(refused.body)).not.toMatch(/throttl/i);
        // The table holds a hash of the name, not the name.
        const keys = (await limited.db.query(`SELECT key FROM login_limit`)).map((r: { key: string }) => r.key);
        expect(keys.some((k: string) => /ola/i.test(k))).toBe(false);

        // Unknown names count the same, so a 429 says nothing about who exists.
        const unknown: number[] = [];
        for (let i = 0; i < 4; i++) unknown.push((await attempt(limited, 'nobody-here', 'x')).status);
        expect(unknown).toEqual([401, 401, 401, 429]);

        // Other users are not affected; a success forgives the failures before it.
        for (let i = 0; i < 2; i++) expect((await attempt(limited, 'kari', 'wrong')).status).toBe(401);
        expect((await attempt(limited, 'kari', 'demo')).status).toBe(200);
        for (let i = 0; i < 3; i++) expect((await attempt(limited, 'kari', 'wrong')).status).toBe(401);
        expect((await attempt(limited, 'kari', 'demo')).status).toBe(429);
      } finally {
        await limited.close();
      }
    });

    it('refuses an address that tries many usernames, and believes X-Forwarded-For only from TRUSTED_PROXIES', async () => {
      const untrusted = await startTestApp({ LOGIN_LIMIT_PER_ADDRESS: '4/1m', LOGIN_LIMIT_PER_USERNAME: '1000/1m' });
      try {
        // No proxy is trusted by default: a rotated X-Forwarded-For changes nothing.
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) statuses.push((await attempt(untrusted, `user${i}`, 'wrong', `198.51.100.${i}`)).status);
        expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
        const refused = await attempt(untrusted, 'kari', 'demo');
        expect(refused.status).toBe(429);
        expect(refused.body.detail).toMatch(
          /^Too many login attempts from your network address \(more than 4 within 1 minute\): try again in (\d+ seconds?|1 minute)\./,
        );
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      } finally {
        await untrusted.close();
      }

      const behindProxy = await startTestApp({
        LOGIN_LIMIT_PER_ADDRESS: '2/1m',
        LOGIN_LIMIT_PER_USERNAME: '1000/1m',
        TRUSTED_PROXIES: '127.0.0.0/8,::1',
      });
      try {
        // Each client behind the proxy has its own count; the proxy's own address is not the client.
        const a = [await attempt(behindProxy, 'a', 'x', '192.0.2.1'), await attempt(behindProxy, 'b', 'x', '192.0.2.1')];
        expect(a.map((r) => r.status)).toEqual([401, 401]);
        expect((await attempt(behindProxy, 'c', 'x', '192.0.2.1')).status).toBe(429);
        expect((await attempt(behindProxy, 'kari', 'demo', '192.0.2.2')).status).toBe(200);
        // A client cannot slip a made-up address in front of its own: the proxy appends the real one last.
        expect((await attempt(behindProxy, 'd', 'x', '10.9.9.9, 192.0.2.1')).status).toBe(429);
        // IPv6 clients count per /64.
        expect((await attempt(behindProxy, 'e', 'x', '2001:db8:1:2::1')).status).toBe(401);
        expect((await attempt(behindProxy, 'f', 'x', '2001:db8:1:2:ffff::9')).status).toBe(401);
        expect((await attempt(behindProxy, 'g', 'x', '2001:db8:1:2:abcd::7')).status).toBe(429);
        expect((await attempt(behindProxy, 'h', 'x', '2001:db8:1:3::1')).status).toBe(401);
      } finally {
        await behindProxy.close();
      }
    });

    it('lets no more than the limit through when the attempts arrive at once', async () => {
      const limited = await startTestApp({ LOGIN_LIMIT_PER_USERNAME: '5/15m', LOGIN_LIMIT_PER_ADDRESS: '1000/1m' });
      try {
        const statuses = (await Promise.all(Array.from({ length: 16 }, () => attempt(limited, 'ingrid', 'wrong')))).map((r) => r.status);
        expect(statuses.filter((s) => s === 401)).toHaveLength(5);
        expect(statuses.filter((s) => s === 429)).toHaveLength(11);
      } finally {
        await limited.close();
      }
    });
  });

  it('refreshes a session but never past its absolute end, retiring the old token, and rejects expired tokens', async () => {
    const login = async () =>
      (await ctx.http.post('/api/auth/login').send({ username: 'kari', password: 'demo' })).body.accessToken as string;
    let token = await login();
    const refreshed = await ctx.http.post('/api/auth/refresh').set('authorization', `Bearer ${token}`);
    expect(refreshed.status).toBe(200);
    const expiresIn = Date.parse(refreshed.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(29 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(30 * 60_000);
    expect(Date.parse(refreshed.body.sessionEndsAt) - Date.now()).toBeGreaterThan(11.9 * 3600_000);
    expect((await ctx.http.get('/api/auth/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
    token = refreshed.body.accessToken;
    // A POST that takes no body may still say what it would send (scripts often set it for every call).
    for (const type of ['application/json', 'application/x-www-form-urlencoded']) {
      const bodyless = await ctx.http.post('/api/auth/refresh').set('authorization', `Bearer ${token}`).set('content-type', type).send('');
      expect(bodyless.status).toBe(200);
      token = bodyless.body.accessToken;
    }
    const withForm = await ctx.http.post('/api/auth/refresh').set('authorization', `Bearer ${token}`).type('form').send('a=b');
    expect(withForm.status).toBe(415);
    expect(withForm.headers['content-type']).toMatch(/problem\+json/);

    const { JwtService } = await import('@nestjs/jwt');
    const jwt = ctx.app.get(JwtService);
    const now = Math.floor(Date.now() / 1000);
    // The claims of a live session: a token signed by hand for it passes the session check.
    const { iat: _iat, exp: _exp, ...live } = jwt.decode(await login());
    const idle = await jwt.signAsync({ ...live, sessionEndsAt: now + 3600, exp: now - 1 });
    const ended = await jwt.signAsync({ ...live, sessionEndsAt: now - 1, exp: now + 600 });
    const forged = (await jwt.signAsync({ ...live, sessionEndsAt: now + 3600, exp: now + 600 })).slice(0, -2) + 'xx';
    const { sid: _sid, jti: _jti, ...sessionless } = live;
    const noSession = await jwt.signAsync({ ...sessionless, exp: now + 600 });
    for (const t of [idle, ended, forged, noSession]) {
      const res = await ctx.http.get('/api/auth/me').set('authorization', `Bearer ${t}`);
      expect(res.status).toBe(401);
    }

    // A verified token is remembered (its signature is checked once), but never past its expiry.
    const short = await jwt.signAsync({ ...live, exp: Math.floor(Date.now() / 1000) + 2 });
    const verify = jest.spyOn(jwt, 'verifyAsync');
    expect((await ctx.http.get('/api/auth/me').set('authorization', `Bearer ${short}`)).status).toBe(200);
    expect((await ctx.http.get('/api/auth/me').set('authorization', `Bearer ${short}`)).status).toBe(200);
    expect(verify.mock.calls.filter(([t]) => t === short)).toHaveLength(1);
    verify.mockRestore();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await ctx.http.get('/api/auth/me').set('authorization', `Bearer ${short}`)).status).toBe(401);
  });
});

describe('every endpoint checks its role', () => {
  const ALL: Role[] = [...ROLES];
  const READERS: Role[] = ['caseworker', 'approver', 'manager'];
  let id: string;
  let lineId: string;
  let evaluationId: string;
  let noteId: string;
  beforeAll(async () => {
    const app = await newApplication(ctx);
    id = app.id;
    lineId = app.costLines[0].id;
    // The portal's answer carries no evaluation: read the case as a caseworker does.
    const latest = await ctx.http
      .get(`/api/applications/${id}/evaluations/latest`)
      .set('authorization', `Bearer ${await ctx.token('kari')}`);
    evaluationId = latest.body.id;
    const note = await ctx.http
      .post(`/api/applications/${id}/notes`)
      .set('authorization', `Bearer ${await ctx.token('kari')}`)
      .send({ body: 'note', anchor: { type: 'application' } });
    noteId = note.body.id;
  });

  const matrix: [string, string, Role[], object | null][] = [
    ['POST', '/api/applications', ['intake'], {}],
    ['GET', '/api/applications', READERS, null],
    ['GET', '/api/applications/export', READERS, null],
    ['GET', '/api/applications/:id', READERS, null],
    ['POST', '/api/applications/:id/assign', ['manager', 'caseworker'], { assignee: null }],
    ['POST', '/api/applications/bulk-assign', ['manager'], { assignee: null, ids: [] }],
    ['GET', '/api/users', ['caseworker', 'approver', 'manager', 'admin'], null],
    ['GET', '/api/audit/verify', ['manager'], null],
    ['POST', '/api/applications/:id/evaluations', ['caseworker', 'approver'], {}],
    ['GET', '/api/applications/:id/evaluations', READERS, null],
    ['GET', '/api/applications/:id/evaluations/latest', READERS, null],
    ['GET', '/api/applications/:id/evaluations/:evaluationId', READERS, null],
    ['POST', '/api/applications/:id/evaluations/:evaluationId/replay', READERS, {}],
    ['POST', '/api/applications/:id/what-if', ['caseworker', 'approver'], {}],
    ['POST', '/api/applications/:id/corrections', ['caseworker'], { path: 'project.location', value: 'Voss', reason: 'typo' }],
    ['PUT', '/api/applications/:id/exchange-rate', ['caseworker'], { nokPerEur: null }],
    ['PUT', '/api/applications/:id/judgments/:criterionId', ['caseworker'], { outcome: 'pass', rationale: 'ok' }],
    ['GET', '/api/applications/:id/judgments/history', READERS, null],
    ['PUT', '/api/applications/:id/cost-lines/:lineId/assessment', ['caseworker'], { approvedAmountNok: null }],
    ['POST', '/api/applications/:id/status', ['caseworker', 'manager'], { status: 'in_review' }],
    ['POST', '/api/applications/:id/recommendation', ['caseworker'], { outcome: 'reject', justification: 'x', grounds: ['INC-01'] }],
    ['GET', '/api/applications/:id/recommendations', READERS, null],
    ['POST', '/api/applications/:id/decision', ['approver'], { action: 'approve' }],
    ['GET', '/api/applications/:id/decision', READERS, null],
    ['GET', '/api/applications/:id/decision/letter.pdf', [...READERS, 'intake'], null],
    ['GET', '/api/applications/:id/letter-preview.pdf', READERS, null],
    ['POST', '/api/applications/:id/letter-preview.pdf', ['caseworker'], { outcome: 'reject', justification: 'x', grounds: ['INC-01'] }],
    ['GET', '/api/applications/:id/changes-since-return', READERS, null],
    ['GET', '/api/applications/:id/case-report.pdf', READERS, null],
    ['GET', '/api/applications/:id/timeline', READERS, null],
    ['GET', '/api/applications/:id/notes', READERS, null],
    ['POST', '/api/applications/:id/notes', READERS, { body: 'x', anchor: { type: 'application' } }],
    ['PUT', '/api/applications/:id/notes/:noteId', READERS, { body: 'y' }],
    ['POST', '/api/applications/:id/notes/:noteId/entered-in-error', READERS, { reason: 'z' }],
    ['GET', '/api/applications/:id/notes/:noteId/history', READERS, null],
    ['POST', '/api/applications/:id/documents', ['intake', 'caseworker'], {}],
    ['GET', '/api/applications/:id/documents', READERS, null],
    ['GET', '/api/applications/:id/documents/:documentId/content', READERS, null],
    ['POST', '/api/applications/:id/documents/:documentId/entered-in-error', ['caseworker', 'manager'], { reason: 'z' }],
    ['POST', '/api/applications/:id/information-requests', ['caseworker'], { message: 'x' }],
    ['POST', '/api/applications/:id/information-requests/:requestId/reply', ['intake'], { message: 'x' }],
    ['GET', '/api/applications/:id/information-requests', READERS, null],
    ['GET', '/api/conditions', READERS, null],
    ['GET', '/api/register-reports', ['manager'], null],
    ['POST', '/api/register-reports/:decisionId/reported', ['manager'], { registerReference: 'R-1' }],
    ['GET', '/api/stats/overview', ['manager'], null],
    ['GET', '/api/applications/:id/access-log', ['manager'], null],
    ['GET', '/api/access-log', ['manager'], null],
    ['GET', '/api/admin/jobs', ['manager', 'admin'], null],
    ['POST', '/api/admin/jobs/:jobId/retry', ['admin'], null],
    ['GET', '/api/portal/outbox', ['intake'], null],
    ['GET', '/api/queues/counts', READERS, null],
    ['GET', '/api/notifications', READERS, null],
    ['POST', '/api/notifications/read-all', READERS, null],
    ['POST', '/api/notifications/:id/read', READERS, null],
    ['GET', '/api/notifications/stream', READERS, null],
    ['GET', '/api/saved-filters', READERS, null],
    ['POST', '/api/saved-filters', READERS, { name: 'Mine', query: {} }],
    ['PUT', '/api/saved-filters/:id', READERS, { version: 1, name: 'Andre' }],
    ['DELETE', '/api/saved-filters/:id', READERS, null],
    ['POST', '/api/auth/refresh', ALL, null],
    ['POST', '/api/auth/logout', ALL, null],
    ['GET', '/api/auth/me', ALL, null],
  ];

  it('covers every route the application has', () => {
    const routes = ctx.routes.filter((r) => r.includes(' /api/') && !r.includes('/api/docs'));
    expect(routes.length).toBeGreaterThan(30);
    // Public: signing in, and what the console shows before it (GET /api/config).
    const listed = matrix.map(([m, p]) => `${m} ${p}`).concat(['POST /api/auth/login', 'GET /api/config']);
    expect(routes.filter((r: string) => !listed.includes(r))).toEqual([]);
  });

  it.each(matrix)('%s %s', async (method, path, allowed, body) => {
    const url = path
      .replace(':id', id)
      .replace(':lineId', lineId)
      .replace(':evaluationId', evaluationId)
      .replace(':criterionId', 'J-INNO-01')
      .replace(':noteId', noteId)
      .replace(':decisionId', '00000000-0000-4000-8000-000000000000')
      .replace(':documentId', '00000000-0000-4000-8000-000000000000')
      .replace(':requestId', '00000000-0000-4000-8000-000000000000')
      .replace(':jobId', '1');
    const call = (token?: string) => {
      const req =
        method === 'GET'
          ? ctx.http.get(url)
          : method === 'DELETE'
            ? ctx.http.delete(url)
            : method === 'PUT'
              ? ctx.http.put(url).send(body ?? {})
              : ctx.http.post(url).send(body ?? {});
      // The event stream would stay open: a Last-Event-ID that is no id ends it at 400, after the role is checked.
      if (path.endsWith('/stream')) req.set('last-event-id', 'not-an-id');
      return token ? req.set('authorization', `Bearer ${token}`) : req;
    };
    const anonymous = await call();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/problem\+json/);
    // Refresh and logout end the token they are called with: those get a session of their own.
    const ownSession = path === '/api/auth/refresh' || path === '/api/auth/logout';
    for (const role of ROLES) {
      const token = ownSession
        ? (await ctx.http.post('/api/auth/login').send({ username: `only-${role}`, password: 'demo' })).body.accessToken
        : await ctx.token(`only-${role}`);
      const res = await call(token);
      const outcome = { role, status: res.status, type: res.body.type };
      if (allowed.includes(role)) {
        expect(outcome.status).not.toBe(401);
        expect(outcome.type).not.toBe('urn:tilsagn:problem:role-required');
      } else {
        expect(outcome).toEqual({ role, status: 403, type: 'urn:tilsagn:problem:role-required' });
      }
    }
  });
});
