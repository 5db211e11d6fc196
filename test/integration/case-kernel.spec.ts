import { CasesService } from '../../backend/src/cases';
import type { Actor } from '../../backend/src/auth/actor';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

let ctx: TestContext;
let cases: CasesService;

beforeAll(async () => {
  ctx = await startTestApp();
  cases = ctx.app.get(CasesService);
});
afterAll(() => ctx.close());

async function actor(username: string): Promise<Actor> {
  const [u] = await ctx.db.query(
    `SELECT u.id, u.username, u.display_name, array_agg(r.role) AS roles FROM app_user u JOIN user_role r ON r.user_id = u.id
      WHERE u.username = $1 GROUP BY u.id`,
    [username],
  );
  return { id: u.id, username: u.username, displayName: u.display_name, roles: u.roles };
}

const eventsOf = async (id: string) =>
  (await ctx.db.query(`SELECT kind FROM audit_event WHERE application_id = $1 ORDER BY stream_seq`, [id])).map((r: any) => r.kind);

/** A case taken by Kari, so she may assess it. */
async function karisCase() {
  const app = await newApplication(ctx);
  const res = await (await as(ctx, 'kari')).post(`/api/applications/${app.id}/assign`, { assignee: 'kari' });
  expect(res.status).toBe(200);
  return res.body;
}

describe('the case kernel: one way to change a case', () => {
  it('leaves nothing behind when a change fails halfway: no row, no version bump, no audit event, no evaluation', async () => {
    const c = await karisCase();
    const before = await eventsOf(c.id);
    const kari = await actor('kari');
    await expect(
      cases.change({ caseId: c.id, actor: kari, action: 'assess', expectedVersion: c.version, reevaluate: true }, async (tx) => {
        await tx.query(`UPDATE cost_line SET approved_amount_nok = 1, approval_reason = 'x' WHERE application_id = $1`, [c.id]);
        throw new Error('the server fell over here');
      }),
    ).rejects.toThrow('the server fell over here');
    const [row] = await ctx.db.query(
      `SELECT a.version, count(l.*) FILTER (WHERE l.approved_amount_nok IS NOT NULL)::int AS assessed
         FROM application a JOIN cost_line l ON l.application_id = a.id WHERE a.id = $1 GROUP BY a.version`,
      [c.id],
    );
    expect(row).toEqual({ version: c.version, assessed: 0 });
    expect(await eventsOf(c.id)).toEqual(before);
  });

  it('checks the version, then the status, then the person, before the change runs', async () => {
    const c = await karisCase();
    const [kari, ola] = [await actor('kari'), await actor('ola')];
    let ran = 0;
    const run = async () => {
      ran++;
      return { event: { kind: 'judgment', data: {} }, result: null };
    };
    await expect(cases.change({ caseId: c.id, actor: kari, action: 'assess', expectedVersion: c.version - 1 }, run)).rejects.toMatchObject({
      code: 'stale-version',
    });
    await expect(cases.change({ caseId: c.id, actor: ola, action: 'assess', expectedVersion: c.version }, run)).rejects.toMatchObject({
      code: 'not-assigned',
    });
    await expect(cases.change({ caseId: c.id, actor: kari, action: 'decide', expectedVersion: c.version }, run)).rejects.toMatchObject({
      code: 'illegal-transition',
    });
    expect(ran).toBe(0);
  });

  it('bumps the version and writes the event once the change succeeds; an annotation leaves the version alone', async () => {
    const c = await karisCase();
    const kari = await actor('kari');
    const changed = await cases.change(
      { caseId: c.id, actor: kari, action: 'assess', expectedVersion: c.version, reevaluate: true },
      async () => ({
        event: { kind: 'judgment', data: { criterionId: 'J-INNO-01' } },
        result: 'done',
      }),
    );
    expect(changed).toEqual({ version: c.version + 1, result: 'done' });
    expect((await eventsOf(c.id)).slice(-2)).toEqual(['judgment', 'evaluation']);

    const note = await cases.change({ caseId: c.id, actor: kari, action: 'note', versioned: false }, async () => ({
      event: { kind: 'note', data: {} },
      result: null,
    }));
    expect(note.version).toBe(c.version + 1);
    expect((await eventsOf(c.id)).at(-1)).toBe('note');
    const view = await cases.view(c.id, kari);
    expect(view.version).toBe(c.version + 1);
    expect(view.allowedActions).toEqual(expect.arrayContaining(['start-review', 'assess', 'note']));
  });
});

describe('a change names the version it was made on', () => {
  it.each([
    ['assign', 'post', (id: string) => `/api/applications/${id}/assign`, { assignee: 'kari' }],
    ['start review', 'post', (id: string) => `/api/applications/${id}/status`, { status: 'in_review' }],
    ['judge', 'put', (id: string) => `/api/applications/${id}/judgments/J-INNO-01`, { outcome: 'pass', rationale: 'Ny prosess.' }],
    [
      'correct',
      'post',
      (id: string) => `/api/applications/${id}/corrections`,
      { path: 'project.location', value: 'Voss', reason: 'Skrivefeil.' },
    ],
    ['exchange rate', 'put', (id: string) => `/api/applications/${id}/exchange-rate`, { nokPerEur: null }],
  ] as const)('%s without If-Match or version: 428 naming both ways, and the case is unchanged', async (_name, method, url, body) => {
    const c = await karisCase();
    const kari = await as(ctx, 'kari', { versions: false });
    const before = await eventsOf(c.id);
    const res = await kari[method](url(c.id), body);
    expect(res.status).toBe(428);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toContain('version-required');
    expect(res.body.detail).toMatch(/If-Match/);
    expect(await eventsOf(c.id)).toEqual(before);
    expect((await kari.get(`/api/applications/${c.id}`)).body.version).toBe(c.version);
  });

  it('takes the version from If-Match as well as from the body, and refuses a stale one with 409', async () => {
    const c = await karisCase();
    const token = await ctx.token('kari');
    const stale = await ctx.http
      .post(`/api/applications/${c.id}/status`)
      .set('authorization', `Bearer ${token}`)
      .set('if-match', `"${c.version - 1}"`)
      .send({ status: 'in_review' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(c.version);
    const current = await ctx.http
      .post(`/api/applications/${c.id}/status`)
      .set('authorization', `Bearer ${token}`)
      .set('if-match', `"${c.version}"`)
      .send({ status: 'in_review' });
    expect(current.status).toBe(200);
    expect(current.body.version).toBe(c.version + 1);
  });
});
