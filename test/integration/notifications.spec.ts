import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createApp } from '../../backend/src/app';
import { NotificationStreams } from '../../backend/src/notifications/notification-streams';
import { NotificationsService } from '../../backend/src/notifications/notifications.service';
import { addBusinessDays, isBusinessDay, toOsloDate } from '../../backend/src/sla/business-days';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

/**
 * In-app notifications (docs/notifications.md): each kind reaches the right person and never the
 * one who acted, a change that fails notifies nobody, the stream delivers a notification another
 * request wrote within a second and replays what it missed, and nobody reads another's.
 */

let ctx: TestContext;
let base: string;

beforeAll(async () => {
  ctx = await startTestApp();
  const server = ctx.app.getHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const streams = ctx.app.get(NotificationStreams);
  for (let i = 0; i < 100 && !streams.isListening; i++) await new Promise((r) => setTimeout(r, 50));
});
afterAll(async () => {
  // The fetches' kept-alive connections would hold the server's close.
  ctx.app.getHttpServer().closeAllConnections();
  await ctx.close();
});

async function notificationsOf(username: string, query = ''): Promise<any> {
  const res = await (await as(ctx, username)).get(`/api/notifications${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

const kindsFor = async (username: string, caseId: string) =>
  (await notificationsOf(username)).items.filter((n: any) => n.applicationId === caseId).map((n: any) => n.kind);

/** A case in review, assigned to kari by the manager; its id and reference. */
async function kariCase(): Promise<{ id: string; reference: string }> {
  const app = await newApplication(ctx);
  const leder = await as(ctx, 'leder');
  expect((await leder.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
  expect((await (await as(ctx, 'kari')).post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
  return { id: app.id, reference: app.reference };
}

async function recommendRejection(caseId: string): Promise<void> {
  const kari = await as(ctx, 'kari');
  await kari.put(`/api/applications/${caseId}/judgments/J-INNO-03`, { outcome: 'fail', rationale: 'Ingen prosessinnovasjon.' });
  const res = await kari.post(`/api/applications/${caseId}/recommendation`, {
    outcome: 'reject',
    justification: 'Prosjektet er på unntakslisten.',
    grounds: ['J-INNO-03'],
  });
  expect(res.status).toBe(200);
}

/** An open event stream as the console reads it (fetch, bearer token): its events as they come. */
async function openStream(username: string, lastEventId?: string) {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${await ctx.token(username)}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await fetch(`${base}/api/notifications/stream`, { headers, signal: controller.signal });
  const events: { id: string; event: string; data: any; at: number }[] = [];
  const done = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => l && !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]),
          );
          if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data), at: Date.now() });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    res,
    events,
    async until(count: number, ms = 2000) {
      const deadline = Date.now() + ms;
      while (events.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return events;
    },
    async close() {
      controller.abort();
      await done;
    },
  };
}

describe('who is told of what', () => {
  it('"Ny sak tildelt deg": the caseworker a manager assigns, not one who takes a case', async () => {
    const { id, reference } = await kariCase();
    const [n] = (await notificationsOf('kari')).items.filter((x: any) => x.applicationId === id);
    expect(n).toMatchObject({ kind: 'assigned', reference, actor: 'leder', actorName: expect.any(String), readAt: null });
    expect(await kindsFor('leder', id)).toEqual([]);
    // Ola takes a case for himself: nobody is told.
    const app = await newApplication(ctx);
    expect((await (await as(ctx, 'ola')).post(`/api/applications/${app.id}/assign`, { assignee: 'ola' })).status).toBe(200);
    expect(await kindsFor('ola', app.id)).toEqual([]);
  });

  it('"Returnert til deg": the caseworker who recommended, when the approver returns the case', async () => {
    const { id } = await kariCase();
    await recommendRejection(id);
    const returned = await (
      await as(ctx, 'ingrid')
    ).post(`/api/applications/${id}/decision`, {
      action: 'return',
      reasonCode: 'missing-justification',
      comment: 'Begrunn avslaget bedre.',
    });
    expect(returned.status).toBe(200);
    const [n] = (await notificationsOf('kari')).items.filter((x: any) => x.applicationId === id && x.kind === 'returned');
    expect(n).toMatchObject({ actor: 'ingrid', data: { reasonCode: 'missing-justification' } });
    expect(await kindsFor('ingrid', id)).toEqual([]);
  });

  it('"Søker har svart": the case’s caseworker, when the portal posts the applicant’s reply', async () => {
    const { id } = await kariCase();
    const kari = await as(ctx, 'kari');
    const asked = await kari.post(`/api/applications/${id}/information-requests`, { message: 'Send budsjettet.' });
    expect(asked.status).toBe(201);
    const portal = await as(ctx, 'portal');
    const replied = await portal.post(`/api/applications/${id}/information-requests/${asked.body.id}/reply`, { message: 'Vedlagt.' });
    expect(replied.status).toBe(201);
    const [n] = (await notificationsOf('kari')).items.filter((x: any) => x.applicationId === id && x.kind === 'reply-received');
    expect(n).toMatchObject({ data: { requestId: asked.body.id, receivedAt: expect.any(String), documents: 0 } });
  });

  it('"Frist om 5 dager": once a day per case, to its caseworker, on business days', async () => {
    const { id } = await kariCase();
    // A business day, and the case due 5 business days after it.
    let day = toOsloDate(new Date());
    while (!isBusinessDay(day)) day = addBusinessDays(day, 1);
    await ctx.db.query(`UPDATE application SET sla_due_on = $2 WHERE id = $1`, [id, addBusinessDays(day, 5)]);
    const at = new Date(`${day}T08:00:00Z`);
    const service = ctx.app.get(NotificationsService);
    await service.notifyDeadlines(at);
    await service.notifyDeadlines(at); // a second run, on this replica or another: nothing more
    const deadlines = (await notificationsOf('kari')).items.filter((x: any) => x.applicationId === id && x.kind === 'deadline-soon');
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toMatchObject({ actor: null, data: { dueOn: addBusinessDays(day, 5), daysLeft: 5 } });
    // The next day it is 4 days away: no new one.
    await service.notifyDeadlines(new Date(`${addBusinessDays(day, 1)}T08:00:00Z`));
    expect((await kindsFor('kari', id)).filter((k: string) => k === 'deadline-soon')).toHaveLength(1);
  });

  it('a change that fails notifies nobody', async () => {
    const { id } = await kariCase();
    await recommendRejection(id);
    const before = (await notificationsOf('kari')).items.length;
    // The return fails after it has written its notification (a trigger refuses its audit event,
    // which the kernel writes last): the whole transaction rolls back, the notification with it.
    await ctx.db.query(`CREATE FUNCTION refuse_return() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.kind = 'return' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
    await ctx.db.query(`CREATE TRIGGER tg_refuse_return BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_return()`);
    try {
      const stream = await openStream('kari');
      const res = await (
        await as(ctx, 'ingrid')
      ).post(`/api/applications/${id}/decision`, {
        action: 'return',
        reasonCode: 'other',
        comment: 'Se på budsjettet.',
      });
      expect(res.status).toBe(500);
      await new Promise((r) => setTimeout(r, 300));
      expect(stream.events).toEqual([]);
      await stream.close();
    } finally {
      await ctx.db.query(`DROP TRIGGER tg_refuse_return ON audit_event; DROP FUNCTION refuse_return()`);
    }
    expect((await notificationsOf('kari')).items.length).toBe(before);
    expect(await ctx.db.query(`SELECT 1 FROM notification WHERE application_id = $1 AND kind = 'returned'`, [id])).toEqual([]);
  });
});

