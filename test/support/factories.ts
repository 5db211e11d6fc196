import { TestContext } from './app';
import { sampleApplication } from './fixtures';

/** Submits an application through intake as the portal, with optional changes; returns the stored case. */
export async function newApplication(ctx: TestContext, change: (doc: any) => void = () => undefined): Promise<any> {
  const doc = sampleApplication();
  change(doc);
  const res = await ctx.http
    .post('/api/applications')
    .set('authorization', `Bearer ${await ctx.token('portal')}`)
    .send(doc);
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The writes that change a case, and so must say which version of it they were made on (428 without). */
export const VERSIONED_WRITE =
  /^\/api\/applications\/([0-9a-f-]{36})\/(assign|status|recommendation|decision|corrections|exchange-rate|information-requests|judgments\/[^/?]+|cost-lines\/[^/?]+\/assessment)$/;

/**
 * A signed-in user's requests. Like the console, a change of a case is sent with the version the
 * user last read: when the body gives none, the case is read first and its version sent. Tests of
 * what a client that sends no version gets use `{ versions: false }`.
 */
export async function as(ctx: TestContext, username: string, options: { versions?: boolean } = {}) {
  const token = await ctx.token(username);
  const auth = (req: any) => req.set('authorization', `Bearer ${token}`);
  const withVersion = (method: 'post' | 'put') => (url: string, body?: object) => {
    const id = options.versions === false ? null : VERSIONED_WRITE.exec(url)?.[1];
    if (!id || (body && 'version' in body)) return auth(ctx.http[method](url)).send(body ?? {});
    return auth(ctx.http.get(`/api/applications/${id}`)).then((current: any) =>
      auth(ctx.http[method](url)).send({ ...body, ...(current.status === 200 ? { version: current.body.version } : {}) }),
    );
  };
  return {
    get: (url: string) => auth(ctx.http.get(url)),
    post: withVersion('post'),
    put: withVersion('put'),
  };
}

/** The judgments a grantable sample case needs before a grant may be recommended. */
export const GRANT_JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];

/**
 * A grantable case through the API as people decide one: kari takes and judges it and recommends a
 * grant of `amountNok` (with the reason for less than applied), ingrid approves. Returns its id.
 */
export async function grantedThroughApi(ctx: TestContext, amountNok: number): Promise<string> {
  const app = await newApplication(ctx, (d) => {
    d.costLines[1].amountNok = 1000000;
    d.aid.requestedAmountNok = 1300000;
    d.otherPublicAid = [];
  });
  const kari = await as(ctx, 'kari');
  const ok = (what: string, res: { status: number; body: unknown }) => {
    if (res.status !== 200) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  ok('assign', await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' }));
  ok('status', await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review' }));
  for (const criterion of GRANT_JUDGMENTS) {
    ok(
      `judgment ${criterion}`,
      await kari.put(`/api/applications/${app.id}/judgments/${criterion}`, { outcome: 'pass', rationale: `Vurdert: ${criterion}.` }),
    );
  }
  const recommended = ok(
    'recommendation',
    await kari.post(`/api/applications/${app.id}/recommendation`, {
      outcome: 'grant',
      amountNok,
      justification: 'Prosjektet er en tydelig prosessinnovasjon og et betydelig løft for bedriften.',
      reductionReason: 'Bedriften kan finansiere resten selv.',
    }),
  );
  const ingrid = await as(ctx, 'ingrid');
  ok(
    'approval',
    await ingrid.post(`/api/applications/${app.id}/decision`, {
      action: 'approve',
      version: (recommended.body as { version: number }).version,
    }),
  );
  return app.id as string;
}
