import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { startTestApp, TestContext } from '../support/app';
import { sampleCsv, sampleExecutable, samplePdf } from '../../backend/src/documents/testing';
import { VERSIONED_WRITE } from '../support/factories';
import { sampleApplication } from '../support/fixtures';

/**
 * The OpenAPI document against what the server really answers: one case walked from intake to
 * the register, every operation called at least once, and each answer's body checked against the
 * schema the document gives for its status and content type. Objects are closed for the check,
 * so a field the server sends but the document does not name fails as well as a missing one.
 */

interface MediaType {
  schema?: object;
}
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

const doc = JSON.parse(readFileSync(join(__dirname, '../../backend/openapi.json'), 'utf8')) as Document;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const ROUTES = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, operation]) => ({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      literal: !path.includes('{'),
      operation,
    })),
);

/** An OpenAPI 3.0 schema as JSON Schema: `nullable` as a null alternative, refs into the document, objects closed. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, example: _example, ...rest } = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref') out.$ref = `openapi${value as string}`;
    else if (key === 'properties')
      out.properties = Object.fromEntries(Object.entries(value as object).map(([name, s]) => [name, toJsonSchema(s)]));
    else if (key === 'format' && value === 'binary') continue;
    else if (['items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf'].includes(key)) out[key] = toJsonSchema(value);
    else out[key] = value;
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return nullable ? { anyOf: [{ type: 'null' }, out] } : out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const components = Object.fromEntries(Object.entries(doc.components.schemas).map(([name, schema]) => [name, toJsonSchema(schema)]));
ajv.addSchema({ $id: 'openapi', components: { schemas: components } });
const validators = new Map<object, ValidateFunction>();
const validatorFor = (schema: object) => {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(toJsonSchema(schema) as object)));
  return validate;
};

let ctx: TestContext;
/** Operations that answered with a 2xx, by operationId. */
const succeeded = new Set<string>();
/** Every mismatch between an answer and the document, as `operationId status: what`. */
const mismatches: string[] = [];

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

/** Checks an answer against the document and returns it. */
function checked(method: string, url: string, res: Response): Response {
  const path = url.split('?')[0];
  // A literal path (/api/applications/export) before a parameter's (/api/applications/{id}), as the server routes.
  const route =
    ROUTES.find((r) => r.method === method && r.literal && r.pattern.test(path)) ??
    ROUTES.find((r) => r.method === method && r.pattern.test(path));
  if (!route) throw new Error(`${method} ${path} is not in the OpenAPI document`);
  const { operationId, responses } = route.operation;
  const status = String(res.status);
  const documented = responses[status] ?? (/^[45]/.test(status) ? responses.default : undefined);
  if (!documented) {
    mismatches.push(`${operationId} ${status}: the document lists no such status`);
    return res;
  }
  if (/^2/.test(status)) succeeded.add(operationId);
  if (status === '304') return res;
  if (!documented.content) {
    // No content documented (204): none answered.
    if (res.text) mismatches.push(`${operationId} ${status}: answered a body, documented none`);
    return res;
  }
  const type = String(res.headers['content-type'] ?? '').split(';')[0];
  const media = documented.content?.[type];
  if (!media) {
    mismatches.push(`${operationId} ${status}: answered ${type}, documented ${Object.keys(documented.content ?? {}).join(', ')}`);
  } else if (/json/.test(type) && media.schema) {
    const validate = validatorFor(media.schema);
    if (!validate(res.body)) {
      const errors = (validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
      mismatches.push(`${operationId} ${status}: ${errors.join('; ')}`);
    }
  }
  return res;
}

/** A user's calls, each checked against the document; a change of a case sends the version last read, as the console does. */
async function as(username: string | null) {
  const token = username ? await ctx.token(username) : null;
  const call = async (method: string, url: string, body?: object, headers: Record<string, string> = {}): Promise<Response> => {
    const id = method !== 'GET' && body && !('version' in body) ? VERSIONED_WRITE.exec(url)?.[1] : undefined;
    if (id) {
      const [row] = await ctx.db.query(`SELECT version FROM application WHERE id = $1`, [id]);
      if (row) headers = { 'if-match': `"${row.version}"`, ...headers };
    }
    let req = ctx.http[method.toLowerCase() as 'get'](url);
    if (token) req = req.set('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    if (url.endsWith('.pdf') || url.endsWith('/content')) req = req.buffer(true).parse(binary);
    // An export's file as bytes, its problems as JSON (checked against the document).
    if (url.includes('/export?'))
      req = req
        .buffer(true)
        .parse((res, done) =>
          binary(res, (err, body) =>
            done(err, /json/.test(String(res.headers['content-type'])) ? JSON.parse(body.toString('utf8')) : body),
          ),
        );
    return (body === undefined ? req : req.send(body)).then((res) => checked(method, url, res));
  };
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, body?: object) => call('POST', url, body),
    put: (url: string, body: object) => call('PUT', url, body),
    delete: (url: string) => call('DELETE', url),
  };
}