describe('the stream', () => {
  it('delivers a notification another request writes within a second, and only to its recipient', async () => {
    const kariStream = await openStream('kari');
    const olaStream = await openStream('ola');
    expect(kariStream.res.status).toBe(200);
    expect(kariStream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const app = await newApplication(ctx);
    const sent = Date.now();
    expect((await (await as(ctx, 'leder')).post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
    const [event] = await kariStream.until(1);
    expect(event).toMatchObject({ event: 'notification', data: { kind: 'assigned', applicationId: app.id, reference: app.reference } });
    expect(event.id).toBe(event.data.id);
    expect(event.at - sent).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 200));
    expect(olaStream.events).toEqual([]);
    await kariStream.close();
    await olaStream.close();
  });

  it('reaches a stream another API instance on the same database holds (another worker or replica)', async () => {
    const other = await createApp(ctx.config, ctx.databaseUrl);
    await other.init();
    await (other.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
    const server = other.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const streams = other.get(NotificationStreams);
      for (let i = 0; i < 100 && !streams.isListening; i++) await new Promise((r) => setTimeout(r, 50));
      // A plain connection of its own (no keep-alive pool), so the instance can stop cleanly after.
      const events: { data: any; at: number }[] = [];
      const request = get({
        host: '127.0.0.1',
        port: (server.address() as AddressInfo).port,
        path: '/api/notifications/stream',
        agent: false,
        headers: { authorization: `Bearer ${await ctx.token('ola')}` },
      });
      const status = await new Promise<number>((resolve) =>
        request.on('response', (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            for (const line of chunk.split('\n'))
              if (line.startsWith('data: ')) events.push({ data: JSON.parse(line.slice(6)), at: Date.now() });
          });
          res.on('error', () => undefined);
          resolve(res.statusCode ?? 0);
        }),
      );
      request.on('error', () => undefined);
      expect(status).toBe(200);
      const app = await newApplication(ctx);
      const sent = Date.now();
      // Written through this instance; the stream is held by the other.
      expect((await (await as(ctx, 'leder')).post(`/api/applications/${app.id}/assign`, { assignee: 'ola' })).status).toBe(200);
      for (let i = 0; i < 100 && !events.length; i++) await new Promise((r) => setTimeout(r, 20));
      expect(events[0]?.data).toMatchObject({ kind: 'assigned', applicationId: app.id });
      expect(events[0].at - sent).toBeLessThan(1000);
      request.destroy();
    } finally {
      await other.close();
    }
  });

  it('replays what was written since Last-Event-ID', async () => {
    const leder = await as(ctx, 'leder');
    const first = await newApplication(ctx);
    await leder.post(`/api/applications/${first.id}/assign`, { assignee: 'ola' });
    const [seen] = (await notificationsOf('ola')).items;
    // While Ola's console is away, two more cases come to him.
    const missed = [await newApplication(ctx), await newApplication(ctx)];
    for (const m of missed) await leder.post(`/api/applications/${m.id}/assign`, { assignee: 'ola' });
    const stream = await openStream('ola', seen.id);
    const events = await stream.until(2);
    const replayed = events.map((e) => e.data.applicationId);
    expect(replayed).toEqual(expect.arrayContaining(missed.map((m) => m.id)));
    // In order, oldest first; anything before the named event comes only from the few seconds before it.
    expect(replayed.indexOf(missed[0].id)).toBeLessThan(replayed.indexOf(missed[1].id));
    expect(events.map((e) => e.id)).not.toContain(seen.id);
    await stream.close();
  });

  it('ends at once when its session is logged out, and not a stream of another session', async () => {
    const login = async () => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'kari', password: 'demo' }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const open = async (token: string) => {
      const res = await fetch(`${base}/api/notifications/stream`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      let endedAt: number | null = null;
      const ended = (async () => {
        try {
          while (!(await reader.read()).done);
        } catch {
          // the connection was cut: ended too
        }
        endedAt = Date.now();
      })();
      return { ended, endedAt: () => endedAt, cancel: () => reader.cancel().catch(() => undefined) };
    };
    const [first, second] = [await login(), await login()];
    const stream = await open(first);
    const other = await open(second);
    const streams = ctx.app.get(NotificationStreams);
    for (let i = 0; i < 100 && streams.openCount < 2; i++) await new Promise((r) => setTimeout(r, 20));
    const loggedOut = Date.now();
    const logout = await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${first}` } });
    expect(logout.status).toBeLessThan(300);
    await Promise.race([stream.ended, new Promise((r) => setTimeout(r, 3000))]);
    expect(stream.endedAt()).not.toBeNull();
    expect(stream.endedAt()! - loggedOut).toBeLessThan(1000);
    // The same person's other session keeps its stream (ending it is the other session's business).
    await new Promise((r) => setTimeout(r, 200));
    expect(other.endedAt()).toBeNull();
    await other.cancel();
  });

  it('refuses a Last-Event-ID that is not an id, and anyone without a token', async () => {
    const bad = await fetch(`${base}/api/notifications/stream`, {
      headers: { authorization: `Bearer ${await ctx.token('kari')}`, 'last-event-id': 'nope' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    const anonymous = await fetch(`${base}/api/notifications/stream`);
    expect(anonymous.status).toBe(401);
    const portal = await fetch(`${base}/api/notifications/stream`, { headers: { authorization: `Bearer ${await ctx.token('portal')}` } });
    expect(portal.status).toBe(403);
  });
});

describe('reading and marking', () => {
  it('lists my own newest first with the unread count, pages, and marks one or all read', async () => {
    const leder = await as(ctx, 'leder');
    for (let i = 0; i < 3; i++) await leder.post(`/api/applications/${(await newApplication(ctx)).id}/assign`, { assignee: 'ingrid' });
    const all = await notificationsOf('ingrid');
    expect(all.unreadCount).toBeGreaterThanOrEqual(3);
    const ids = all.items.map((n: any) => n.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    const page = await notificationsOf('ingrid', '?limit=2');
    expect(page.items).toHaveLength(2);
    const next = await notificationsOf('ingrid', `?limit=2&cursor=${page.nextCursor}`);
    expect(next.items[0].id < page.items[1].id).toBe(true);

    const ingrid = await as(ctx, 'ingrid');
    const read = await ingrid.post(`/api/notifications/${ids[0]}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const unread = await notificationsOf('ingrid', '?unread=true');
    expect(unread.items.map((n: any) => n.id)).not.toContain(ids[0]);
    expect(unread.unreadCount).toBe(all.unreadCount - 1);
    const allRead = await ingrid.post('/api/notifications/read-all');
    expect(allRead.body).toEqual({ marked: all.unreadCount - 1, unreadCount: 0 });
  });

  it("another person's notification is not found: not read, not marked", async () => {
    const [mine] = (await notificationsOf('kari')).items;
    const ola = await as(ctx, 'ola');
    const res = await ola.post(`/api/notifications/${mine.id}/read`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect((await ola.post(`/api/notifications/${randomUUID()}/read`)).status).toBe(404);
    expect((await notificationsOf('ola')).items.map((n: any) => n.id)).not.toContain(mine.id);
    const [after] = await ctx.db.query(`SELECT read_at FROM notification WHERE id = $1`, [mine.id]);
    expect(after.read_at).toBeNull();
    // An Last-Event-ID of someone else's replays nothing.
    const stream = await openStream('ola', mine.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.events).toEqual([]);
    await stream.close();
  });

  it('answers bad input with problem+json', async () => {
    const kari = await as(ctx, 'kari');
    for (const [qs, path] of [
      ['limit=0', '$.limit'],
      ['limit=101', '$.limit'],
      ['unread=maybe', '$.unread'],
      ['cursor=nonsense', '$.cursor'],
    ]) {
      const res = await kari.get(`/api/notifications?${qs}`);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    }
    expect((await kari.post('/api/notifications/not-an-id/read')).status).toBe(400);
  });
});
