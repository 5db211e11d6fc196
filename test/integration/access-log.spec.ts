import { Client } from 'pg';
import { AccessLog } from '../../backend/src/access';
import { upsertUser } from '../../backend/src/auth/users.repository';
import { samplePdf } from '../../backend/src/documents/testing';
import { startTestApp, TEST_APP_ROLE, TEST_OWNER_ROLE, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';
import { sampleApplication } from '../support/fixtures';

/**
 * The access log (issue 12, item 3; docs/operations.md, "The access log"): who read which case,
 * document and letter, and when and why; sign-ins, failed sign-ins, refusals and role changes.
 * The API writes it in batches: `written()` waits for this process's rows to reach the table.
 */
let ctx: TestContext;
let accessLog: AccessLog;

beforeAll(async () => {
  ctx = await startTestApp();
  accessLog = ctx.app.get(AccessLog);
});
afterAll(() => ctx?.close());

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];

/** Every answer has been seen by the access log (its hook runs as the answer is sent), and its rows are in the table. */
async function written(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await accessLog.flush();
}

async function rows(where: string, params: unknown[] = []): Promise<any[]> {
  await written();
  return ctx.db.query(`SELECT * FROM access_log WHERE ${where} ORDER BY occurred_at, id`, params);
}

function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** A case decided with a grant (kari recommends, ingrid approves), with a document from the applicant. */
async function decidedCase(): Promise<{ id: string; documentId: string }> {
  const app = await newApplication(ctx, (d) => {
    d.otherPublicAid = [];
  });
  const upload = await ctx.http
    .post(`/api/applications/${app.id}/documents`)
    .set('authorization', `Bearer ${await ctx.token('portal')}`)
    .field('kind', 'other')
    .field('title', 'Budsjett')
    .attach('file', samplePdf('budsjett'), { filename: 'budsjett.pdf', contentType: 'application/pdf' });
  expect(upload.status).toBe(201);
  const kari = await as(ctx, 'kari');
  expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
  expect((await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
  for (const criterion of JUDGMENTS) {
    expect((await kari.put(`/api/applications/${app.id}/judgments/${criterion}`, { outcome: 'pass', rationale: 'Vurdert.' })).status).toBe(
      200,
    );
  }
  const recommended = await kari.post(`/api/applications/${app.id}/recommendation`, {
    outcome: 'grant',
    amountNok: 800000,
    justification: 'Vi støtter prosjektet med et lavere beløp.',
    reductionReason: 'Selskapet har egne midler til en stor del av prosjektet.',
  });
  expect(recommended.status).toBe(200);
  const ingrid = await as(ctx, 'ingrid');
  expect((await ingrid.post(`/api/applications/${app.id}/decision`, { action: 'approve', version: recommended.body.version })).status).toBe(
    200,
  );
  return { id: app.id, documentId: upload.body.id };
}

describe("a case's reads", () => {
  it('lists who read the case, its timeline, a document and the letter, with names and why, newest first, for a manager', async () => {
    const { id, documentId } = await decidedCase();
    const kari = await as(ctx, 'kari');
    const leder = await as(ctx, 'leder');

    expect((await kari.get(`/api/applications/${id}`)).status).toBe(200);
    expect((await kari.get(`/api/applications/${id}/timeline`)).status).toBe(200);
    expect((await kari.get(`/api/applications/${id}/documents/${documentId}/content`).buffer(true).parse(binary)).status).toBe(200);
    const letter = await kari.get(`/api/applications/${id}/decision/letter.pdf?lang=nb`).buffer(true).parse(binary);
    expect(letter.status).toBe(200);
    // The portal fetches the letter for the applicant: the applicant's channel, not a person's read.
    const portal = await ctx.http
      .get(`/api/applications/${id}/decision/letter.pdf?lang=nb`)
      .set('authorization', `Bearer ${await ctx.token('portal')}`)
      .buffer(true)
      .parse(binary);
    expect(portal.status).toBe(200);
    // Not found is not a read.
    expect((await kari.get(`/api/applications/${id}/documents/00000000-0000-4000-8000-000000000000/content`)).status).toBe(404);

    const page = await leder.get(`/api/applications/${id}/access-log`);
    expect(page.status).toBe(200);
    expect(page.body.items.slice(0, 4)).toEqual([
      expect.objectContaining({ kind: 'read', username: 'kari', displayName: 'Kari Nordmann', why: 'letter.decision', applicationId: id }),
      expect.objectContaining({ username: 'kari', why: 'document.content', resourceId: documentId }),
      expect.objectContaining({ username: 'kari', why: 'case.timeline', resourceId: null }),
      expect.objectContaining({ username: 'kari', why: 'case.view' }),
    ]);
    const [newest] = page.body.items;
    expect(newest.requestId).toBe(letter.headers['x-request-id']);
    expect(page.body.items.some((i: any) => i.username === 'portal')).toBe(false);
    expect(newest.clientAddress).toMatch(/127\.0\.0\.1|::1/);
    const times = page.body.items.map((i: any) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    // The reads while the case was worked are there too (the client reads the case's version before each change).
    expect(page.body.items.length).toBeGreaterThan(4);
    expect(page.body.items.every((i: any) => i.kind === 'read' && i.displayName)).toBe(true);

    // The manager's reading of the log is itself a read of the case.
    const again = await leder.get(`/api/applications/${id}/access-log?limit=1`);
    expect(again.body.items).toEqual([expect.objectContaining({ username: 'leder', displayName: 'Lene Leder', why: 'case.access-log' })]);
  });

  it('pages through a case with many reads without a row twice or missed', async () => {
    const app = await newApplication(ctx);
    const kari = await as(ctx, 'kari');
    for (let i = 0; i < 7; i++) expect((await kari.get(`/api/applications/${app.id}/evaluations/latest`)).status).toBe(200);
    const leder = await as(ctx, 'leder');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await leder.get(`/api/applications/${app.id}/access-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: any) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await rows(`kind = 'read' AND application_id = $1`, [app.id]);
    // Every read listed, but not the manager's own reads of the log made while paging past them.
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect(all.filter((r) => r.username === 'kari')).toHaveLength(7);
    expect(all.filter((r) => r.username === 'kari').every((r) => r.why === 'case.evaluations')).toBe(true);
  });

  it("does not log the portal's intake as a person's reads, nor the queue's lists", async () => {
    const doc = sampleApplication();
    const portal = await as(ctx, 'portal');
    const created = await portal.post('/api/applications', doc);
    expect(created.status).toBe(201);
    // The same application again: the portal is answered with the intake view of the stored case.
    expect((await portal.post('/api/applications', doc)).status).toBe(200);
    const kari = await as(ctx, 'kari');
    expect((await kari.get(`/api/applications?limit=200`)).status).toBe(200);
    expect(await rows(`kind = 'read' AND username = 'portal'`)).toEqual([]);
    expect(await rows(`kind = 'read' AND application_id = $1`, [created.body.id])).toEqual([]);
  });

  it('refuses a caseworker (403), names the bad parameter (400), and knows no unknown case (404)', async () => {
    const app = await newApplication(ctx);
    const kari = await as(ctx, 'kari');
    const leder = await as(ctx, 'leder');
    for (const url of [`/api/applications/${app.id}/access-log`, '/api/access-log']) {
      const res = await kari.get(url);
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('urn:tilsagn:problem:role-required');
    }
    const bad: [string, string][] = [
      [`/api/applications/${app.id}/access-log?limit=0`, '$.limit'],
      [`/api/applications/${app.id}/access-log?limit=abc`, '$.limit'],
      [`/api/applications/${app.id}/access-log?cursor=bm9wZQ`, '$.cursor'],
      [`/api/applications/${app.id}/access-log?sort=x`, '$.sort'],
      ['/api/access-log?kind=read,peeked', '$.kind'],
      ['/api/access-log?from=yesterday', '$.from'],
      ['/api/access-log?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z', '$.to'],
      [`/api/access-log?username=${'x'.repeat(65)}`, '$.username'],
    ];
    for (const [url, path] of bad) {
      const res = await leder.get(url);
      expect({ url, status: res.status, type: res.headers['content-type'] }).toEqual({
        url,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    }
    const unknown = await leder.get('/api/applications/00000000-0000-4000-8000-000000000000/access-log');
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('urn:tilsagn:problem:not-found');
  });
});

describe('sign-ins, refusals and changes of users', () => {
  it('records a failed sign-in (the name tried, never the password), a sign-in, a refusal and a logout', async () => {
    const password = 'hunter2-not-kari';
    const failed = await ctx.http.post('/api/auth/login').send({ username: 'kari', password });
    expect(failed.status).toBe(401);
    const login = await ctx.http.post('/api/auth/login').send({ username: 'Kari', password: 'demo' });
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    const refused = await ctx.http.get('/api/stats/overview').set('authorization', `Bearer ${token}`);
    expect(refused.status).toBe(403);
    const anonymous = await ctx.http.get('/api/applications');
    expect(anonymous.status).toBe(401);
    expect((await ctx.http.post('/api/auth/logout').set('authorization', `Bearer ${token}`)).status).toBe(204);

    const recorded = await rows(`request_id = ANY ($1)`, [[failed, login, refused, anonymous].map((r) => r.headers['x-request-id'])]);
    expect(recorded).toEqual([
      expect.objectContaining({ kind: 'login-failed', username: 'kari', route: 'POST /api/auth/login', status: 401 }),
      expect.objectContaining({ kind: 'login', username: 'kari', status: null }),
      expect.objectContaining({ kind: 'refused', username: 'kari', route: 'GET /api/stats/overview', status: 403 }),
      expect.objectContaining({ kind: 'refused', username: null, route: 'GET /api/applications', status: 401 }),
    ]);
    expect(recorded.every((r) => /127\.0\.0\.1|::1/.test(r.client_address))).toBe(true);
    expect(JSON.stringify(await rows('true'))).not.toContain(password);

    // A manager lists them (without reads by default), newest first, with names.
    const leder = await as(ctx, 'leder');
    const listed = await leder.get('/api/access-log?username=kari');
    expect(listed.status).toBe(200);
    expect(listed.body.items.slice(0, 4).map((i: any) => [i.kind, i.status, i.displayName])).toEqual([
      ['logout', null, 'Kari Nordmann'],
      ['refused', 403, 'Kari Nordmann'],
      ['login', null, 'Kari Nordmann'],
      ['login-failed', 401, 'Kari Nordmann'],
    ]);
    expect(listed.body.items.some((i: any) => i.kind === 'read')).toBe(false);
    const onlyRefusals = await leder.get('/api/access-log?kind=refused&limit=200');
    expect(onlyRefusals.body.items.map((i: any) => i.kind)).toEqual(onlyRefusals.body.items.map(() => 'refused'));
    expect(onlyRefusals.body.items.map((i: any) => i.route)).toEqual(
      expect.arrayContaining(['GET /api/stats/overview', 'GET /api/applications']),
    );
    // A time range, reads included.
    const from = new Date(Date.now() - 60_000).toISOString();
    const reads = await leder.get(`/api/access-log?kind=read&username=kari&from=${from}`);
    expect(reads.status).toBe(200);
    expect(reads.body.items.length).toBeGreaterThan(0);
    expect(reads.body.items.every((i: any) => i.kind === 'read' && i.at >= from)).toBe(true);
    const future = await leder.get(`/api/access-log?from=${new Date(Date.now() + 3_600_000).toISOString()}`);
    expect(future.body).toEqual({ items: [], nextCursor: null });
  });

  it('records roles granted and revoked and a user deactivated, by whoever changed them, also in SQL', async () => {
    await upsertUser(ctx.db, { username: 'vikar', displayName: 'Vera Vikar', password: 'demo', roles: ['caseworker'] });
    await upsertUser(ctx.db, { username: 'vikar', displayName: 'Vera Vikar', password: 'demo', roles: ['caseworker', 'approver'] });
    await upsertUser(ctx.db, { username: 'vikar', displayName: 'Vera Vikar', password: 'demo', roles: ['approver'] });
    await ctx.db.query(`UPDATE app_user SET active = false WHERE username = 'vikar'`);
    await ctx.db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('tilsagn.actor', 'admin', true)`);
      await tx.query(`UPDATE app_user SET active = true WHERE username = 'vikar'`);
    });
    const changes = await rows(`subject = 'vikar'`);
    const by = `db:${TEST_OWNER_ROLE}`;
    expect(changes.map((r) => [r.kind, r.role, r.username])).toEqual([
      ['user-created', null, by],
      ['role-granted', 'caseworker', by],
      ['role-granted', 'approver', by],
      ['role-revoked', 'caseworker', by],
      ['user-deactivated', null, by],
      ['user-activated', null, 'admin'],
    ]);
    const leder = await as(ctx, 'leder');
    const listed = await leder.get('/api/access-log?kind=role-granted,role-revoked,user-activated,user-deactivated,user-created');
    expect(listed.status).toBe(200);
    expect(listed.body.items.filter((i: any) => i.subject === 'vikar').map((i: any) => [i.kind, i.role])).toEqual([
      ['user-activated', null],
      ['user-deactivated', null],
      ['role-revoked', 'caseworker'],
      ['role-granted', 'approver'],
      ['role-granted', 'caseworker'],
      ['user-created', null],
    ]);
  });
});

describe('the log itself', () => {
  it('cannot be changed or deleted by the application role, nor changed by the owner', async () => {
    const app = await newApplication(ctx);
    expect((await (await as(ctx, 'kari')).get(`/api/applications/${app.id}`)).status).toBe(200);
    await written();
    const asApp = new Client({ connectionString: ctx.databaseUrl });
    await asApp.connect();
    try {
      const [{ current_user: role }] = (await asApp.query('SELECT current_user')).rows;
      expect(role).toBe(TEST_APP_ROLE);
      await expect(asApp.query(`UPDATE access_log SET username = 'mallory'`)).rejects.toThrow(/permission denied for table access_log/);
      await expect(asApp.query(`DELETE FROM access_log`)).rejects.toThrow(/permission denied for table access_log/);
      await expect(asApp.query(`TRUNCATE access_log`)).rejects.toThrow(/permission denied for table access_log/);
    } finally {
      await asApp.end();
    }
    await expect(ctx.db.query(`UPDATE access_log SET username = 'mallory'`)).rejects.toThrow(/access_log is append-only: UPDATE refused/);
  });

  it('never fails a read when the database refuses the log, and writes the rows once it takes them again', async () => {
    const app = await newApplication(ctx);
    const kari = await as(ctx, 'kari');
    await written();
    await ctx.db.query(`REVOKE INSERT ON access_log FROM ${TEST_APP_ROLE}`);
    try {
      const read = await kari.get(`/api/applications/${app.id}/notes`);
      expect(read.status).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
      await expect(accessLog.flush()).rejects.toThrow(/permission denied for table access_log/);
      expect(accessLog.pending).toBeGreaterThan(0);
    } finally {
      await ctx.db.query(`GRANT INSERT ON access_log TO ${TEST_APP_ROLE}`);
    }
    expect(await rows(`kind = 'read' AND application_id = $1 AND why = 'case.notes'`, [app.id])).toEqual([
      expect.objectContaining({ username: 'kari' }),
    ]);
  });

  it('writes the rows still waiting when the server shuts down', async () => {
    const other = await startTestApp();
    try {
      const app = await newApplication(other);
      const kari = await as(other, 'kari');
      expect((await kari.get(`/api/applications/${app.id}`)).status).toBe(200);
      await other.app.close();
      const stored = await other.db.query(`SELECT username, why FROM access_log WHERE application_id = $1`, [app.id]);
      expect(stored).toEqual([{ username: 'kari', why: 'case.view' }]);
    } finally {
      await other.db.destroy();
    }
  });

  it("lists from its indexes: a case's reads, and the other events, newest first", async () => {
    // An office's worth of rows (reads of 5 000 cases, and fewer other events), with fresh statistics.
    await ctx.db.query(
      `INSERT INTO access_log (occurred_at, kind, username, why, application_id)
       SELECT now() - g * interval '1 second', 'read', 'kari', 'case.view', md5((g % 5000)::text)::uuid FROM generate_series(1, 100000) g`,
    );
    await ctx.db.query(
      `INSERT INTO access_log (occurred_at, kind, username, route, status)
       SELECT now() - g * interval '7 seconds', 'refused', 'ola', 'GET /api/stats/overview', 403 FROM generate_series(1, 5000) g`,
    );
    await ctx.db.query('ANALYZE access_log');
    const app = await newApplication(ctx);
    const leder = await as(ctx, 'leder');
    const sent = await capturedSelects(async () => {
      expect((await leder.get(`/api/applications/${app.id}/access-log`)).status).toBe(200);
      expect((await leder.get('/api/access-log?username=ola')).status).toBe(200);
    });
    const plans: string[] = [];
    const scans: string[] = [];
    for (const statement of sent.filter((s) => /FROM access_log/.test(s.text))) {
      const [row] = await ctx.db.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values);
      plans.push(JSON.stringify(row['QUERY PLAN']));
      scans.push(...seqScans(row['QUERY PLAN'][0].Plan));
    }
    expect(plans).toHaveLength(2);
    expect(plans[0]).toContain('ix_access_log_case_reads');
    expect(plans[1]).toContain('ix_access_log_events');
    expect(scans).not.toContain('access_log');
  });
});

/** The SELECT statements the API sends while `run` runs, with their values. */
async function capturedSelects(run: () => Promise<void>): Promise<{ text: string; values: unknown[] }[]> {
  const captured: { text: string; values: unknown[] }[] = [];
  const query = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown[] | undefined];
    const text = typeof config === 'string' ? config : config?.text;
    if (text && /^\s*SELECT\b/i.test(text))
      captured.push({ text, values: (typeof config === 'string' ? values : (config.values ?? values)) ?? [] });
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  try {
    await run();
  } finally {
    Client.prototype.query = query;
  }
  return captured;
}

/** The tables a plan reads whole. */
function seqScans(node: { 'Node Type': string; 'Relation Name'?: string; Plans?: any[] }): string[] {
  const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}
