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

export async function as(ctx: TestContext, username: string) {
  const token = await ctx.token(username);
  const auth = (req: any) => req.set('authorization', `Bearer ${token}`);
  return {
    get: (url: string) => auth(ctx.http.get(url)),
    post: (url: string, body?: object) => auth(ctx.http.post(url)).send(body ?? {}),
    put: (url: string, body?: object) => auth(ctx.http.put(url)).send(body ?? {}),
  };
}
