import { sampleApplication, setPath } from '../support/fixtures';
import { startTestApp, TestContext } from '../support/app';
import { generateApplication, Prng } from '../../backend/src/demo/generator';

let ctx: TestContext;
let portal: string;

beforeAll(async () => {
  ctx = await startTestApp();
  portal = await ctx.token('portal');
});
afterAll(() => ctx.close());

const post = (body: unknown) =>
  ctx.http
    .post('/api/applications')
    .set('authorization', `Bearer ${portal}`)
    .send(body as object);
/** Posts a body as written, with this Content-Type. */
const postText = (contentType: string, text: string) =>
  ctx.http.post('/api/applications').set('authorization', `Bearer ${portal}`).set('content-type', contentType).send(text);

async function counts() {
  const [row] = await ctx.db.query(`SELECT
      (SELECT count(*) FROM application)::int AS applications,
      (SELECT count(*) FROM cost_line)::int AS cost_lines,
      (SELECT count(*) FROM applicant)::int AS applicants,
      (SELECT count(*) FROM audit_event)::int AS audit_events`);
  return row;
}

describe('intake of a valid application', () => {
  it('stores it with a human reference, every part normalised and the document as received', async () => {
    const doc = sampleApplication();
    const res = await post(doc);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/applications/${res.body.id}`);
    expect(res.body).toMatchObject({
      externalRef: doc.externalRef,
      status: 'received',
      version: 1,
      receivedAt: '2026-03-02T10:15:00.000Z',
      applicant: { orgNumber: '923609016', name: 'Fjordplast AS', companyForm: 'AS', county: 'Vestland' },
      project: { title: doc.project.title, startDate: '2026-04-01', endDate: '2027-09-30', location: 'Bergen' },
      aid: { instrument: 'grant', requestedAmountNok: 1500000 },
      otherPublicAid: [{ grantor: 'Regionalt forskningsfond', amountNok: 200000, coversSameCosts: true }],
    });
    expect(res.body.reference).toMatch(/^PIO-2026-\d{6}$/);
    expect(res.body.applicant.financials.map((f: any) => [f.year, f.index])).toEqual([
      [2025, 0],
      [2024, 1],
    ]);
    expect(res.body.applicant.relatedEnterprises[0]).toMatchObject({ relation: 'partner', sharePct: 30 });
    expect(res.body.project.collaborationPartners[0]).toMatchObject({ sizeClass: 'small', eligibleCostsNok: 900000 });
    expect(res.body.costLines).toHaveLength(5);
    expect(res.body.costLines[2]).toMatchObject({
      category: 'equipment',
      basis: 'depreciation',
      acquisitionCostNok: 2400000,
      monthsUsed: 18,
    });
    expect(res.body.costLines.every((l: any) => typeof l.id === 'string')).toBe(true);
    // 40 Norwegian business days from Monday 2 March 2026: 21 left in March, then April
    // without Maundy Thursday, Good Friday and Easter Monday (2, 3 and 6 April) ends on the 30th.
    expect(res.body.slaDueAt).toBe('2026-04-30');

    const [stored] = await ctx.db.query(`SELECT submitted_document FROM application WHERE id = $1`, [res.body.id]);
    expect(stored.submitted_document).toEqual(doc);
    const audit = await ctx.db.query(`SELECT actor, kind FROM audit_event WHERE application_id = $1`, [res.body.id]);
    expect(audit).toEqual([
      { actor: 'portal', kind: 'intake' },
      { actor: 'portal', kind: 'evaluation' },
    ]);

    // The portal gets the intake view: the case's reference and status and the document, nothing of the casework.
    expect(Object.keys(res.body).sort()).toEqual(INTAKE_VIEW_FIELDS);
    expect(Object.keys(res.body.costLines[0])).not.toContain('assessment');
    const fetched = await ctx.http.get(`/api/applications/${res.body.id}`).set('authorization', `Bearer ${await ctx.token('kari')}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.allowedActions).toEqual(['take', 'note']);
    await expectSameAsRead(res.body);
  });

  it('accepts a document with only the required fields', async () => {
    const doc = sampleApplication();
    for (const path of [
      'applicant.incorporatedOn',
      'applicant.naceCode',
      'applicant.county',
      'applicant.publicOwnershipPct',
      'applicant.financials',
      'applicant.relatedEnterprises',
      'applicant.insolvencyProceedings',
      'applicant.outstandingRescueAid',
      'applicant.outstandingRecoveryOrder',
      'project.description',
      'project.startDate',
      'project.endDate',
      'project.firstBindingCommitmentDate',
      'project.location',
      'project.circularTransition',
      'project.collaborationPartners',
      'otherPublicAid',
    ]) {
      setPath(doc, path, undefined);
    }
    doc.costLines = [{ category: 'other', description: 'Diverse', amountNok: 0 }];
    const res = await post(doc);
    expect(res.status).toBe(201);
    expect(res.body.applicant.financials).toEqual([]);
    await expectSameAsRead(res.body);
  });

  it('answers with the case exactly as GET reads it back, for documents of every shape', async () => {
    // The 201 body is built from the document (no read back): it must not drift from the case view.
    const prng = new Prng(20261127);
    const docs: any[] = Array.from({ length: 25 }, (_, i) => {
      const doc: any = generateApplication(prng, i, new Date(Date.UTC(2026, prng.int(0, 10), prng.int(1, 28), prng.int(0, 23))));
      doc.externalRef = `P-SHAPE-${i}-${Date.now()}`;
      return doc;
    });
    // Decimals beyond what the columns keep (percentages have at most two, by the contract),
    // values on rounding halves, explicit nulls, an offset time.
    const edge = sampleApplication();
    edge.receivedAt = '2026-03-02T23:30:00.123+01:00';
    edge.applicant.publicOwnershipPct = 12.35;
    edge.applicant.financials[0].annualWorkUnits = 42.125;
    edge.applicant.relatedEnterprises[0].sharePct = 30.01;
    edge.project.firstBindingCommitmentDate = null;
    edge.costLines[0].hours = 300.555;
    edge.costLines[2].monthsUsed = 6.5;
    edge.costLines[2].projectUseSharePct = 33.33;
    edge.applicant.financials.reverse();
    docs.push(edge);
    // Values of binary arithmetic just below a half: PostgreSQL rounds the decimal text, down.
    const floats = sampleApplication();
    floats.applicant.financials[0].annualWorkUnits = 12.34499999999999;
    floats.costLines[0].hours = 1183.0649999999998;
    floats.costLines[2].usefulLifeMonths = 59.995;
    floats.applicant.financials[1].annualWorkUnits = 0.0000001;
    docs.push(floats);
    for (const doc of docs) {
      const res = await post(doc);
      expect(res.status).toBe(201);
      await expectSameAsRead(res.body);
    }
  });
});

