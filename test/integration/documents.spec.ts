import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Response } from 'supertest';
import { SAMPLE_FILES, sampleCsv, sampleExecutable, samplePdf, sampleXlsx, zip } from '../../backend/src/documents/testing';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

/**
 * Documents on a case (docs/api.md, "Documents"): uploads stream in, are recognised by their bytes
 * and stored once by their SHA-256; anything else is refused with nothing stored; downloads carry
 * the content type, ETag and file name; only the portal and the assigned caseworker add them.
 */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A case received through the portal and taken by kari. */
async function karisCase(): Promise<string> {
  const app = await newApplication(ctx);
  const kari = await as(ctx, 'kari');
  expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari', version: app.version })).status).toBe(200);
  return app.id;
}

interface Upload {
  bytes: Buffer;
  fileName?: string;
  /** What the client says the file is (the API does not believe it). */
  clientType?: string;
  kind?: string;
  title?: string;
  /** Send the fields after the file rather than before. */
  fieldsLast?: boolean;
}

async function upload(username: string, caseId: string, u: Upload): Promise<Response> {
  let req = ctx.http.post(`/api/applications/${caseId}/documents`).set('authorization', `Bearer ${await ctx.token(username)}`);
  const fields = () => {
    if (u.kind !== undefined) req = req.field('kind', u.kind);
    if (u.title !== undefined) req = req.field('title', u.title);
  };
  if (!u.fieldsLast) fields();
  req = req.attach('file', u.bytes, { filename: u.fileName ?? 'fil.bin', contentType: u.clientType ?? 'application/octet-stream' });
  if (u.fieldsLast) fields();
  return req;
}

/** Rows of the document tables, to show that a refusal stores nothing. */
async function stored(): Promise<{ documents: number; blobs: number; chunks: number }> {
  const [row] = await ctx.db.query(
    `SELECT (SELECT count(*)::int FROM document) AS documents, (SELECT count(*)::int FROM document_blob) AS blobs,
            (SELECT count(*)::int FROM document_blob_chunk) AS chunks`,
  );
  return row;
}

