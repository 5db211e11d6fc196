import { startTestApp, TestContext } from '../support/app';
import { as, newApplication, VERSIONED_WRITE } from '../support/factories';

/**
 * Limits every request meets whatever its route (docs/api.md, "Limits on every request"): text
 * without NUL, unpaired surrogates or control characters, JSON numbers within ±(2^53 - 1), bodies
 * nested at most 8 levels and at most 2 MiB, query parameters and cursors the database can read,
 * real dates. Each of the requests below answered 500 before; each is now a 400 naming the field,
 * and nothing is stored.
 */

let ctx: TestContext;
let caseId: string;
let lineId: string;
let headers: Record<string, Record<string, string>>;

beforeAll(async () => {
  ctx = await startTestApp();
  const app = await newApplication(ctx);
  await newApplication(ctx); // a second case, so the queue has a next page
  caseId = app.id;
  lineId = app.costLines[0].id;
  const kari = await as(ctx, 'kari');
  await kari.post(`/api/applications/${caseId}/assign`, { assignee: 'kari' });
  await kari.post(`/api/applications/${caseId}/status`, { status: 'in_review' });
  headers = {};
  for (const user of ['kari', 'leder', 'portal']) headers[user] = { authorization: `Bearer ${await ctx.token(user)}` };
});
afterAll(() => ctx.close());

/** Sends through Fastify's inject: bodies go as written (a lone surrogate survives), no socket needed. */
async function send(user: string | null, method: string, url: string, payload?: unknown) {
  const versioned = VERSIONED_WRITE.exec(url)?.[1];
  const version = versioned ? (await ctx.db.query(`SELECT version FROM application WHERE id = $1`, [versioned]))[0]?.version : undefined;
  const res = await ctx.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method,
      url,
      headers: {
        ...(user ? headers[user] : {}),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
      },
      payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.body ? JSON.parse(res.body) : null };
}

/** Everything a request could have left behind: rows in every table a write touches, and the case's version. */
async function footprint() {
  const [row] = await ctx.db.query(
    `SELECT (SELECT count(*) FROM application)::int AS applications, (SELECT count(*) FROM audit_event)::int AS audit_events,
            (SELECT count(*) FROM note)::int AS notes, (SELECT count(*) FROM judgment_revision)::int AS judgments,
            (SELECT count(*) FROM fact_correction)::int AS corrections, (SELECT count(*) FROM evaluation)::int AS evaluations,
            (SELECT version FROM application WHERE id = $1) AS version`,
    [caseId],
  );
  return row;
}

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('bodies on every route', () => {
  const rows: [string, string, string, () => string, unknown, string][] = [
    [
      'a NUL in a judgment rationale',
      'kari',
      'PUT',
      () => `/api/applications/${caseId}/judgments/J-INNO-01`,
      { outcome: 'pass', rationale: 'ok\u0000' },
      '$.rationale',
    ],
    [
      'an unpaired surrogate in a note',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/notes`,
      { body: 'x\udc00', anchor: { type: 'application' } },
      '$.body',
    ],
    [
      'a NUL in a cost-line note anchor',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/notes`,
      { body: 'x', anchor: { type: 'costLine', ref: 'a\u0000' } },
      '$.anchor.ref',
    ],
    [
      'a NUL in an assessment reason',
      'kari',
      'PUT',
      () => `/api/applications/${caseId}/cost-lines/${lineId}/assessment`,
      { approvedAmountNok: 1, reason: 'x\u0000' },
      '$.reason',
    ],
    [
      'a NUL in a corrected value',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/corrections`,
      { path: 'applicant.name', value: 'a\u0000', reason: 'x' },
      '$.value',
    ],
    [
      'a NUL in a correction reason',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/corrections`,
      { path: 'applicant.name', value: 'a', reason: 'x\u0000' },
      '$.reason',
    ],
    [
      'a corrected date in year 0000',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/corrections`,
      { path: 'project.startDate', value: '0000-01-01', reason: 'x' },
      '$.value',
    ],
    [
      'a corrected AWU of 10^12',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/corrections`,
      { path: 'applicant.financials[0].annualWorkUnits', value: 1e12, reason: 'x' },
      '$.value',
    ],
    [
      'a NUL in an exchange-rate reason',
      'kari',
      'PUT',
      () => `/api/applications/${caseId}/exchange-rate`,
      { nokPerEur: 11, reason: 'a\u0000' },
      '$.reason',
    ],
    [
      'an exchange rate of 1e-300',
      'kari',
      'PUT',
      () => `/api/applications/${caseId}/exchange-rate`,
      { nokPerEur: 1e-300, reason: 'a' },
      '$.nokPerEur',
    ],
    [
      'an exchange rate dated year 0001',
      'kari',
      'PUT',
      () => `/api/applications/${caseId}/exchange-rate`,
      { nokPerEur: 11, reason: 'a', date: '0001-01-01' },
      '$.date',
    ],
    ['a what-if rate of 1e-300', 'kari', 'POST', () => `/api/applications/${caseId}/what-if`, { nokPerEur: 1e-300 }, '$.nokPerEur'],
    [
      'an impossible reply-by date',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/status`,
      { status: 'awaiting_applicant', message: 'send', replyBy: '2026-13-45' },
      '$.replyBy',
    ],
    [
      'a NUL in a status comment',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/status`,
      { status: 'withdrawn', comment: 'x\u0000' },
      '$.comment',
    ],
    [
      'a recommended amount of 10^19',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/recommendation`,
      { outcome: 'grant', amountNok: 1e19, justification: 'x' },
      '$.amountNok',
    ],
    [
      'a NUL in a justification',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/recommendation`,
      { outcome: 'reject', justification: 'x\u0000', grounds: ['INC-01'] },
      '$.justification',
    ],
    [
      'a NUL in a return comment',
      'leder',
      'POST',
      () => `/api/applications/${caseId}/decision`,
      { action: 'return', reasonCode: 'other', comment: 'x\u0000' },
      '$.comment',
    ],
    ['a version of 10^20', 'leder', 'POST', () => `/api/applications/${caseId}/assign`, { assignee: 'kari', version: 1e20 }, '$.version'],
    [
      'a NUL in a register reference',
      'leder',
      'POST',
      () => `/api/register-reports/${caseId}/reported`,
      { registerReference: 'a\u0000' },
      '$.registerReference',
    ],
    ['a NUL in a username', '', 'POST', () => '/api/auth/login', { username: 'kari\u0000', password: 'demo' }, '$.username'],
    [
      'a control character in a field name',
      'kari',
      'POST',
      () => `/api/applications/${caseId}/what-if`,
      { 'costLines\u0007': [] },
      '$["costLines\\u0007"]',
    ],
  ];

  it.each(rows)('%s', async (_name, user, method, url, body, path) => {
    const before = await footprint();
    const res = await send(user || null, method, url(), body);
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await footprint()).toEqual(before);
  });

  it('refuses JSON nested deeper than 8 levels on every route, named by its path, even a million levels deep', async () => {
    const before = await footprint();
    const deepValue = await send(
      'kari',
      'POST',
      `/api/applications/${caseId}/corrections`,
      `{"path": "applicant.name", "value": ${nested(3000)}, "reason": "x"}`,
    );
    expect(deepValue.status).toBe(400);
    expect(deepValue.body.errors).toEqual([{ path: '$.value[0][0][0][0][0][0][0]', message: expect.stringMatching(/at most 8 levels/) }]);
    const login = await send(null, 'POST', '/api/auth/login', `{"username": ${nested(1_000_000)}, "password": "demo"}`);
    expect(login.status).toBe(400);
    expect(login.body.errors[0].path).toBe('$.username[0][0][0][0][0][0][0]');
    const whatIf = await send('kari', 'POST', `/api/applications/${caseId}/what-if`, {
      facts: [{ path: 'applicant.name', value: JSON.parse(nested(6)) }],
    });
    expect(whatIf.status).toBe(400);
    expect(whatIf.body.errors[0].path).toBe('$.facts[0].value[0][0][0][0][0]');
    expect(await footprint()).toEqual(before);
  });

  it('refuses a body over 2 MiB with 413', async () => {
    const res = await send('kari', 'POST', `/api/applications/${caseId}/notes`, {
      body: 'x '.repeat(1024 * 1024 + 1),
      anchor: { type: 'application' },
    });
    expect(res.status).toBe(413);
    expect(res.type).toMatch(/^application\/problem\+json/);
  });
});

