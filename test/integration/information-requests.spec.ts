import { addBusinessDays, businessDaysBetween, toOsloDate } from '../../backend/src/sla/business-days';
import { samplePdf } from '../../backend/src/documents/testing';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

/**
 * The dialogue with the applicant (docs/api.md, "Information requests"): the caseworker asks, the
 * case waits for the applicant and the SLA clock stands still; the portal posts the answer with
 * documents, and the case is back in review with the clock running again from the answer's time.
 */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const DAY = 86_400_000;
/** The Oslo date `days` after today's (negative: before). */
function osloDay(days: number): string {
  const d = new Date(`${toOsloDate(new Date())}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A case in review, assigned to kari; its id and version. */
async function caseInReview(): Promise<{ id: string; version: number }> {
  const app = await newApplication(ctx);
  const kari = await as(ctx, 'kari');
  const assigned = await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari', version: app.version });
  const started = await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review', version: assigned.body.version });
  expect(started.status).toBe(200);
  return { id: app.id, version: started.body.version };
}

async function slaDueOn(id: string): Promise<string> {
  const [row] = await ctx.db.query(`SELECT sla_due_on FROM application WHERE id = $1`, [id]);
  return row.sla_due_on;
}

/** Moves a request back in time: it went out `days` ago. */
async function sentDaysAgo(requestId: string, days: number): Promise<Date> {
  const at = new Date(Date.now() - days * DAY);
  await ctx.db.query(`UPDATE information_request SET requested_at = $2 WHERE id = $1`, [requestId, at]);
  return at;
}

async function uploadReplyDocument(caseId: string, text: string): Promise<string> {
  const res = await ctx.http
    .post(`/api/applications/${caseId}/documents`)
    .set('authorization', `Bearer ${await ctx.token('portal')}`)
    .field('kind', 'reply')
    .field('title', 'Bekreftelse på egenkapital')
    .attach('file', samplePdf(text), { filename: 'egenkapital.pdf', contentType: 'application/pdf' });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('asking the applicant', () => {
  it('puts the case in awaiting_applicant with the clock stopped, the open request and its reply-by date on the case (14 days by default)', async () => {
    const { id, version } = await caseInReview();
    const kari = await as(ctx, 'kari');
    const asked = await kari.post(`/api/applications/${id}/information-requests`, { message: 'Send bekreftelse på egenkapital.', version });
    expect(asked.status).toBe(201);
    expect(asked.body).toEqual({
      id: expect.any(String),
      message: 'Send bekreftelse på egenkapital.',
      replyBy: osloDay(14),
      overdueAt: null,
      requestedAt: expect.any(String),
      requestedBy: 'kari',
      requestedByName: expect.any(String),
      status: 'open',
      resumedAt: null,
      resumedBy: null,
      pausedBusinessDays: null,
      reply: null,
    });
    const view = (await kari.get(`/api/applications/${id}`)).body;
    expect(view.status).toBe('awaiting_applicant');
    expect(view.version).toBe(version + 1);
    expect(view.slaDaysLeft).toBeNull();
    expect(view.informationRequest).toEqual({
      id: asked.body.id,
      message: 'Send bekreftelse på egenkapital.',
      replyBy: osloDay(14),
      requestedAt: asked.body.requestedAt,
      overdueAt: null,
    });
    expect(view.allowedActions).toContain('resume-review');
    // Asked once: the case waits already.
    const again = await kari.post(`/api/applications/${id}/information-requests`, { message: 'Og budsjett.', version: view.version });
    expect(again.status).toBe(409);
    // The same as the status change it is: the timeline has one status event with the message and date.
    const events = (await kari.get(`/api/applications/${id}/timeline?kind=status`)).body;
    expect(events.at(-1).data).toMatchObject({
      before: { status: 'in_review' },
      after: { status: 'awaiting_applicant' },
      message: 'Send bekreftelse på egenkapital.',
      replyBy: osloDay(14),
      requestId: asked.body.id,
    });
  });

  it('checks the request: a message, a reply-by date after today, by the case’s caseworker, on a case in review, with its version', async () => {
    const { id, version } = await caseInReview();
    const kari = await as(ctx, 'kari');
    const url = `/api/applications/${id}/information-requests`;
    const unversioned = await (await as(ctx, 'kari', { versions: false })).post(url, { message: 'Send budsjett.' });
    expect({ status: unversioned.status, type: unversioned.body.type }).toEqual({
      status: 428,
      type: 'urn:tilsagn:problem:version-required',
    });
    const blank = await kari.post(url, { message: '  ', version });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].path).toBe('$.message');
    const today = await kari.post(url, { message: 'Send budsjett.', replyBy: osloDay(0), version });
    expect(today.status).toBe(400);
    expect(today.body.errors[0].path).toBe('$.replyBy');
    const notADate = await kari.post(url, { message: 'Send budsjett.', replyBy: '2026-02-30', version });
    expect(notADate.status).toBe(400);
    expect((await (await as(ctx, 'ola')).post(url, { message: 'Send budsjett.', version })).status).toBe(403);
    expect((await (await as(ctx, 'leder')).post(url, { message: 'Send budsjett.', version })).status).toBe(403);
    expect((await kari.post(url, { message: 'Send budsjett.', version: version - 1 })).status).toBe(409);
    const received = await newApplication(ctx);
    await kari.post(`/api/applications/${received.id}/assign`, { assignee: 'kari', version: received.version });
    const notInReview = await kari.post(`/api/applications/${received.id}/information-requests`, {
      message: 'Send budsjett.',
      version: received.version + 1,
    });
    expect({ status: notInReview.status, type: notInReview.body.type }).toEqual({
      status: 409,
      type: 'urn:tilsagn:problem:illegal-transition',
    });
    const asked = await kari.post(url, { message: 'Send budsjett.', replyBy: osloDay(30), version });
    expect(asked.status).toBe(201);
    expect(asked.body.replyBy).toBe(osloDay(30));
  });
});

describe('the applicant’s reply from the portal', () => {
  it('puts the case back in review with its documents, and the SLA clock runs again from the moment the applicant answered', async () => {
    const { id, version } = await caseInReview();
    const kari = await as(ctx, 'kari');
    const portal = await as(ctx, 'portal');
    const dueBefore = await slaDueOn(id);
    const asked = await kari.post(`/api/applications/${id}/information-requests`, { message: 'Send bekreftelse på egenkapital.', version });
    expect(asked.status).toBe(201);
    const requestId: string = asked.body.id;
    // The request went out 20 days ago; the applicant answered in the portal 6 days ago, and the
    // portal delivers the answer only now. The clock stood still from the request to the answer.
    const requestedAt = await sentDaysAgo(requestId, 20);
    const answeredAt = new Date(Date.now() - 6 * DAY);
    const documentId = await uploadReplyDocument(id, 'Egenkapital 17 MNOK');
    const { version: waitingVersion } = (await kari.get(`/api/applications/${id}`)).body;

    const reply = await portal.post(`/api/applications/${id}/information-requests/${requestId}/reply`, {
      message: 'Vedlagt er bekreftelse fra revisor.',
      documentIds: [documentId],
      receivedAt: answeredAt.toISOString(),
    });
    expect(reply.status).toBe(201);
    const paused = businessDaysBetween(toOsloDate(requestedAt), toOsloDate(answeredAt));
    expect(paused).toBeGreaterThanOrEqual(8);
    expect(reply.body).toMatchObject({
      id: requestId,
      status: 'answered',
      resumedAt: answeredAt.toISOString(),
      resumedBy: 'portal',
      pausedBusinessDays: paused,
      reply: {
        message: 'Vedlagt er bekreftelse fra revisor.',
        receivedAt: answeredAt.toISOString(),
        recordedAt: expect.any(String),
        postedBy: 'portal',
        documents: [
          {
            id: documentId,
            kind: 'reply',
            title: 'Bekreftelse på egenkapital',
            fileName: 'egenkapital.pdf',
            contentType: 'application/pdf',
            size: expect.any(Number),
            enteredInError: false,
          },
        ],
      },
    });

    // In review again, the version moved, the open request gone, and the due date later by the
    // business days from the request to the answer: not to now, when the portal delivered it.
    const view = (await kari.get(`/api/applications/${id}`)).body;
    expect(view.status).toBe('in_review');
    expect(view.version).toBe(waitingVersion + 1);
    expect(view.informationRequest).toBeNull();
    const dueAfter = await slaDueOn(id);
    expect(dueAfter).toBe(addBusinessDays(dueBefore, paused));
    expect(view.slaDueAt).toBe(dueAfter);
    expect(view.slaDaysLeft).toBe(businessDaysBetween(osloDay(0), dueAfter));
    expect(businessDaysBetween(toOsloDate(requestedAt), osloDay(0))).toBeGreaterThan(paused);

    // The caseworker sees it: the dialogue, and the timeline (reply, then the status change it made).
    const dialogue = await kari.get(`/api/applications/${id}/information-requests`);
    expect(dialogue.status).toBe(200);
    expect(dialogue.body).toEqual([reply.body]);
    const timeline = (await kari.get(`/api/applications/${id}/timeline?kind=information-reply,status`)).body;
    expect(timeline.slice(-2).map((e: any) => [e.kind, e.actor, e.summary.nb])).toEqual([
      ['information-reply', 'portal', 'Svar fra søker mottatt'],
      ['status', 'portal', 'Status: awaiting_applicant → in_review'],
    ]);
    expect(timeline.at(-1).data).toMatchObject({ reason: 'applicant-replied', requestId, pausedBusinessDays: paused });

    // Answered once.
    const twice = await portal.post(`/api/applications/${id}/information-requests/${requestId}/reply`, { message: 'Igjen.' });
    expect({ status: twice.status, type: twice.body.type }).toEqual({ status: 409, type: 'urn:tilsagn:problem:already-replied' });
  });

  it('without receivedAt, the answer counts from when the portal posts it', async () => {
    const { id, version } = await caseInReview();
    const kari = await as(ctx, 'kari');
    const dueBefore = await slaDueOn(id);
    const asked = await kari.post(`/api/applications/${id}/information-requests`, { message: 'Send budsjett.', version });
    const requestedAt = await sentDaysAgo(asked.body.id, 10);
    const before = Date.now();
    const reply = await (
      await as(ctx, 'portal')
    ).post(`/api/applications/${id}/information-requests/${asked.body.id}/reply`, {
      message: 'Budsjettet er oppdatert.',
    });
    expect(reply.status).toBe(201);
    expect(Date.parse(reply.body.resumedAt)).toBeGreaterThanOrEqual(before - 1000);
    const paused = businessDaysBetween(toOsloDate(requestedAt), osloDay(0));
    expect(reply.body.pausedBusinessDays).toBe(paused);
    expect(await slaDueOn(id)).toBe(addBusinessDays(dueBefore, paused));
  });

  it('refuses what is not an answer: another role, a request of another case, a document not on the case, a time in the future or before the request', async () => {
    const { id, version } = await caseInReview();
    const kari = await as(ctx, 'kari');
    const portal = await as(ctx, 'portal');
    const asked = await kari.post(`/api/applications/${id}/information-requests`, { message: 'Send budsjett.', version });
    const url = `/api/applications/${id}/information-requests/${asked.body.id}/reply`;
    const kariReplies = await kari.post(url, { message: 'Jeg svarer selv.' });
    expect({ status: kariReplies.status, type: kariReplies.body.type }).toEqual({ status: 403, type: 'urn:tilsagn:problem:role-required' });
    const other = await newApplication(ctx);
    const foreignDocument = await uploadReplyDocument(other.id, 'Annen sak');
    const wrongDocument = await portal.post(url, { message: 'Vedlagt.', documentIds: [foreignDocument] });
    expect(wrongDocument.status).toBe(400);
    expect(wrongDocument.body.errors).toEqual([
      { path: '$.documentIds[0]', message: 'no such document on this case (or it is entered in error)' },
    ]);
    const future = await portal.post(url, { message: 'Fra fremtiden.', receivedAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('$.receivedAt');
    const early = await portal.post(url, { message: 'Før spørsmålet.', receivedAt: new Date(Date.now() - 3 * DAY).toISOString() });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].path).toBe('$.receivedAt');
    const badTime = await portal.post(url, { message: 'x', receivedAt: '2026-12-01 10:00' });
    expect(badTime.status).toBe(400);
    expect(badTime.body.errors[0].path).toBe('$.receivedAt');
    const elsewhere = await portal.post(`/api/applications/${other.id}/information-requests/${asked.body.id}/reply`, {
      message: 'Feil sak.',
    });
    expect(elsewhere.status).toBe(404);
    // Nothing of the refusals stayed: the case still waits.
    expect((await kari.get(`/api/applications/${id}`)).body.status).toBe('awaiting_applicant');
    // The portal reads no case, and so not the dialogue either.
    expect((await portal.get(`/api/applications/${id}/information-requests`)).status).toBe(403);
    expect((await (await as(ctx, 'ingrid')).get(`/api/applications/${id}/information-requests`)).status).toBe(200);
  });

  it('keeps the status path (POST …/status) working, and records an answer that comes after the caseworker resumed without moving the case', async () => {
    const { id, version } = await caseInReview();
    const kari = await as(ctx, 'kari');
    const dueBefore = await slaDueOn(id);
    const asked = await kari.post(`/api/applications/${id}/status`, {
      status: 'awaiting_applicant',
      message: 'Send prosjektplan.',
      replyBy: osloDay(10),
      version,
    });
    expect(asked.status).toBe(200);
    expect(asked.body.informationRequest).toMatchObject({ message: 'Send prosjektplan.', replyBy: osloDay(10) });
    const requestId: string = asked.body.informationRequest.id;
    const requestedAt = await sentDaysAgo(requestId, 7);
    // The caseworker got the plan by telephone and resumes: the clock runs again from now.
    const resumed = await kari.post(`/api/applications/${id}/status`, {
      status: 'in_review',
      comment: 'Mottatt på telefon',
      version: asked.body.version,
    });
    expect(resumed.status).toBe(200);
    const paused = businessDaysBetween(toOsloDate(requestedAt), osloDay(0));
    expect(await slaDueOn(id)).toBe(addBusinessDays(dueBefore, paused));
    // The portal's answer arrives later: kept with the request, the case stays where it is.
    const late = await (
      await as(ctx, 'portal')
    ).post(`/api/applications/${id}/information-requests/${requestId}/reply`, {
      message: 'Her er planen.',
    });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({
      status: 'answered',
      resumedBy: 'kari',
      pausedBusinessDays: paused,
      reply: { message: 'Her er planen.' },
    });
    const view = (await kari.get(`/api/applications/${id}`)).body;
    expect(view.status).toBe('in_review');
    expect(view.version).toBe(resumed.body.version);
    expect(await slaDueOn(id)).toBe(addBusinessDays(dueBefore, paused));
  });
});
