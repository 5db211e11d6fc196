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

  it('limits login attempts per client and username', async () => {
    const limited = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await limited.http.post('/api/auth/login').send({ username: 'ola', password: 'wrong' })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const other = await limited.http.post('/api/auth/login').send({ username: 'kari', password: 'demo' });
      expect(other.status).toBe(200);
    } finally {
      await limited.close();
    }
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
    ['GET', '/api/applications/:id/decision/letter.pdf', READERS, null],
    ['GET', '/api/applications/:id/letter-preview.pdf', READERS, null],
    ['POST', '/api/applications/:id/letter-preview.pdf', ['caseworker'], { outcome: 'reject', justification: 'x', grounds: ['INC-01'] }],
    ['GET', '/api/applications/:id/changes-since-return', READERS, null],
    ['GET', '/api/applications/:id/timeline', READERS, null],
    ['GET', '/api/applications/:id/notes', READERS, null],
    ['POST', '/api/applications/:id/notes', READERS, { body: 'x', anchor: { type: 'application' } }],
    ['PUT', '/api/applications/:id/notes/:noteId', READERS, { body: 'y' }],
    ['POST', '/api/applications/:id/notes/:noteId/entered-in-error', READERS, { reason: 'z' }],
    ['GET', '/api/applications/:id/notes/:noteId/history', READERS, null],
    ['GET', '/api/conditions', READERS, null],
    ['GET', '/api/register-reports', ['manager'], null],
    ['POST', '/api/register-reports/:decisionId/reported', ['manager'], { registerReference: 'R-1' }],
    ['GET', '/api/stats/overview', ['manager'], null],
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
      .replace(':decisionId', '00000000-0000-4000-8000-000000000000');
    const call = (token?: string) => {
      const req =
        method === 'GET' ? ctx.http.get(url) : method === 'PUT' ? ctx.http.put(url).send(body ?? {}) : ctx.http.post(url).send(body ?? {});
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