/** What the intake view has: the case view's fields that are not casework. */
const INTAKE_VIEW_FIELDS = [
  'aid',
  'applicant',
  'costLines',
  'externalRef',
  'id',
  'otherPublicAid',
  'project',
  'receivedAt',
  'reference',
  'slaDueAt',
  'status',
  'version',
];

/** The intake view in an answer equals the same fields of the case view a caseworker reads. */
async function expectSameAsRead(created: any) {
  const fetched = await ctx.http.get(`/api/applications/${created.id}`).set('authorization', `Bearer ${await ctx.token('kari')}`);
  const caseView = Object.fromEntries(INTAKE_VIEW_FIELDS.map((f) => [f, fetched.body[f]]));
  caseView.costLines = fetched.body.costLines.map(({ assessment: _, ...line }: any) => line);
  expect(created).toEqual(caseView);
}

describe('bad input is refused with the field named, and nothing is stored', () => {
  const cases: [string, (doc: any) => void, string][] = [
    ['externalRef missing', (d) => delete d.externalRef, '$.externalRef'],
    ['externalRef empty', (d) => (d.externalRef = ''), '$.externalRef'],
    ['externalRef too long', (d) => (d.externalRef = 'P'.repeat(65)), '$.externalRef'],
    ['externalRef with a space', (d) => (d.externalRef = 'P 2026'), '$.externalRef'],
    ['receivedAt missing', (d) => delete d.receivedAt, '$.receivedAt'],
    ['receivedAt without offset', (d) => (d.receivedAt = '2026-03-02T10:15:00'), '$.receivedAt'],
    ['receivedAt not a date', (d) => (d.receivedAt = 'yesterday'), '$.receivedAt'],
    ['receivedAt with a space for T', (d) => (d.receivedAt = '2026-03-02 10:15:00Z'), '$.receivedAt'],
    ['receivedAt with an offset of hours only', (d) => (d.receivedAt = '2026-03-02T10:15:00+01'), '$.receivedAt'],
    ['receivedAt before 2000', (d) => (d.receivedAt = '1999-12-31T23:59:59Z'), '$.receivedAt'],
    ['receivedAt on 30 February', (d) => (d.receivedAt = '2026-02-30T10:00:00Z'), '$.receivedAt'],
    ['receivedAt in the future', (d) => (d.receivedAt = new Date(Date.now() + 3_600_000).toISOString()), '$.receivedAt'],
    ['orgNumber with wrong check digit', (d) => (d.applicant.orgNumber = '923609017'), '$.applicant.orgNumber'],
    ['orgNumber with check digit 10', (d) => (d.applicant.orgNumber = '400000000'), '$.applicant.orgNumber'],
    ['orgNumber of eight digits', (d) => (d.applicant.orgNumber = '92360901'), '$.applicant.orgNumber'],
    ['orgNumber as a number', (d) => (d.applicant.orgNumber = 923609016), '$.applicant.orgNumber'],
    [
      'related enterprise orgNumber invalid',
      (d) => (d.applicant.relatedEnterprises[0].orgNumber = '974760674'),
      '$.applicant.relatedEnterprises[0].orgNumber',
    ],
    [
      'partner orgNumber invalid',
      (d) => (d.project.collaborationPartners[0].orgNumber = '986105175'),
      '$.project.collaborationPartners[0].orgNumber',
    ],
    ['companyForm unknown', (d) => (d.applicant.companyForm = 'GmbH'), '$.applicant.companyForm'],
    ['naceCode malformed', (d) => (d.applicant.naceCode = '22220'), '$.applicant.naceCode'],
    ['publicOwnershipPct above 100', (d) => (d.applicant.publicOwnershipPct = 101), '$.applicant.publicOwnershipPct'],
    ['publicOwnershipPct negative', (d) => (d.applicant.publicOwnershipPct = -1), '$.applicant.publicOwnershipPct'],
    ['sharePct above 100', (d) => (d.applicant.relatedEnterprises[0].sharePct = 150), '$.applicant.relatedEnterprises[0].sharePct'],
    ['projectUseSharePct above 100', (d) => (d.costLines[2].projectUseSharePct = 120), '$.costLines[2].projectUseSharePct'],
    ['financials empty', (d) => (d.applicant.financials = []), '$.applicant.financials'],
    ['three financial years', (d) => d.applicant.financials.push({ year: 2023 }), '$.applicant.financials'],
    ['financial years not distinct', (d) => (d.applicant.financials[1].year = 2025), '$.applicant.financials[1].year'],
    ['financial year missing', (d) => delete d.applicant.financials[0].year, '$.applicant.financials[0].year'],
    ['turnover negative', (d) => (d.applicant.financials[0].turnoverNok = -1), '$.applicant.financials[0].turnoverNok'],
    ['turnover fractional', (d) => (d.applicant.financials[0].turnoverNok = 1.5), '$.applicant.financials[0].turnoverNok'],
    ['turnover as a string', (d) => (d.applicant.financials[0].turnoverNok = '98000000'), '$.applicant.financials[0].turnoverNok'],
    ['AWU as a string', (d) => (d.applicant.financials[0].annualWorkUnits = '42'), '$.applicant.financials[0].annualWorkUnits'],
    ['debt negative', (d) => (d.applicant.financials[0].debtNok = -5), '$.applicant.financials[0].debtNok'],
    ['relation unknown', (d) => (d.applicant.relatedEnterprises[0].relation = 'owner'), '$.applicant.relatedEnterprises[0].relation'],
    ['insolvencyProceedings not boolean', (d) => (d.applicant.insolvencyProceedings = 'no'), '$.applicant.insolvencyProceedings'],
    ['outstandingRescueAid not boolean', (d) => (d.applicant.outstandingRescueAid = 0), '$.applicant.outstandingRescueAid'],
    ['outstandingRecoveryOrder not boolean', (d) => (d.applicant.outstandingRecoveryOrder = null), '$.applicant.outstandingRecoveryOrder'],
    ['innovationTypes empty', (d) => (d.project.innovationTypes = []), '$.project.innovationTypes'],
    ['innovationTypes unknown', (d) => (d.project.innovationTypes = ['product']), '$.project.innovationTypes[0]'],
    ['endDate before startDate', (d) => (d.project.endDate = '2026-03-31'), '$.project.endDate'],
    ['startDate not a date', (d) => (d.project.startDate = '2026-02-30'), '$.project.startDate'],
    ['incorporatedOn wrong format', (d) => (d.applicant.incorporatedOn = '01.05.2011'), '$.applicant.incorporatedOn'],
    [
      'partner sizeClass unknown',
      (d) => (d.project.collaborationPartners[0].sizeClass = 'tiny'),
      '$.project.collaborationPartners[0].sizeClass',
    ],
    ['aid instrument loan', (d) => (d.aid.instrument = 'loan'), '$.aid.instrument'],
    ['requestedAmountNok zero', (d) => (d.aid.requestedAmountNok = 0), '$.aid.requestedAmountNok'],
    ['requestedAmountNok fractional', (d) => (d.aid.requestedAmountNok = 10.5), '$.aid.requestedAmountNok'],
    ['no cost lines', (d) => (d.costLines = []), '$.costLines'],
    ['501 cost lines', (d) => (d.costLines = Array.from({ length: 501 }, () => ({ ...d.costLines[0] }))), '$.costLines'],
    ['cost line category unknown', (d) => (d.costLines[0].category = 'travel'), '$.costLines[0].category'],
    ['cost line amount negative', (d) => (d.costLines[0].amountNok = -100), '$.costLines[0].amountNok'],
    ['cost line amount fractional', (d) => (d.costLines[0].amountNok = 100.5), '$.costLines[0].amountNok'],
    ['equipment basis unknown', (d) => (d.costLines[2].basis = 'purchase'), '$.costLines[2].basis'],
    ['supplierRelation unknown', (d) => (d.costLines[1].supplierRelation = 'friend'), '$.costLines[1].supplierRelation'],
    ['cost line description too long', (d) => (d.costLines[0].description = 'x'.repeat(2001)), '$.costLines[0].description'],
    ['project description too long', (d) => (d.project.description = 'x'.repeat(20001)), '$.project.description'],
    ['applicant name too long', (d) => (d.applicant.name = 'x'.repeat(2001)), '$.applicant.name'],
    ['unknown top-level field', (d) => (d.priority = 'high'), '$.priority'],
    ['unknown nested field', (d) => (d.applicant.financials[0].profit = 1), '$.applicant.financials[0].profit'],
    ['unknown cost line field', (d) => (d.costLines[4].vatNok = 1), '$.costLines[4].vatNok'],
    // The limits that hold for every field (docs/intake.md); each of these answered 500 before.
    ['a NUL in a name', (d) => (d.applicant.name = 'Fjord\u0000plast'), '$.applicant.name'],
    ['a NUL in a description', (d) => (d.costLines[1].description = 'Prosess\u0000analyse'), '$.costLines[1].description'],
    ['an unpaired surrogate in a title', (d) => (d.project.title = 'Robot \ud83d'), '$.project.title'],
    ['an unpaired low surrogate in a county', (d) => (d.applicant.county = '\udc00Vestland'), '$.applicant.county'],
    ['a bell character in a name', (d) => (d.applicant.name = 'Fjordplast\u0007'), '$.applicant.name'],
    ['a line break in a name', (d) => (d.applicant.name = 'Fjordplast\nAS'), '$.applicant.name'],
    ['an amount of 2^63', (d) => (d.costLines[0].amountNok = 2 ** 63), '$.costLines[0].amountNok'],
    ['an amount above 10^13', (d) => (d.costLines[0].amountNok = 10 ** 13 + 1), '$.costLines[0].amountNok'],
    ['a requested amount above 10^13', (d) => (d.aid.requestedAmountNok = 2 * 10 ** 13), '$.aid.requestedAmountNok'],
    [
      'a negative equity beyond -10^13',
      (d) => (d.applicant.financials[0].otherEquityNok = -(10 ** 14)),
      '$.applicant.financials[0].otherEquityNok',
    ],
    ['AWU above 10^7', (d) => (d.applicant.financials[0].annualWorkUnits = 10 ** 7 + 1), '$.applicant.financials[0].annualWorkUnits'],
    [
      'AWU of 10^10',
      (d) => (d.applicant.relatedEnterprises[0].annualWorkUnits = 10 ** 10),
      '$.applicant.relatedEnterprises[0].annualWorkUnits',
    ],
    ['hours of 10^10', (d) => (d.costLines[0].hours = 10 ** 10), '$.costLines[0].hours'],
    ['monthsUsed of 10^6', (d) => (d.costLines[2].monthsUsed = 10 ** 6), '$.costLines[2].monthsUsed'],
    ['usefulLifeMonths of 10^6', (d) => (d.costLines[2].usefulLifeMonths = 10 ** 6), '$.costLines[2].usefulLifeMonths'],
    ['a percentage with three decimals', (d) => (d.costLines[2].projectUseSharePct = 33.335), '$.costLines[2].projectUseSharePct'],
    ['a financial year 2101', (d) => (d.applicant.financials[0].year = 2101), '$.applicant.financials[0].year'],
    ['a financial year 1899', (d) => (d.applicant.financials[0].year = 1899), '$.applicant.financials[0].year'],
    ['a date in year 0000', (d) => (d.applicant.incorporatedOn = '0000-01-01'), '$.applicant.incorporatedOn'],
    ['a date in year 0001', (d) => (d.costLines[0].incurredFrom = '0001-01-01'), '$.costLines[0].incurredFrom'],
    ['a date after 2100', (d) => (d.project.endDate = '2101-01-01'), '$.project.endDate'],
    [
      'a first commitment in year 0000',
      (d) => (d.project.firstBindingCommitmentDate = '0000-01-01'),
      '$.project.firstBindingCommitmentDate',
    ],
    [
      'a body nested nine levels deep',
      (d) => (d.applicant.financials[0].notes = [[[[[[{}]]]]]]),
      '$.applicant.financials[0].notes[0][0][0][0]',
    ],
  ];

  it.each(cases)('%s', async (_name, mutate, path) => {
    const before = await counts();
    const doc = sampleApplication();
    mutate(doc);
    const res = await post(doc);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: expect.any(String) });
    expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    for (const e of res.body.errors) expect(e.message).toEqual(expect.any(String));
    expect(await counts()).toEqual(before);
  });

  it('names every bad field at once', async () => {
    const doc = sampleApplication();
    doc.applicant.orgNumber = '123';
    doc.aid.requestedAmountNok = -5;
    doc.costLines[0].category = 'travel';
    const res = await post(doc);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining(['$.applicant.orgNumber', '$.aid.requestedAmountNok', '$.costLines[0].category']),
    );
  });

  it('refuses a body that is not JSON', async () => {
    const res = await postText('application/json', '{"externalRef": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ path: '$', message: 'not valid JSON' }]);
  });

  it('refuses an empty body, one over 2 MiB, one that is not JSON and one with a __proto__ key, storing nothing', async () => {
    const before = await counts();
    const empty = await postText('application/json', '');
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ path: '$', message: 'must be an object' }]);
    const doc = sampleApplication();
    (doc as unknown as Record<string, unknown>).padding = 'x'.repeat(2 * 1024 * 1024);
    const large = await post(doc);
    expect(large.status).toBe(413);
    expect(large.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(large.body.title).toBe('Request too large');
    const text = await postText('text/plain', JSON.stringify(sampleApplication()));
    expect(text.status).toBe(415);
    expect(text.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(text.body.title).toBe('Unsupported media type');
    const poisoned = await postText('application/json', '{"externalRef": "x", "__proto__": {"admin": true}}');
    expect(poisoned.status).toBe(400);
    expect(poisoned.body.errors).toEqual([{ path: '$', message: 'not valid JSON' }]);
    expect(await counts()).toEqual(before);
  });

  it('answers a path the router cannot read with a problem, not a bare framework error', async () => {
    const res = await ctx.http.get('/api/applications/%E0%A4%A').set('authorization', `Bearer ${portal}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toMatchObject({ status: 400, title: 'Bad request' });
    const long = await ctx.http.get(`/api/applications/${'a'.repeat(150)}`).set('authorization', `Bearer ${portal}`);
    expect(long.status).toBe(414);
    expect(long.body).toMatchObject({ status: 414, title: 'URI too long', detail: 'A part of the path is too long' });
  });

  it("answers with the caller's request id, or a new one", async () => {
    const given = await ctx.http.get('/health').set('x-request-id', 'portal-req-42');
    expect(given.headers['x-request-id']).toBe('portal-req-42');
    const made = await ctx.http.get('/health').set('x-request-id', 'not a valid id!');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stores nothing when the database refuses part of the application midway', async () => {
    const before = await counts();
    // A trigger that fails the fourth cost line stands in for any failure after the first rows are written.
    await ctx.db.query(`CREATE FUNCTION fail_line() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.line_no = 4 THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$`);
    await ctx.db.query(`CREATE TRIGGER fail_line BEFORE INSERT ON cost_line FOR EACH ROW EXECUTE FUNCTION fail_line()`);
    try {
      const res = await post(sampleApplication());
      expect(res.status).toBe(500);
      expect(res.body.detail).toMatch(/request id/);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      expect(res.body.detail).toContain(res.headers['x-request-id']);
      expect(JSON.stringify(res.body)).not.toMatch(/disk full|at .*\.ts/);
    } finally {
      await ctx.db.query(`DROP TRIGGER fail_line ON cost_line; DROP FUNCTION fail_line()`);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('idempotency by externalRef', () => {
  it('returns the stored application for the same body, and 409 for another body', async () => {
    const doc = sampleApplication();
    const first = await post(doc);
    expect(first.status).toBe(201);
    const reordered = JSON.parse(JSON.stringify({ ...doc, costLines: doc.costLines, externalRef: doc.externalRef }));
    const again = await post(reordered);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.reference).toBe(first.body.reference);

    const changed = sampleApplication(doc.externalRef);
    changed.aid.requestedAmountNok = 1400000;
    const conflict = await post(changed);
    expect(conflict.status).toBe(409);
    expect(conflict.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(conflict.body.errors[0].path).toBe('$.externalRef');
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM application WHERE external_ref = $1`, [doc.externalRef]);
    expect(n).toBe(1);
  });

  it('keeps one application when 10 identical requests arrive at once', async () => {
    const doc = sampleApplication();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(doc)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const [{ n, audits }] = await ctx.db.query(
      `SELECT count(*)::int AS n,
              (SELECT count(*)::int FROM audit_event e WHERE e.application_id = min(a.id::text)::uuid AND e.kind = 'intake') AS audits
         FROM application a WHERE external_ref = $1`,
      [doc.externalRef],
    );
    expect(n).toBe(1);
    expect(audits).toBe(1);
  });
});

describe('references', () => {
  it('keep counting past PIO-YYYY-999999 instead of cutting the number to six digits', async () => {
    await ctx.db.query(`SELECT setval('application_reference_seq', 999999)`);
    const first = await post(sampleApplication());
    const second = await post(sampleApplication());
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.reference).toBe('PIO-2026-1000000');
    expect(second.body.reference).toBe('PIO-2026-1000001');
  });
});