describe('query and path parameters', () => {
  const cursor = (sort: string, value: unknown, id = '01234567-0123-4123-8123-0123456789ab') =>
    Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
  const rows: [string, () => string, string][] = [
    ['a NUL in the search term', () => '/api/applications?q=a%00b', '$.q'],
    ['a limit of 1e400', () => '/api/applications?limit=1e400', '$.limit'],
    ['a limit of 0x10', () => '/api/applications?limit=0x10', '$.limit'],
    ['a cursor with a text for a timestamp', () => `/api/applications?cursor=${cursor('receivedAt', 'abc')}`, '$.cursor'],
    ['a cursor with an object for a timestamp', () => `/api/applications?cursor=${cursor('receivedAt', { a: 1 })}`, '$.cursor'],
    [
      'a cursor with a NUL in a name',
      () => `/api/applications?sort=applicantName&cursor=${cursor('applicantName', 'a\u0000')}`,
      '$.cursor',
    ],
    ['a cursor with a text for an amount', () => `/api/applications?sort=maxAid&cursor=${cursor('maxAid', 'abc')}`, '$.cursor'],
    [
      'a cursor with 1e30 for an amount',
      () => `/api/applications?sort=requestedAmount&cursor=${cursor('requestedAmount', 1e30)}`,
      '$.cursor',
    ],
    [
      'a cursor whose id is not a UUID',
      () => `/api/applications?cursor=${cursor('receivedAt', '2026-03-02T10:15:00.000000Z', '-'.repeat(36))}`,
      '$.cursor',
    ],
    ['a NUL in a note filter', () => `/api/applications/${caseId}/notes?anchorRef=%00`, '$.anchorRef'],
    ['a NUL in a note author', () => `/api/applications/${caseId}/notes?author=x%00`, '$.author'],
    ['a NUL in a timeline actor', () => `/api/applications/${caseId}/timeline?actor=%00`, '$.actor'],
    ['a NUL in a timeline kind', () => `/api/applications/${caseId}/timeline?kind=status,%00`, '$.kind'],
    ['a NUL in a path parameter', () => `/api/applications/${caseId}/evaluations/%00`, '$.evaluationId'],
    ['a line break in a parameter no route reads', () => '/api/stats/overview?x=a%0Ab', '$.x'],
  ];

  it.each(rows)('%s', async (_name, url, path) => {
    const res = await send(url().includes('stats') ? 'leder' : 'kari', 'GET', url());
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('still pages with the cursors it gives out, for every sort', async () => {
    for (const sort of ['receivedAt', '-slaDueAt', 'requestedAmount', '-applicantName', 'maxAid']) {
      const first = await send('kari', 'GET', `/api/applications?limit=1&sort=${sort}`);
      expect(first.status).toBe(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await send('kari', 'GET', `/api/applications?limit=1&sort=${sort}&cursor=${first.body.nextCursor}`);
      expect([sort, second.status]).toEqual([sort, 200]);
    }
  });
});
