import { buildQueueQuery } from '../../backend/src/queue/queue.repository';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

async function pageThrough(user: string, query: string, limit: number, between?: () => Promise<void>) {
  const client = await as(ctx, user);
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: any = await client.get(`/api/applications?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((i: any) => i.id));
    cursor = res.body.nextCursor;
    pages++;
    if (between) await between();
  } while (cursor && pages < 100);
  return ids;
}

describe('the queue', () => {
  let all: any[];

  beforeAll(async () => {
    // 60 applications, in groups of three received at the same instant, so the
    // id tie-breaker matters; names, amounts and titles vary.
    const created: any[] = [];
    for (let i = 0; i < 60; i++) {
      created.push(
        await newApplication(ctx, (d) => {
          d.receivedAt = new Date(Date.UTC(2026, 0, 5 + Math.floor(i / 3), 9)).toISOString();
          d.applicant.name = `${['Alfa', 'Beta', 'Gamma', 'Delta', 'Epsilon'][i % 5]} Verksted ${i} AS`;
          d.aid.requestedAmountNok = 100000 + (i % 7) * 50000;
          d.project.title = i === 42 ? 'Kvantesprang i tørkeprosessen' : d.project.title;
        }),
      );
    }
    all = created;
  });

  it.each(['receivedAt', '-receivedAt', 'slaDueAt', '-slaDueAt', 'requestedAmount', '-requestedAmount', 'applicantName', '-applicantName'])(
    'pages through every case exactly once, sorted by %s',
    async (sort) => {
      const ids = await pageThrough('kari', `sort=${sort}`, 7);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set(all.map((a) => a.id)));
      const key = sort.replace('-', '');
      const column = {
        receivedAt: 'received_at',
        slaDueAt: 'sla_due_on',
        requestedAmount: 'requested_amount_nok',
        applicantName: 'applicant_name',
      }[key];
      const dir = sort.startsWith('-') ? 'DESC' : 'ASC';
      const expected = await ctx.db.query(`SELECT id FROM application ORDER BY ${column} ${dir}, id ${dir}`);
      expect(ids).toEqual(expected.map((r: any) => r.id));
    },
  );

  it('has no duplicates or gaps while new cases arrive during paging', async () => {
    let arrivals = 0;
    const ids = await pageThrough('kari', 'sort=receivedAt', 10, async () => {
      arrivals++;
      await newApplication(ctx, (d) => (d.receivedAt = new Date(Date.UTC(2026, 0, 10, 9)).toISOString()));
    });
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of all) expect(ids).toContain(a.id);
    expect(arrivals).toBeGreaterThan(5);
  });

  it('searches reference, org number, applicant name and title, ignoring case', async () => {
    const client = await as(ctx, 'kari');
    const target = all[42];
    for (const q of [target.reference, target.reference.toLowerCase(), 'kvantesprang', 'GAMMA verksted 42', '923609016']) {
      const res = await client.get(`/api/applications?q=${encodeURIComponent(q)}&limit=200`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: any) => i.id)).toContain(target.id);
    }
    const none = await client.get(`/api/applications?q=${encodeURIComponent('finnes ikke 100%')}`);
    expect(none.body.items).toEqual([]);
  });

  it('filters by status, assignee and overdue', async () => {
    const manager = await as(ctx, 'leder');
    const [a, b] = all;
    expect((await manager.post(`/api/applications/${a.id}/assign`, { assignee: 'kari' })).status).toBe(200);
    expect((await manager.post(`/api/applications/${b.id}/assign`, { assignee: 'ola' })).status).toBe(200);
    await ctx.db.query(`UPDATE application SET status = 'in_review' WHERE id = $1`, [b.id]);

    const kari = await as(ctx, 'kari');
    const mine = await kari.get('/api/applications?assignee=me');
    expect(mine.body.items.map((i: any) => i.id)).toEqual([a.id]);
    expect(mine.body.items[0].assignee).toEqual({ username: 'kari', displayName: 'Kari Nordmann' });
    const olas = await kari.get('/api/applications?assignee=ola&status=in_review');
    expect(olas.body.items.map((i: any) => i.id)).toEqual([b.id]);
    const unassigned = await kari.get('/api/applications?assignee=unassigned&limit=200');
    expect(unassigned.body.items.map((i: any) => i.id)).not.toContain(a.id);
    const received = await kari.get('/api/applications?status=received,awaiting_applicant&limit=200');
    expect(received.body.items.every((i: any) => i.status === 'received')).toBe(true);
    expect(received.body.items.map((i: any) => i.id)).not.toContain(b.id);
    // A list may also be given by repeating the parameter.
    const repeated = await kari.get('/api/applications?status=received&status=awaiting_applicant&limit=200');
    expect(repeated.body.items.map((i: any) => i.id)).toEqual(received.body.items.map((i: any) => i.id));

    // Received in January 2026, so all are long past their 40 business days.
    const overdue = await kari.get('/api/applications?overdue=true&limit=200');
    expect(overdue.body.items.length).toBeGreaterThan(50);
    expect(overdue.body.items.every((i: any) => i.slaDaysLeft < 0)).toBe(true);
    await ctx.db.query(`UPDATE application SET status = 'awaiting_applicant' WHERE id = $1`, [a.id]);
    const overdueAfterPause = await kari.get('/api/applications?overdue=true&limit=200');
    expect(overdueAfterPause.body.items.map((i: any) => i.id)).not.toContain(a.id);
  });

  it('refuses bad query parameters by name', async () => {
    const kari = await as(ctx, 'kari');
    for (const [query, path] of [
      ['status=pending', '$.status'],
      ['sort=oldest', '$.sort'],
      ['limit=0', '$.limit'],
      ['limit=500', '$.limit'],
      ['overdue=maybe', '$.overdue'],
      ['sizeClass=huge', '$.sizeClass'],
      ['cursor=garbage', '$.cursor'],
      ['limit=ten', '$.limit'],
      ['sort=receivedAt&sort=slaDueAt', '$.sort'],
      ['assignee=', '$.assignee'],
      ['statuses=received', '$.statuses'],
      [`rule=${Array.from({ length: 21 }, (_, i) => `INC-${String(i).padStart(2, '0')}:fail`).join(',')}`, '$.rule'],
    ]) {
      const res = await kari.get(`/api/applications?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    }
    const several = await kari.get('/api/applications?status=pending&limit=0&colour=red');
    expect(several.body.errors).toHaveLength(3);
    expect(several.body.errors).toEqual(
      expect.arrayContaining([
        { path: '$.status', message: expect.stringMatching(/^each status must be one of: received, in_review/) },
        { path: '$.limit', message: 'limit must be an integer from 1 to 200' },
        { path: '$.colour', message: 'unknown field' },
      ]),
    );
    const first = await kari.get('/api/applications?sort=applicantName&limit=2');
    const mismatch = await kari.get(`/api/applications?sort=receivedAt&cursor=${first.body.nextCursor}`);
    expect(mismatch.status).toBe(400);
  });
});

