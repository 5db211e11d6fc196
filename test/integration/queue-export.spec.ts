import ExcelJS from 'exceljs';
import type { Actor } from '../../backend/src/auth/actor';
import { QueueService } from '../../backend/src/queue/queue.service';
import { startTestApp, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function download(user: string, query: string) {
  const client = await as(ctx, user);
  return client.get(`/api/applications/export?${query}`).buffer(true).parse(binary);
}

/** A CSV's rows as fields (the export quotes only fields that need it; none of these has a ; inside quotes). */
function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';'));
}

describe('the export of a queue view', () => {
  const TOTAL = 23;

  beforeAll(async () => {
    for (let i = 0; i < TOTAL; i++) {
      await newApplication(ctx, (d) => {
        d.receivedAt = new Date(Date.UTC(2026, 2, 2 + i, 9)).toISOString();
        d.applicant.name = `${i % 3 === 0 ? 'Eksportfisk' : 'Annet'} Verksted ${i} AS`;
        d.aid.requestedAmountNok = 200000 + i * 1000;
        if (i === 4) d.project.title = '=HYPERLINK("http://evil.example","klikk")';
        if (i === 5) d.project.title = '@SUM(1+1) og mer';
      });
    }
  });

  it('gives every case of the view as CSV: BOM, ; separated, Norwegian headings, a file name', async () => {
    const res = await download('kari', 'format=csv&sort=receivedAt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="saker-utvalg-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [heading, ...rows] = csvRows(text);
    expect(heading).toEqual([
      'Referanse',
      'Søker',
      'Org.nr.',
      'Tittel',
      'Status',
      'Statuskode',
      'Størrelse',
      'Vedtak',
      'Returnert',
      'Saksbehandler',
      'Mottatt',
      'Frist',
      'Omsøkt beløp (NOK)',
      'Maks støtte (NOK)',
    ]);
    expect(rows).toHaveLength(TOTAL);
    // Sorted as asked; the first case received 2 March 2026 at 09:00 UTC, 10:00 in Norway.
    expect(rows[0][1]).toBe('Eksportfisk Verksted 0 AS');
    // Labels as the console shows them, the status code beside them for machines.
    expect(rows[0].slice(4, 9)).toEqual(['Mottatt', 'received', 'Liten', '', 'Nei']);
    // The date as Norwegians write it, the amount a plain number.
    expect(rows[0][10]).toBe('02.03.2026 10:00');
    expect(rows[0][11]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(rows[0][12]).toBe('200000');
    expect(rows.every((r) => /^PIO-\d{4}-\d{6,}$/.test(r[0]))).toBe(true);
  });

  it('keeps to the filters and the headings in English when asked', async () => {
    const res = await download('kari', 'format=csv&q=eksportfisk&lang=en');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="cases-selection-/);
    const [heading, ...rows] = csvRows((res.body as Buffer).toString('utf8'));
    expect(heading.slice(0, 9)).toEqual([
      'Reference',
      'Applicant',
      'Org. number',
      'Title',
      'Status',
      'Status code',
      'Size class',
      'Decision',
      'Returned',
    ]);
    expect(rows).toHaveLength(Math.ceil(TOTAL / 3));
    expect(rows.every((r) => r[1].startsWith('Eksportfisk'))).toBe(true);
    // Labels and dates in English (en-GB), the status code the same in both languages.
    expect(rows[0].slice(4, 9)).toEqual(['Received', 'received', 'Small', '', 'No']);
    expect(rows[0][10]).toBe('02/03/2026 10:00');
  });

  it('writes a text that looks like a formula as text (a leading apostrophe)', async () => {
    const csv = (await download('kari', 'format=csv&q=verksted 4 as')).body.toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""klikk"")"`);
    expect(csv).not.toMatch(/;=HYPERLINK/);
    const xlsx = await download('kari', 'format=xlsx&q=verksted 5 as');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(2).getCell(4).value).toBe("'@SUM(1+1) og mer");
    expect(sheet.getRow(2).getCell(4).formula).toBeUndefined();
  });

  it('gives the same view as an Excel workbook, every row, with numbers and dates as such', async () => {
    const res = await download('ingrid', 'format=xlsx&status=received&sort=-requestedAmount');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/filename="saker-utvalg-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Saker');
    expect(sheet.actualRowCount).toBe(TOTAL + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('Referanse');
    const row = sheet.getRow(2);
    expect(row.getCell(5).value).toBe('Mottatt');
    expect(row.getCell(6).value).toBe('received');
    // The amount a number, the dates date cells in the Norwegian format.
    expect(row.getCell(13).value).toBe(200000 + (TOTAL - 1) * 1000);
    expect(row.getCell(11).value).toBeInstanceOf(Date);
    expect(row.getCell(11).numFmt).toBe('dd.mm.yyyy hh:mm');
    expect(row.getCell(12).value).toBeInstanceOf(Date);
    expect(row.getCell(12).numFmt).toBe('dd.mm.yyyy');
  });

  it('walks the keyset pages of the view, every case once, whatever the page size', async () => {
    const [kari] = await ctx.db.query(`SELECT id, username FROM app_user WHERE username = 'kari'`);
    const actor = { ...kari, roles: ['caseworker'], displayName: 'Kari' } as unknown as Actor;
    const pages: string[][] = [];
    for await (const page of ctx.app.get(QueueService).pages({ sort: '-applicantName' }, actor, 4)) pages.push(page.map((i) => i.id));
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 4, 4, 3]);
    const expected = await ctx.db.query(`SELECT id FROM application ORDER BY applicant_name DESC, id DESC`);
    expect(pages.flat()).toEqual(expected.map((r: { id: string }) => r.id));
  });

  it('refuses the portal, a queue not of the caller, a missing format and the queue paging', async () => {
    const portal = await download('portal', 'format=csv');
    expect(portal.status).toBe(403);
    expect(JSON.parse(portal.body.toString('utf8')).type).toBe('urn:tilsagn:problem:role-required');
    expect((await download('kari', 'format=csv&queue=to-approve')).status).toBe(403);
    const bad = await download('kari', 'format=pdf&limit=10&status=nonsense');
    expect(bad.status).toBe(400);
    const paths = JSON.parse(bad.body.toString('utf8')).errors.map((e: { path: string }) => e.path);
    expect(paths.sort()).toEqual(['$.format', '$.limit', '$.status']);
  });
});
