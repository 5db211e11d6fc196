import { startTestApp, TestContext } from '../support/app';
import { newApplication } from '../support/factories';

/** Saved queue views (issue 14, item 10): each person's own, checked as the queue checks its query. */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

async function user(username: string) {
  const token = await ctx.token(username);
  const auth = (req: any) => req.set('authorization', `Bearer ${token}`);
  return {
    list: () => auth(ctx.http.get('/api/saved-filters')),
    create: (body: object) => auth(ctx.http.post('/api/saved-filters')).send(body),
    update: (id: string, body: object) => auth(ctx.http.put(`/api/saved-filters/${id}`)).send(body),
    remove: (id: string, version?: number) =>
      auth(ctx.http.delete(`/api/saved-filters/${id}${version === undefined ? '' : `?version=${version}`}`)),
    queue: (query: string) => auth(ctx.http.get(`/api/applications?${query}`)),
  };
}

describe('saved filters', () => {
  it('saves a view, lists it by name, and the saved query gives the queue the same rows', async () => {
    for (const amount of [3_000_000, 3_500_000, 200_000]) {
      await newApplication(ctx, (d) => {
        d.aid.requestedAmountNok = amount;
        d.applicant.name = 'Lagret Utvalg AS';
      });
    }
    const kari = await user('kari');
    const created = await kari.create({
      name: '  Mine store  ',
      query: { status: 'received,in_review', q: 'Lagret Utvalg', sort: '-requestedAmount', overdue: 'false' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Mine store',
      query: { status: ['received', 'in_review'], q: 'Lagret Utvalg', sort: '-requestedAmount', overdue: false },
      isStartPage: false,
      version: 1,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
    });
    await kari.create({ name: 'Alle mottatte', query: { status: ['received'] } });
    const listed = await kari.list();
    expect(listed.status).toBe(200);
    expect(listed.body.map((f: { name: string }) => f.name)).toEqual(['Alle mottatte', 'Mine store']);

    // The saved query, as the console sends it back to the queue.
    const saved = listed.body[1].query as Record<string, unknown>;
    const params = new URLSearchParams(Object.entries(saved).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
    const page = await kari.queue(params.toString());
    expect(page.status).toBe(200);
    expect(page.body.items.map((i: { requestedAmountNok: number }) => i.requestedAmountNok)).toEqual([3_500_000, 3_000_000, 200_000]);

    // Nobody else sees them.
    expect((await (await user('ola')).list()).body).toEqual([]);
  });

  it('refuses what the queue would refuse, naming each field under $.query, and a bad name', async () => {
    const kari = await user('kari');
    const bad = await kari.create({ name: 'Feil', query: { status: 'received,lost', sort: 'colour', limit: 5, foo: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.type).toBe('urn:tilsagn:problem:validation-failed');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '$.query.foo',
      '$.query.limit',
      '$.query.sort',
      '$.query.status',
    ]);

    // A queue the person's roles may not open: kari is no approver.
    const notHers = await kari.create({ name: 'Til godkjenning', query: { queue: 'to-approve' } });
    expect(notHers.status).toBe(400);
    expect(notHers.body.errors).toEqual([{ path: '$.query.queue', message: 'the queue to-approve is for the roles: approver' }]);
    // recommendedAt sorts only the approver's queue, as in GET /api/applications.
    const sort = await kari.create({ name: 'Sortert', query: { sort: 'recommendedAt' } });
    expect(sort.body.errors).toEqual([{ path: '$.query.sort', message: 'recommendedAt sorts only queue=to-approve' }]);
    expect(
      (await (await user('ingrid')).create({ name: 'Mine godkjenninger', query: { queue: 'to-approve', sort: 'recommendedAt' } })).status,
    ).toBe(201);

    for (const name of ['', '   ', 'x'.repeat(81)]) {
      const res = await kari.create({ name, query: {} });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('$.name');
    }
    const noQuery = await kari.create({ name: 'Uten' });
    expect(noQuery.body.errors.map((e: { path: string }) => e.path)).toEqual(['$.query']);
  });

  it('keeps names unique per person whatever their case, and another person may use the same name', async () => {
    const ola = await user('ola');
    expect((await ola.create({ name: 'Forfalte', query: { overdue: true } })).status).toBe(201);
    const again = await ola.create({ name: 'FORFALTE', query: {} });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('urn:tilsagn:problem:saved-filter-name-taken');
    expect(again.body.errors).toEqual([{ path: '$.name', message: 'you have a saved filter of this name already' }]);
    expect((await (await user('ingrid')).create({ name: 'Forfalte', query: { overdue: true } })).status).toBe(201);
  });

  it('renames, changes and deletes with the version seen: a stale one is a 409 with the current version', async () => {
    const kari = await user('kari');
    const { body: filter } = await kari.create({ name: 'Å endre', query: { sizeClass: 'small' } });
    const renamed = await kari.update(filter.id, { version: 1, name: 'Endret' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Endret', version: 2, query: { sizeClass: ['small'] } });

    // A second tab still holds version 1.
    const stale = await kari.update(filter.id, { version: 1, name: 'Fra den andre fanen' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ type: 'urn:tilsagn:problem:stale-version', currentVersion: 2 });
    const requery = await kari.update(filter.id, { version: 2, query: { flag: 'fail,missing' } });
    expect(requery.body).toMatchObject({ name: 'Endret', version: 3, query: { flag: ['fail', 'missing'] } });
    expect((await kari.update(filter.id, { version: 3, query: { rule: 'nonsense' } })).body.errors[0].path).toBe('$.query.rule');
    expect((await kari.update(filter.id, { name: 'Uten versjon' })).body.errors[0].path).toBe('$.version');

    expect((await kari.remove(filter.id, 2)).status).toBe(409);
    expect((await kari.remove(filter.id, 3)).status).toBe(204);
    expect((await kari.remove(filter.id)).status).toBe(404);
  });

  it('answers another person’s filter as not found, for reading it as well as changing it', async () => {
    const kari = await user('kari');
    const ola = await user('ola');
    const { body: karis } = await kari.create({ name: 'Karis egen', query: {} });
    const change = await ola.update(karis.id, { version: 1, name: 'Olas nå' });
    expect(change.status).toBe(404);
    expect(change.headers['content-type']).toMatch(/problem\+json/);
    expect((await ola.remove(karis.id)).status).toBe(404);
    expect((await kari.list()).body.find((f: { id: string }) => f.id === karis.id)).toMatchObject({ name: 'Karis egen', version: 1 });
  });

  it('keeps one start page per person: making another one ends the first', async () => {
    const ola = await user('ola');
    const first = (await ola.create({ name: 'Start 1', query: {}, isStartPage: true })).body;
    expect(first.isStartPage).toBe(true);
    const second = (await ola.create({ name: 'Start 2', query: { queue: 'mine' } })).body;
    const made = await ola.update(second.id, { version: second.version, isStartPage: true });
    expect(made.body.isStartPage).toBe(true);
    const starts = (await ola.list()).body.filter((f: { isStartPage: boolean }) => f.isStartPage);
    expect(starts.map((f: { name: string }) => f.name)).toEqual(['Start 2']);
    // The one that stopped being the start page changed: its version moved on.
    expect((await ola.list()).body.find((f: { id: string }) => f.id === first.id).version).toBe(2);
  });

  it('keeps at most 50 per person, also when they are saved at once', async () => {
    const leder = await user('leder');
    const results = await Promise.all(Array.from({ length: 55 }, (_, i) => leder.create({ name: `Utvalg ${i}`, query: { q: String(i) } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(50);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.body.type)).toEqual(Array(5).fill('urn:tilsagn:problem:saved-filter-limit'));
    expect(refused[0].body.detail).toMatch(/50 saved filters/);
    expect((await leder.list()).body).toHaveLength(50);
  });
});
