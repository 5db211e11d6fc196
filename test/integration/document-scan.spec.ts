import type { Response } from 'supertest';
import { samplePdf } from '../../backend/src/documents/testing';
import { startTestApp, TestContext } from '../support/app';
import { EICAR, FakeClamd } from '../support/clamd';
import { as, newApplication } from '../support/factories';

/**
 * The optional malware scanning step (docs/operations.md, "Malware scanning"): with CLAMD_HOST set,
 * every upload streams through clamd's INSTREAM command. A clean file is stored with scan `clean`;
 * a file clamd finds malware in is refused with 422 naming the signature, and a scanner that cannot
 * be reached with 503; in both cases nothing is stored. The clamd here is a small server in the
 * test speaking the protocol (test/support/clamd.ts): it finds the EICAR test string and nothing else.
 */

const clamd = new FakeClamd();
let ctx: TestContext;

beforeAll(async () => {
  await clamd.start();
  ctx = await startTestApp({ CLAMD_HOST: '127.0.0.1', CLAMD_PORT: String(clamd.port), CLAMD_TIMEOUT_MS: '5000' });
});
afterAll(async () => {
  await ctx.close();
  if (clamd.server) await clamd.stop();
});

async function karisCase(): Promise<string> {
  const app = await newApplication(ctx);
  const kari = await as(ctx, 'kari');
  expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari', version: app.version })).status).toBe(200);
  return app.id;
}

async function upload(caseId: string, bytes: Buffer): Promise<Response> {
  return ctx.http
    .post(`/api/applications/${caseId}/documents`)
    .set('authorization', `Bearer ${await ctx.token('portal')}`)
    .field('kind', 'other')
    .attach('file', bytes, { filename: 'vedlegg.pdf', contentType: 'application/pdf' });
}

async function stored(): Promise<{ documents: number; blobs: number }> {
  const [row] = await ctx.db.query(
    `SELECT (SELECT count(*)::int FROM document) AS documents, (SELECT count(*)::int FROM document_blob) AS blobs`,
  );
  return row;
}

describe('malware scanning through clamd', () => {
  it('stores a clean file, scanned as it streamed, and says so in the document', async () => {
    const id = await karisCase();
    const bytes = samplePdf('Budsjett 2026');
    const res = await upload(id, bytes);
    expect(res.status).toBe(201);
    expect(res.body.scan).toBe('clean');
    expect(clamd.scanned.at(-1)).toEqual(bytes);
    const list = await (await as(ctx, 'kari')).get(`/api/applications/${id}/documents`);
    expect(list.body.map((d: { scan: string }) => d.scan)).toEqual(['clean']);
  });

  it('refuses a file with the EICAR test string: 422 naming the signature, and nothing is stored', async () => {
    const id = await karisCase();
    const before = await stored();
    // A PDF with the test string after its end (samplePdf's text drops its brackets and backslash).
    const res = await upload(id, Buffer.concat([samplePdf('Regnskap'), Buffer.from(`\n${EICAR}\n`, 'latin1')]));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:tilsagn:problem:document-infected', scan: 'refused', signature: 'Eicar-Test-Signature' });
    expect(res.body.detail).toContain('Eicar-Test-Signature');
    expect(await stored()).toEqual(before);
    const list = await (await as(ctx, 'kari')).get(`/api/applications/${id}/documents`);
    expect(list.body).toEqual([]);
  });

  it('answers 503 when the scanner cannot be reached, and stores nothing; uploads work again once it is back', async () => {
    const id = await karisCase();
    const before = await stored();
    const port = clamd.port;
    await clamd.stop();
    try {
      const res = await upload(id, samplePdf('Prosjektplan'));
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('urn:tilsagn:problem:scanner-unavailable');
      expect(res.body.detail).toContain(`clamd at 127.0.0.1:${port}`);
      expect(await stored()).toEqual(before);
    } finally {
      await clamd.start(port);
    }
    const again = await upload(id, samplePdf('Prosjektplan'));
    expect(again.status).toBe(201);
    expect(again.body.scan).toBe('clean');
  });
});