function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];

describe('the answers of the API', () => {
  it('match the OpenAPI document, for every operation, from intake to the register', async () => {
    const anyone = await as(null);
    const [portal, kari, ingrid, leder] = await Promise.all(['portal', 'kari', 'ingrid', 'leder'].map(as));
    const expectStatus = (res: Response, status: number) => {
      if (res.status !== status) throw new Error(`expected ${status}, the API answered ${res.status}: ${res.text}`);
      return res;
    };

    expectStatus(await anyone.get('/health'), 200);
    expectStatus(await anyone.get('/api/config'), 200);
    expectStatus(await anyone.post('/api/auth/login', { username: 'kari', password: 'demo' }), 200);
    expectStatus(await anyone.post('/api/auth/login', { username: 'kari', password: 'wrong' }), 401);
    expectStatus(await anyone.get('/api/applications'), 401);
    // Refresh and logout end the token they are sent with: a session of its own for them.
    const session = await as(null);
    const own = (await session.post('/api/auth/login', { username: 'kari', password: 'demo' })).body.accessToken as string;
    const withToken = (method: 'post', url: string, token: string) =>
      ctx.http[method](url)
        .set('authorization', `Bearer ${token}`)
        .then((res) => checked(method.toUpperCase(), url, res));
    const rotated = expectStatus(await withToken('post', '/api/auth/refresh', own), 200).body.accessToken as string;
    expectStatus(await withToken('post', '/api/auth/logout', rotated), 204);
    expectStatus(await withToken('post', '/api/auth/refresh', rotated), 401);
    expectStatus(await kari.get('/api/auth/me'), 200);
    expectStatus(await kari.get('/api/users?role=caseworker'), 200);

    // Intake, and the portal sending the same application again.
    const doc = sampleApplication();
    doc.costLines[1].amountNok = 1_000_000;
    doc.aid.requestedAmountNok = 1_300_000;
    doc.otherPublicAid = [];
    const created = expectStatus(await portal.post('/api/applications', doc), 201).body;
    expectStatus(await portal.post('/api/applications', doc), 200);
    expectStatus(await portal.post('/api/applications', { ...doc, project: { ...doc.project, title: 'Noe annet' } }), 409);
    expectStatus(await portal.post('/api/applications', { externalRef: 'x' }), 400);
    const id: string = created.id;
    const lines: string[] = created.costLines.map((l: { id: string }) => l.id);
    const base = `/api/applications/${id}`;

    expectStatus(await kari.get('/api/applications?status=received,in_review&sizeClass=medium&sort=-receivedAt&limit=5'), 200);
    expectStatus(await kari.get('/api/applications?flag=missing,fail&overdue=false'), 200);
    expectStatus(await kari.get('/api/applications?limit=0'), 400);
    expectStatus(await kari.get('/api/applications/export?format=csv&status=received,in_review&sort=-receivedAt'), 200);
    expectStatus(await ingrid.get('/api/applications/export?format=xlsx&q=a'), 200);
    expectStatus(await kari.get('/api/applications/export?format=pdf'), 400);
    expectStatus(await kari.get('/api/applications/export?format=csv&queue=to-approve'), 403);
    expectStatus(await kari.get(base), 200);
    expectStatus(await kari.get('/api/applications/not-an-id'), 400);
    expectStatus(await kari.get(`/api/applications/${randomUUID()}`), 404);
    expectStatus(await kari.get('/api/stats/overview'), 403);

    expectStatus(await kari.post(`${base}/assign`, { assignee: 'kari', version: 1 }), 200);
    expectStatus(await kari.post(`${base}/assign`, { assignee: 'kari', version: 1 }), 409);
    expectStatus(await leder.post('/api/applications/bulk-assign', { assignee: 'kari', ids: [id, randomUUID()] }), 200);
    expectStatus(await kari.post(`${base}/status`, { status: 'in_review' }), 200);

    // The rulebook.
    const evaluation = expectStatus(await kari.post(`${base}/evaluations`), 201).body;
    expectStatus(await kari.get(`${base}/evaluations`), 200);
    expectStatus(await kari.get(`${base}/evaluations/latest`), 200);
    expectStatus(await kari.get(`${base}/evaluations/${evaluation.id}`), 200);
    expectStatus(await kari.post(`${base}/evaluations/${evaluation.id}/replay`), 200);
    expectStatus(await kari.post(`${base}/what-if`, { costLines: [{ id: lines[1], approvedAmountNok: 400_000 }], nokPerEur: 11.7 }), 200);

    // The caseworker's assessment: corrections, the exchange rate, approved amounts, judgments.
    expectStatus(
      await kari.post(`${base}/corrections`, { path: 'applicant.financials[0].annualWorkUnits', value: 41, reason: 'Årsregnskapet' }),
      201,
    );
    expectStatus(await kari.put(`${base}/exchange-rate`, { nokPerEur: 11.6, reason: 'Norges Bank, dagens kurs' }), 200);
    expectStatus(await kari.put(`${base}/exchange-rate`, { nokPerEur: null }), 200);
    expectStatus(await kari.put(`${base}/cost-lines/${lines[4]}/assessment`, { approvedAmountNok: 200_000, reason: 'Bare lisensen' }), 200);
    expectStatus(await kari.put(`${base}/cost-lines/${lines[4]}/assessment`, { approvedAmountNok: null }), 200);
    for (const criterion of JUDGMENTS) {
      expectStatus(await kari.put(`${base}/judgments/${criterion}`, { outcome: 'pass', rationale: `${criterion} er oppfylt.` }), 200);
    }
    expectStatus(await kari.put(`${base}/judgments/J-NOPE-01`, { outcome: 'pass', rationale: 'x' }), 404);
    expectStatus(await kari.get(`${base}/judgments/history`), 200);

    // Notes.
    const note = expectStatus(
      await kari.post(`${base}/notes`, { body: 'Ring søker.', anchor: { type: 'costLine', ref: lines[1] } }),
      201,
    ).body;
    expectStatus(await kari.put(`${base}/notes/${note.id}`, { body: 'Ring søker i morgen.', version: 1 }), 200);
    expectStatus(await kari.get(`${base}/notes?anchorType=costLine`), 200);
    expectStatus(await kari.get(`${base}/notes/${note.id}/history`), 200);
    expectStatus(await kari.post(`${base}/notes/${note.id}/entered-in-error`, { reason: 'Feil sak', version: 2 }), 200);

    // Documents, and the dialogue with the applicant.
    const portalToken = await ctx.token('portal');
    const upload = (file: Buffer, name: string) =>
      ctx.http
        .post(`${base}/documents`)
        .set('authorization', `Bearer ${portalToken}`)
        .field('kind', 'reply')
        .attach('file', file, name)
        .then((res) => checked('POST', `${base}/documents`, res));
    const attachment = expectStatus(await upload(samplePdf('Bekreftelse'), 'bekreftelse.pdf'), 201).body;
    expectStatus(await upload(sampleExecutable(), 'bekreftelse.pdf'), 415);
    expectStatus(await kari.get(`${base}/documents`), 200);
    const content = expectStatus(await kari.get(`${base}/documents/${attachment.id}/content`), 200);
    expectStatus(await kari.get(`${base}/documents/${attachment.id}/content`, { 'if-none-match': String(content.headers.etag) }), 304);
    const mistaken = expectStatus(await upload(sampleCsv(), 'feil.csv'), 201).body;
    expectStatus(await kari.post(`${base}/documents/${mistaken.id}/entered-in-error`, { reason: 'Feil fil' }), 200);
    const asked = expectStatus(await kari.post(`${base}/information-requests`, { message: 'Send bekreftelse på egenkapital.' }), 201).body;
    expectStatus(
      await portal.post(`${base}/information-requests/${asked.id}/reply`, { message: 'Vedlagt.', documentIds: [attachment.id] }),
      201,
    );
    expectStatus(await portal.post(`${base}/information-requests/${asked.id}/reply`, { message: 'Igjen.' }), 409);
    expectStatus(await kari.get(`${base}/information-requests`), 200);

    // Recommendation, return, recommendation again, decision.
    expectStatus(await kari.get('/api/conditions'), 200);
    const recommendation = {
      outcome: 'grant',
      amountNok: 1_200_000,
      justification: 'Et tydelig løft.',
      conditions: [{ code: 'REPORT-FINAL' }],
      reductionReason: 'Bedriften finansierer resten selv.',
    };
    expectStatus(await kari.post(`${base}/recommendation`, { ...recommendation, amountNok: 9_000_000 }), 409);
    expectStatus(await kari.post(`${base}/recommendation`, recommendation), 200);
    expectStatus(await kari.post(`${base}/decision`, { action: 'approve' }), 403);
    expectStatus(await ingrid.post(`${base}/decision`, { action: 'return', reasonCode: 'missing-justification', comment: 'Utdyp.' }), 200);
    expectStatus(
      await kari.put(`${base}/judgments/J-NEED-01`, { outcome: 'pass', rationale: 'Utdypet: uten støtte to års utsettelse.' }),
      200,
    );
    expectStatus(await ingrid.get(`${base}/changes-since-return`), 200);
    expectStatus(
      await kari.post(`${base}/recommendation`, {
        ...recommendation,
        conditions: [{ code: 'REPORT-FINAL' }, { text: 'Presenteres for styret.' }],
      }),
      200,
    );
    expectStatus(await kari.get(`${base}/recommendations`), 200);
    expectStatus(await leder.get('/api/applications?queue=to-approve'), 200);
    expectStatus(await kari.get('/api/applications?queue=to-approve'), 403);
    expectStatus(await kari.get('/api/applications?queue=returned-to-me&returned=true'), 200);
    expectStatus(await kari.get('/api/applications?queue=everything'), 400);
    expectStatus(await kari.get('/api/queues/counts'), 200);

    // Saved queue views: kari's own; to ingrid hers are not found.
    const saved = expectStatus(
      await kari.post('/api/saved-filters', { name: 'Mine store', query: { status: 'received', sort: '-requestedAmount' } }),
      201,
    ).body;
    expectStatus(await kari.post('/api/saved-filters', { name: 'mine STORE', query: {} }), 409);
    expectStatus(await kari.post('/api/saved-filters', { name: 'Feil', query: { queue: 'to-approve' } }), 400);
    expectStatus(await kari.get('/api/saved-filters'), 200);
    expectStatus(await kari.put(`/api/saved-filters/${saved.id}`, { version: 1, name: 'Store saker', isStartPage: true }), 200);
    expectStatus(await kari.put(`/api/saved-filters/${saved.id}`, { version: 1, name: 'Gammel' }), 409);
    expectStatus(await ingrid.put(`/api/saved-filters/${saved.id}`, { version: 2, name: 'Ingrids' }), 404);
    expectStatus(await kari.delete(`/api/saved-filters/${saved.id}?version=1`), 409);
    expectStatus(await kari.delete(`/api/saved-filters/${saved.id}?version=2`), 204);
    expectStatus(await kari.delete(`/api/saved-filters/${saved.id}`), 404);
    expectStatus(await kari.get(`${base}/letter-preview.pdf?lang=en`), 200);
    expectStatus(
      await kari.post(`${base}/letter-preview.pdf?lang=nb`, {
        outcome: 'reject',
        justification: 'Utkast.',
        grounds: ['PRIORITY'],
        priorityReason: 'Andre søknader er prioritert.',
      }),
      200,
    );
    expectStatus(await leder.post(`${base}/decision`, { action: 'approve' }), 200);
    const decision = expectStatus(await kari.get(`${base}/decision`), 200).body;
    const letter = expectStatus(await kari.get(`${base}/decision/letter.pdf?lang=en`), 200);
    expectStatus(await kari.get(`${base}/decision/letter.pdf?lang=en`, { 'if-none-match': String(letter.headers.etag) }), 304);
    expectStatus(await kari.get(`${base}/timeline?kind=status,decision`), 200);
    expectStatus(await leder.get(`${base}/case-report.pdf?lang=en`), 200);
    expectStatus(await kari.get(`${base}/case-report.pdf?lang=se`), 400);
    expectStatus(await kari.get(`${base}/timeline`), 200);

    // Oversight.
    expectStatus(await leder.get('/api/register-reports?status=due'), 200);
    expectStatus(await leder.post(`/api/register-reports/${decision.id}/reported`, { registerReference: 'RSS-2026-1' }), 200);
    expectStatus(await leder.post(`/api/register-reports/${decision.id}/reported`, { registerReference: 'RSS-2026-1' }), 409);
    expectStatus(await leder.get('/api/register-reports?status=all'), 200);
    expectStatus(await leder.get('/api/stats/overview'), 200);
    expectStatus(await leder.get('/api/stats/overview?period=3months'), 200);
    expectStatus(await leder.get('/api/stats/overview?period=decade'), 400);
    expectStatus(await leder.get('/api/audit/verify'), 200);

    // The access log.
    expectStatus(await leder.get(`${base}/access-log?limit=5`), 200);
    expectStatus(await leder.get(`${base}/access-log?limit=0`), 400);
    expectStatus(await leder.get(`/api/applications/${randomUUID()}/access-log`), 404);
    expectStatus(await leder.get('/api/access-log?kind=login,login-failed,refused&limit=5'), 200);
    expectStatus(await leder.get('/api/access-log?from=tomorrow'), 400);
    expectStatus(await kari.get('/api/access-log'), 403);

    // The jobs and the portal's outbox.
    expectStatus(await leder.get('/api/admin/jobs'), 200);
    expectStatus(await kari.get('/api/admin/jobs'), 403);
    const admin = await as('admin');
    const [{ id: jobId }] = await ctx.db.query(
      `SELECT (graphile_worker.add_job('late-reply', '{}'::json, max_attempts := 2)).id::text AS id`,
    );
    await ctx.db.query(`SELECT graphile_worker.permanently_fail_jobs(ARRAY[$1::bigint], 'refused')`, [jobId]);
    expectStatus(await admin.post(`/api/admin/jobs/${jobId}/retry`), 200);
    expectStatus(await leder.post(`/api/admin/jobs/${jobId}/retry`), 403);
    expectStatus(await admin.post('/api/admin/jobs/x/retry'), 400);
    await ctx.db.query(`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'elsewhere' WHERE id = $1::bigint`, [
      jobId,
    ]);
    expectStatus(await admin.post(`/api/admin/jobs/${jobId}/retry`), 409);
    await ctx.db.query(`UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL WHERE id = $1::bigint`, [jobId]);
    await ctx.db.query(`SELECT graphile_worker.complete_jobs(ARRAY[$1::bigint])`, [jobId]);
    expectStatus(await admin.post(`/api/admin/jobs/${jobId}/retry`), 404);
    const outbox = expectStatus(await portal.get('/api/portal/outbox?limit=2'), 200).body;
    expectStatus(await portal.get(`/api/portal/outbox?after=${outbox.nextAfter}`), 200);
    expectStatus(await portal.get(`/api/portal/outbox?after=${randomUUID()}`), 400);
    expectStatus(await kari.get('/api/portal/outbox'), 403);
    expectStatus(await portal.get(`${base}/decision/letter.pdf?lang=nb`), 200);

    // Notifications: the approver's return above told the caseworker who recommended.
    const notifications = expectStatus(await kari.get('/api/notifications?unread=true&limit=1'), 200).body;
    expectStatus(await kari.get(`/api/notifications?cursor=${notifications.nextCursor ?? 'x'}`), notifications.nextCursor ? 200 : 400);
    expectStatus(await kari.get('/api/notifications?limit=0'), 400);
    expectStatus(await kari.post(`/api/notifications/${notifications.items[0].id}/read`), 200);
    expectStatus(await ingrid.post(`/api/notifications/${notifications.items[0].id}/read`), 404);
    expectStatus(await kari.post('/api/notifications/read-all'), 200);
    // The stream's first lines, then the connection is let go.
    const streamed = await ctx.http
      .get('/api/notifications/stream')
      .set('authorization', `Bearer ${await ctx.token('kari')}`)
      .buffer(false)
      .parse((res, done) =>
        res.once('data', (chunk: Buffer) => {
          done(null, chunk.toString());
          res.destroy();
        }),
      );
    expectStatus(checked('GET', '/api/notifications/stream', streamed), 200);
    expectStatus(await kari.get('/api/notifications/stream', { 'last-event-id': 'nope' }), 400);

    expect(mismatches).toEqual([]);
    const uncalled = ROUTES.map((r) => r.operation.operationId).filter((name) => !succeeded.has(name));
    // A new operation needs a step above, so that its documented answer is checked too.
    expect(uncalled).toEqual([]);
  });
});
