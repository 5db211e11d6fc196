import { randomUUID } from 'node:crypto';
import { samplePdf } from '../../backend/src/documents/testing';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

/**
 * Notes anchored to a document of the case, or to one page of it (the console's document viewer
 * writes them): anchor `{type: 'document', ref: '<documentId>#p<page>'}`; the document must be the
 * case's own.
 */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

async function uploadPdf(caseId: string): Promise<string> {
  const res = await ctx.http
    .post(`/api/applications/${caseId}/documents`)
    .set('authorization', `Bearer ${await ctx.token('portal')}`)
    .field('kind', 'budget')
    .attach('file', samplePdf('Budsjett'), { filename: 'budsjett.pdf', contentType: 'application/pdf' });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('a note on a document', () => {
  it('is anchored to the document or one page of it, listed by that anchor, and refused for a document of another case', async () => {
    const app = await newApplication(ctx);
    const other = await newApplication(ctx);
    const documentId = await uploadPdf(app.id);
    const othersDocument = await uploadPdf(other.id);
    const kari = await as(ctx, 'kari');

    const onPage = await kari.post(`/api/applications/${app.id}/notes`, {
      body: 'Lønnskostnadene på side 2 stemmer ikke med søknaden.',
      anchor: { type: 'document', ref: `${documentId}#p2` },
    });
    expect(onPage.status).toBe(201);
    expect(onPage.body.anchor).toEqual({ type: 'document', ref: `${documentId}#p2` });
    const onDocument = await kari.post(`/api/applications/${app.id}/notes`, {
      body: 'Budsjettet er signert.',
      anchor: { type: 'document', ref: documentId },
    });
    expect(onDocument.status).toBe(201);

    // Listed by the exact anchor, and among the case's notes.
    const page2 = await kari.get(
      `/api/applications/${app.id}/notes?anchorType=document&anchorRef=${encodeURIComponent(`${documentId}#p2`)}`,
    );
    expect(page2.status).toBe(200);
    expect(page2.body.map((n: any) => n.body)).toEqual(['Lønnskostnadene på side 2 stemmer ikke med søknaden.']);
    const onDocuments = await kari.get(`/api/applications/${app.id}/notes?anchorType=document`);
    expect(onDocuments.body.map((n: any) => n.anchor.ref)).toEqual([`${documentId}#p2`, documentId]);

    const refused = async (ref: unknown) => {
      const res = await kari.post(`/api/applications/${app.id}/notes`, { body: 'x', anchor: { type: 'document', ref } });
      expect({ ref, status: res.status }).toEqual({ ref, status: 400 });
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '$.anchor.ref' })]);
    };
    await refused(othersDocument); // another case's document
    await refused(`${othersDocument}#p1`);
    await refused(randomUUID()); // no such document
    await refused(`${documentId}#p0`); // pages count from 1
    await refused(`${documentId}#page2`);
    await refused(`${documentId.toUpperCase()}`);
    await refused(null);

    // Nothing was stored for the refusals.
    const all = await kari.get(`/api/applications/${app.id}/notes`);
    expect(all.body).toHaveLength(2);
    const [{ count }] = await ctx.db.query(`SELECT count(*)::int AS count FROM note WHERE application_id = $1`, [other.id]);
    expect(count).toBe(0);
  });
});