describe('assignment', () => {
  it('lets a caseworker take an unassigned case, but not give it to others or take one that is taken', async () => {
    const app = await newApplication(ctx);
    const kari = await as(ctx, 'kari');
    const ola = await as(ctx, 'ola');
    expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'ola' })).status).toBe(403);
    const took = await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari', version: 1 });
    expect(took.status).toBe(200);
    expect(took.body).toMatchObject({ assignee: { username: 'kari' }, version: 2 });
    const taken = await ola.post(`/api/applications/${app.id}/assign`, { assignee: 'ola' });
    expect(taken.status).toBe(409);
    const audit = await ctx.db.query(`SELECT actor, kind, data FROM audit_event WHERE application_id = $1 ORDER BY stream_seq`, [app.id]);
    expect(audit.map((e: any) => e.kind)).toEqual(['intake', 'evaluation', 'assignment']);
    expect(audit[2]).toMatchObject({ actor: 'kari', data: { before: { assignee: null }, after: { assignee: 'kari' } } });
  });

  it('lets a manager assign anyone who is a caseworker, and checks the version', async () => {
    const app = await newApplication(ctx);
    const leder = await as(ctx, 'leder');
    const stale = await leder.post(`/api/applications/${app.id}/assign`, { assignee: 'ola', version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 1 });
    expect((await leder.post(`/api/applications/${app.id}/assign`, { assignee: 'portal' })).body.errors[0].path).toBe('$.assignee');
    const ok = await leder.post(`/api/applications/${app.id}/assign`, { assignee: 'ola', version: 1 });
    expect(ok.body.assignee.username).toBe('ola');
    const reassigned = await leder.post(`/api/applications/${app.id}/assign`, { assignee: 'ingrid' });
    expect(reassigned.body).toMatchObject({ assignee: { username: 'ingrid' }, version: 3 });
    const unassigned = await leder.post(`/api/applications/${app.id}/assign`, { assignee: null });
    expect(unassigned.body.assignee).toBeNull();
  });

  it('gives one result per case in a bulk assignment', async () => {
    const a = await newApplication(ctx);
    const b = await newApplication(ctx);
    await ctx.db.query(`UPDATE application SET status = 'decided', decision_outcome = 'granted' WHERE id = $1`, [b.id]);
    const missing = '00000000-0000-4000-8000-000000000000';
    const leder = await as(ctx, 'leder');
    const res = await leder.post('/api/applications/bulk-assign', { assignee: 'kari', ids: [a.id, b.id, missing] });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: a.id, ok: true, status: 200, version: 2 },
      { id: b.id, ok: false, status: 409, error: expect.stringMatching(/decided/) },
      { id: missing, ok: false, status: 404, error: expect.any(String) },
    ]);
    // Assigning a case to the caseworker it has already changes nothing.
    const again = await leder.post('/api/applications/bulk-assign', { assignee: 'kari', ids: [a.id] });
    expect(again.body.results).toEqual([{ id: a.id, ok: true, status: 200, version: 2 }]);
    expect((await leder.get(`/api/applications/${a.id}`)).body.version).toBe(2);
  });
});

describe('the queue statement', () => {
  it('has one text per combination of filters, whatever their values, repeats or order (each text is a prepared statement)', () => {
    const actor = { id: 'u1' };
    const text = (q: object) => buildQueueQuery(q as never, actor).sql;
    const base = text({ rule: ['INC-01:fail'], flag: ['missing'] });
    expect(text({ rule: ['SME-01:pass', 'INC-01:fail', 'INC-01:fail'], flag: ['missing', 'missing'] })).toBe(base);
    expect(text({ flag: ['assess', 'fail'] })).toBe(text({ flag: ['fail', 'assess', 'fail'] }));
    expect(text({ status: ['received'], q: 'fjord' })).toBe(text({ status: ['in_review'], q: 'plast' }));
    const { params } = buildQueueQuery({ rule: ['SME-01:pass', 'INC-01:fail', 'INC-01:fail'] } as never, actor);
    expect(params).toContainEqual(['INC-01:fail', 'SME-01:pass']);
  });
});
