import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

/**
 * Free text a person enters that can reach a letter or a screen holds no word longer than 200
 * characters (a letter or a table cell cannot wrap it): refused where it is entered, with a 400
 * naming the field, and nothing stored.
 */

let ctx: TestContext;
let caseId: string;
let lineId: string;
let noteId: string;
let kari: Awaited<ReturnType<typeof as>>;

const LONG = 'x'.repeat(201);
const MESSAGE = 'a word may be at most 200 characters';

beforeAll(async () => {
  ctx = await startTestApp();
  const app = await newApplication(ctx);
  caseId = app.id;
  lineId = app.costLines[0].id;
  kari = await as(ctx, 'kari');
  await kari.post(`/api/applications/${caseId}/assign`, { assignee: 'kari' });
  await kari.post(`/api/applications/${caseId}/status`, { status: 'in_review' });
  noteId = (await kari.post(`/api/applications/${caseId}/notes`, { body: 'Ring søker', anchor: { type: 'application' } })).body.id;
});
afterAll(() => ctx.close());

async function footprint() {
  const [row] = await ctx.db.query(
    `SELECT (SELECT count(*) FROM audit_event WHERE application_id = $1)::int AS audit_events,
            (SELECT count(*) FROM note_revision)::int AS note_revisions,
            (SELECT version FROM application WHERE id = $1) AS version`,
    [caseId],
  );
  return row;
}

describe('a word of more than 200 characters', () => {
  const rows: [string, 'put' | 'post', () => string, object, string][] = [
    [
      'judgment rationale',
      'put',
      () => `/api/applications/${caseId}/judgments/J-INNO-01`,
      { outcome: 'pass', rationale: `Ny ${LONG}` },
      '$.rationale',
    ],
    [
      'cost-line assessment reason',
      'put',
      () => `/api/applications/${caseId}/cost-lines/${lineId}/assessment`,
      { approvedAmountNok: 1000, reason: `Se ${LONG}` },
      '$.reason',
    ],
    ['note text', 'post', () => `/api/applications/${caseId}/notes`, { body: LONG, anchor: { type: 'application' } }, '$.body'],
    ['edited note text', 'put', () => `/api/applications/${caseId}/notes/${noteId}`, { body: `${LONG} ${LONG}` }, '$.body'],
    ['entered-in-error reason', 'post', () => `/api/applications/${caseId}/notes/${noteId}/entered-in-error`, { reason: LONG }, '$.reason'],
    [
      'correction reason',
      'post',
      () => `/api/applications/${caseId}/corrections`,
      { path: 'project.location', value: 'Voss', reason: `Skrivefeil ${LONG}` },
      '$.reason',
    ],
    [
      'corrected text',
      'post',
      () => `/api/applications/${caseId}/corrections`,
      { path: 'project.location', value: LONG, reason: 'Skrivefeil' },
      '$.value',
    ],
    ['exchange-rate reason', 'put', () => `/api/applications/${caseId}/exchange-rate`, { nokPerEur: 11.6, reason: LONG }, '$.reason'],
    ['status comment', 'post', () => `/api/applications/${caseId}/status`, { status: 'withdrawn', comment: LONG }, '$.comment'],
    [
      'message to the applicant',
      'post',
      () => `/api/applications/${caseId}/status`,
      { status: 'awaiting_applicant', message: `Send ${LONG}`, replyBy: '2099-01-01' },
      '$.message',
    ],
  ];

  it.each(rows)('in a %s is refused where it is entered', async (_name, method, url, body, path) => {
    const before = await footprint();
    const res = await kari[method](url(), body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ path, message: MESSAGE }]);
    expect(await footprint()).toEqual(before);
  });

  it('is counted in characters between white space: 200 characters pass, and so do many short words', async () => {
    const exact = await kari.put(`/api/applications/${caseId}/judgments/J-INNO-01`, {
      outcome: 'pass',
      rationale: `${'ø'.repeat(200)}\n${'😀'.repeat(200)} ${'ord '.repeat(2000)}`,
    });
    expect(exact.status).toBe(200);
  });
});