describe('uploading a document', () => {
  it('stores each allowed kind, recognised by its bytes, whatever the file is called and whatever the client says it is', async () => {
    const id = await karisCase();
    for (const sample of SAMPLE_FILES) {
      const bytes = sample.bytes();
      const res = await upload('portal', id, {
        bytes,
        fileName: `vedlegg-${sample.format}.dat`,
        kind: 'other',
        title: `Prøve ${sample.format}`,
      });
      expect({ format: sample.format, status: res.status }).toEqual({ format: sample.format, status: 201 });
      expect(res.body).toEqual({
        id: expect.any(String),
        kind: 'other',
        title: `Prøve ${sample.format}`,
        fileName: `vedlegg-${sample.format}.dat`,
        contentType: sample.contentType,
        size: bytes.length,
        sha256: sha256(bytes),
        uploadedAt: expect.any(String),
        uploadedBy: 'portal',
        uploadedByName: expect.any(String),
        enteredInError: false,
        errorReason: null,
        markedInErrorBy: null,
        markedInErrorAt: null,
        scan: 'not_scanned', // no malware scanner configured (document-scan.spec.ts has one)
      });
    }
    // An XLSX as streaming writers make it (sizes after each entry's data) is still an XLSX.
    const streamed = await upload('kari', id, { bytes: sampleXlsx({ dataDescriptors: true }), fileName: 'budsjett.xlsx', kind: 'budget' });
    expect(streamed.status).toBe(201);
    expect(streamed.body.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // The form's fields may come after the file.
    const fieldsLast = await upload('kari', id, {
      bytes: sampleCsv(),
      fileName: 'tall.csv',
      kind: 'annual-accounts',
      title: 'Tall',
      fieldsLast: true,
    });
    expect(fieldsLast.status).toBe(201);
    expect(fieldsLast.body).toMatchObject({ kind: 'annual-accounts', title: 'Tall', contentType: 'text/csv' });
  });

  it('refuses a renamed executable, a plain ZIP, a macro workbook and binary "text" with 415, and stores nothing', async () => {
    const id = await karisCase();
    const before = await stored();
    const plainZip = zip([{ name: 'readme.txt', data: 'hei' }]);
    const macro = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/vbaProject.bin', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) },
    ]);
    const notUtf8 = Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0xe6, 0xf8, 0xe5, 0x0a]); // latin-1 æøå
    const cases: [string, Buffer, string][] = [
      ['renamed executable', sampleExecutable(), 'arsregnskap.pdf'],
      ['plain ZIP', plainZip, 'budsjett.xlsx'],
      ['macro-enabled workbook', macro, 'budsjett.xlsx'],
      ['not UTF-8', notUtf8, 'tall.csv'],
      ['text with a NUL', Buffer.from('a;b\n1;\u00002\n'), 'tall.csv'],
      ['an ELF binary', Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), 'x.png'],
      ['empty', Buffer.alloc(0), 'tom.pdf'],
    ];
    for (const [what, bytes, fileName] of cases) {
      const res = await upload('portal', id, { bytes, fileName, clientType: 'application/pdf', kind: 'annual-accounts' });
      expect({ what, status: res.status, type: res.body.type }).toEqual({
        what,
        status: 415,
        type: 'urn:tilsagn:problem:unsupported-document-type',
      });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses a bad form with 400 naming the field, before or after the file, and stores nothing', async () => {
    const id = await karisCase();
    const before = await stored();
    const pdf = samplePdf('skjema');
    const noKind = await upload('portal', id, { bytes: pdf, fileName: 'a.pdf' });
    expect(noKind.status).toBe(400);
    expect(noKind.body.errors).toEqual([
      { path: '$.kind', message: 'kind must be one of annual-accounts, budget, project-plan, reply, other' },
    ]);
    const badKindLast = await upload('portal', id, { bytes: pdf, fileName: 'a.pdf', kind: 'invoice', fieldsLast: true });
    expect(badKindLast.status).toBe(400);
    expect(badKindLast.body.errors[0].path).toBe('$.kind');
    const longTitle = await upload('portal', id, { bytes: pdf, fileName: 'a.pdf', kind: 'other', title: 'x'.repeat(201) });
    expect(longTitle.status).toBe(400);
    expect(longTitle.body.errors[0].path).toBe('$.title');
    const noFile = await ctx.http
      .post(`/api/applications/${id}/documents`)
      .set('authorization', `Bearer ${await ctx.token('portal')}`)
      .field('kind', 'other');
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors).toEqual([{ path: '$.file', message: 'the file is missing: send it in the field file' }]);
    const twoFiles = await ctx.http
      .post(`/api/applications/${id}/documents`)
      .set('authorization', `Bearer ${await ctx.token('portal')}`)
      .field('kind', 'other')
      .attach('file', pdf, 'a.pdf')
      .attach('file', pdf, 'b.pdf');
    expect(twoFiles.status).toBe(400);
    // JSON is not an upload, and multipart is refused by every other route.
    const json = await ctx.http
      .post(`/api/applications/${id}/documents`)
      .set('authorization', `Bearer ${await ctx.token('portal')}`)
      .send({ kind: 'other' });
    expect(json.status).toBe(415);
    expect(json.body.type).toBe('urn:tilsagn:problem:multipart-required');
    const formToNotes = await ctx.http
      .post(`/api/applications/${id}/notes`)
      .set('authorization', `Bearer ${await ctx.token('kari')}`)
      .field('body', 'hei')
      .attach('file', pdf, 'a.pdf');
    expect(formToNotes.status).toBe(415);
    expect(await stored()).toEqual(before);
  });

  it('refuses 30 MB streamed in with 413, stores nothing, and reads it without holding it in memory', async () => {
    const id = await karisCase();
    const before = await stored();
    const server = ctx.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const token = await ctx.token('portal');
    const boundary = '----tilsagn-test-boundary';
    const total = 30 * 1024 * 1024;
    // What stays allocated after a full collection, measured at every 4 MB the client has sent
    // (the server is then a socket buffer behind): were the upload held whole anywhere, it would
    // grow by the 25 MB read before the refusal.
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const memory = async () => {
      // Twice, a turn apart: the backing stores of dead buffers are freed by a task after the collection.
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const baseline = await memory();
    let peak = baseline;
    /** The form, made as it is sent (chunked, no Content-Length): a PDF header, then zeros. */
    async function* body() {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nannual-accounts\r\n`);
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="stor.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      yield Buffer.from('%PDF-1.7\n');
      const block = Buffer.alloc(64 * 1024);
      for (let sent = 0; sent < total; sent += block.length) {
        if (sent % (4 * 1024 * 1024) === 0) peak = Math.max(peak, await memory());
        yield Buffer.from(block);
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const answer = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/applications/${id}/documents`,
          headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        },
      );
      req.on('error', reject);
      pipeline(Readable.from(body()), req).catch(reject);
    });
    expect(answer.status).toBe(413);
    expect(answer.body.type).toBe('urn:tilsagn:problem:document-too-large');
    const grew = peak - baseline;
    process.stdout.write(
      `[documents] 30 MB upload refused; memory held grew by at most ${(grew / 1024 / 1024).toFixed(1)} MB while it streamed\n`,
    );
    expect(grew).toBeLessThan(8 * 1024 * 1024);
    expect(await stored()).toEqual(before);

    // A declared length over the limit is refused before a byte of the body is read.
    const declared = await ctx.http
      .post(`/api/applications/${id}/documents`)
      .set('authorization', `Bearer ${token}`)
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .set('content-length', String(26 * 1024 * 1024))
      .send(`--${boundary}--\r\n`.padEnd(16, ' '))
      .catch((error: { response?: Response }) => error.response);
    if (declared) expect(declared.status).toBe(413);
  });

  it('stores the same file once, however often and by whomever it comes', async () => {
    const id = await karisCase();
    const other = await newApplication(ctx);
    const bytes = samplePdf(`Prosjektplan ${randomUUID()}`);
    const before = await stored();
    const first = await upload('portal', id, { bytes, fileName: 'plan.pdf', kind: 'other' });
    const again = await upload('kari', id, { bytes, fileName: 'plan-igjen.pdf', kind: 'project-plan' });
    const elsewhere = await upload('portal', other.id, { bytes, fileName: 'plan.pdf', kind: 'other' });
    expect([first.status, again.status, elsewhere.status]).toEqual([201, 201, 201]);
    expect(new Set([first.body.sha256, again.body.sha256, elsewhere.body.sha256])).toEqual(new Set([sha256(bytes)]));
    expect(await stored()).toEqual({ documents: before.documents + 3, blobs: before.blobs + 1, chunks: before.chunks + 1 });
    const [blob] = await ctx.db.query(`SELECT size, chunks FROM document_blob WHERE sha256 = $1`, [sha256(bytes)]);
    expect(blob).toEqual({ size: bytes.length, chunks: 1 });
  });

  it('serves the bytes with their content type, a strong ETag, the file name, and 304 for If-None-Match', async () => {
    const id = await karisCase();
    // Larger than one stored chunk and than a JSON body may be: 3 MB of CSV.
    const line = 'konto;beskrivelse;beløp\n';
    const csv = Buffer.from(line.repeat(Math.ceil((3 * 1024 * 1024) / Buffer.byteLength(line))), 'utf8');
    const created = await upload('kari', id, { bytes: csv, fileName: 'Regnskap 2025 – «endelig».csv', kind: 'annual-accounts' });
    expect(created.status).toBe(201);
    const [blob] = await ctx.db.query(`SELECT chunks FROM document_blob WHERE sha256 = $1`, [sha256(csv)]);
    expect(blob.chunks).toBeGreaterThan(1);
    const ingrid = await as(ctx, 'ingrid');
    const url = `/api/applications/${id}/documents/${created.body.id}/content`;
    const res = await ingrid.get(url).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers.etag).toBe(`"${sha256(csv)}"`);
    expect(res.headers['content-length']).toBe(String(csv.length));
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Regnskap 2025 _ _endelig_.csv"; filename*=UTF-8''Regnskap%202025%20%E2%80%93%20%C2%ABendelig%C2%BB.csv`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Buffer.compare(res.body as Buffer, csv)).toBe(0);
    const notModified = await ingrid.get(url).set('if-none-match', `W/"x", "${sha256(csv)}"`);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(`"${sha256(csv)}"`);
    const changed = await ingrid.get(url).set('if-none-match', '"another"');
    expect(changed.status).toBe(200);

    const pdf = await upload('portal', id, { bytes: samplePdf('Årsregnskap'), fileName: 'ar.pdf', kind: 'annual-accounts' });
    const pdfRes = await ingrid.get(`/api/applications/${id}/documents/${pdf.body.id}/content`).buffer(true).parse(binary);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(pdfRes.body, samplePdf('Årsregnskap'))).toBe(0);

    // Newest first, to caseworkers, approvers and managers; the portal reads nothing of a case.
    const list = await (await as(ctx, 'leder')).get(`/api/applications/${id}/documents`);
    expect(list.status).toBe(200);
    expect(list.body.map((d: { id: string }) => d.id)).toEqual([pdf.body.id, created.body.id]);
    expect((await (await as(ctx, 'portal')).get(`/api/applications/${id}/documents`)).status).toBe(403);
    expect((await ingrid.get(`/api/applications/${id}/documents/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/content`)).status).toBe(
      404,
    );
  });

  it('is for the portal and the assigned caseworker only, on an open case', async () => {
    const id = await karisCase();
    const pdf = { bytes: samplePdf(), fileName: 'a.pdf', kind: 'other' };
    expect((await upload('portal', id, pdf)).status).toBe(201);
    expect((await upload('kari', id, pdf)).status).toBe(201);
    const ola = await upload('ola', id, pdf);
    expect({ status: ola.status, type: ola.body.type }).toEqual({ status: 403, type: 'urn:tilsagn:problem:not-assigned' });
    const leder = await upload('leder', id, pdf);
    expect({ status: leder.status, type: leder.body.type }).toEqual({ status: 403, type: 'urn:tilsagn:problem:role-required' });
    const unassigned = await newApplication(ctx);
    expect((await upload('kari', unassigned.id, pdf)).status).toBe(403);
    expect((await upload('portal', unassigned.id, pdf)).status).toBe(201);
    // A closed case takes no more documents.
    const kari = await as(ctx, 'kari');
    expect(
      (
        await kari.post(`/api/applications/${id}/status`, {
          status: 'withdrawn',
          comment: 'Trukket',
          version: (await kari.get(`/api/applications/${id}`)).body.version,
        })
      ).status,
    ).toBe(200);
    const closed = await upload('portal', id, pdf);
    expect({ status: closed.status, type: closed.body.type }).toEqual({ status: 409, type: 'urn:tilsagn:problem:case-closed' });
  });

  it('records each upload as an event of the case without moving its version, and marks documents entered in error, never deleting them', async () => {
    const id = await karisCase();
    const kari = await as(ctx, 'kari');
    const { version } = (await kari.get(`/api/applications/${id}`)).body;
    const doc = await upload('portal', id, { bytes: samplePdf('feil'), fileName: 'feil.pdf', kind: 'budget', title: 'Budsjett' });
    expect(doc.status).toBe(201);
    expect((await kari.get(`/api/applications/${id}`)).body.version).toBe(version);
    const timeline = await kari.get(`/api/applications/${id}/timeline?kind=document`);
    expect(timeline.body.map((e: any) => [e.actor, e.data.documentId, e.data.after.sha256, e.summary.nb])).toEqual([
      ['portal', doc.body.id, doc.body.sha256, 'Dokument lagt til: feil.pdf'],
    ]);

    const url = `/api/applications/${id}/documents/${doc.body.id}/entered-in-error`;
    expect((await kari.post(url, { reason: ' ' })).status).toBe(400);
    expect((await (await as(ctx, 'ola')).post(url, { reason: 'Feil sak' })).status).toBe(403);
    const marked = await kari.post(url, { reason: 'Feil sak' });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ enteredInError: true, errorReason: 'Feil sak', markedInErrorBy: 'kari' });
    expect((await kari.post(url, { reason: 'Igjen' })).status).toBe(409);
    // Still listed, still readable, and the database refuses to delete it or to change it back.
    const list = await kari.get(`/api/applications/${id}/documents`);
    expect(list.body.find((d: any) => d.id === doc.body.id)).toMatchObject({ enteredInError: true });
    expect((await kari.get(`/api/applications/${id}/documents/${doc.body.id}/content`)).status).toBe(200);
    await expect(ctx.db.query(`DELETE FROM document WHERE id = $1`, [doc.body.id])).rejects.toThrow(/documents are never deleted/);
    await expect(ctx.db.query(`UPDATE document SET entered_in_error = false WHERE id = $1`, [doc.body.id])).rejects.toThrow(
      /entered in error, once/,
    );
    await expect(ctx.db.query(`DELETE FROM document_blob_chunk`)).rejects.toThrow(/append-only/);
    const events = await kari.get(`/api/applications/${id}/timeline?kind=document`);
    expect(events.body.map((e: any) => e.summary.en)).toEqual(['Document added: feil.pdf', 'Document marked as entered in error']);
    expect((await kari.get(`/api/applications/${id}`)).body.version).toBe(version);
    const audit = await (await as(ctx, 'leder')).get('/api/audit/verify');
    expect(audit.body.ok).toBe(true);
  });
});

function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
