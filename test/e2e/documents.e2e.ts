/**
 * Journey: documents beside the case and the dialogue with the applicant (issue 15, items 3 and 4).
 * The portal has sent a budget of two pages for Kari's case. Kari opens the Documents tab, opens
 * the PDF beside the list, turns to page 2 and writes a note on it, closes the viewer with Escape
 * (the focus goes back to the document), uploads a CSV through the form and reads it as a table (a
 * program named .pdf is refused in plain words), and asks the applicant a question: the case header says
 * it waits for the applicant with the reply-by date. The portal answers through the API with a
 * document; after a reload the case is back in review and the dialogue shows the answer with its
 * document, which opens in the viewer. Each screen is checked with axe and photographed.
 */
import PDFDocument from 'pdfkit';
import { sampleXlsx } from '../../backend/src/documents/testing';
import { caseHeader, expectAccessibleWhenStill, expectStatus, openTab, plain } from '../support/casework';
import { ConsoleApp, nb } from '../support/console-app';
import { eventually, logIn, screenshot, snackbar, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 3, assigned: { kari: 1 } });

/** A PDF of two pages, each saying which it is. */
function twoPagePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: 'Budsjett' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(24).text('Budsjett 2027 – side 1');
    doc.fontSize(12).text('Utstyr og materialer: 480 000 kr');
    doc.addPage();
    doc.fontSize(24).text('Lønnskostnader – side 2');
    doc.fontSize(12).text('Prosjektleder 60 % stilling: 540 000 kr');
    doc.end();
  });
}

/** Uploads a document for the applicant as the portal does (multipart, role intake). */
async function uploadAsPortal(
  app: ConsoleApp,
  caseId: string,
  file: { bytes: Buffer; name: string; type: string },
  kind: string,
  title: string,
): Promise<any> {
  const form = new FormData();
  form.set('kind', kind);
  form.set('title', title);
  form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = await fetch(`${app.baseUrl}/api/applications/${caseId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await app.token('portal')}` },
    body: form,
  });
  const body = await res.json();
  expect({ status: res.status, body }).toEqual({ status: 201, body: expect.objectContaining({ kind }) });
  return body;
}

const QUESTION = 'Send oss signert budsjett for 2027, og forklar lønnskostnadene på side 2.';
const ANSWER = 'Vedlagt er det signerte budsjettet. Lønnskostnadene gjelder prosjektleder i 60 % stilling.';

describe('documents and the dialogue with the applicant', () => {
  let caseId: string;
  let reference: string;
  let budgetId: string;

  e2e.test('Kari opens the PDF beside the case, turns to page 2 and writes a note on it', async () => {
    const { page, app } = e2e;
    const target = app.cases.find((c) => c.assignee === 'kari')!;
    caseId = target.id;
    reference = target.reference;
    expect((await app.api('kari', 'POST', `/api/applications/${caseId}/status`, { status: 'in_review' })).status).toBe(200);
    const budget = await uploadAsPortal(
      app,
      caseId,
      { bytes: await twoPagePdf(), name: 'budsjett-2027.pdf', type: 'application/pdf' },
      'budget',
      'Budsjett 2027',
    );
    budgetId = budget.id;

    await logIn(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/cases/${caseId}`);
    await visible(page.getByRole('heading', { level: 1, name: reference }));
    const panel = await openTab(page, 'documents');
    const open = await visible(panel.getByRole('button', { name: 'Budsjett 2027', exact: true }));
    const row = panel.locator('li.document').filter({ hasText: 'budsjett-2027.pdf' });
    await visible(row.getByText(nb('documents.kinds.budget'), { exact: true }));
    await visible(row.getByText('budsjett-2027.pdf', { exact: true }));
    await visible(row.getByText('Søknadsportalen', { exact: true }));
    await visible(panel.getByRole('heading', { name: nb('dialogue.title') }));
    await expectAccessibleWhenStill(page, 'the Documents tab');
    await screenshot(page, 'documents-tab');

    await open.click();
    const viewer = await visible(page.getByRole('region', { name: nb('documents.viewer.label', { name: 'Budsjett 2027' }) }));
    // The case stays on screen beside it.
    await visible(caseHeader(page));
    await visible(viewer.getByText(nb('documents.viewer.page', { page: 1, pages: 2 }), { exact: true }));
    await eventually(async () => expect(plain(await viewer.locator('[data-page-text]').textContent())).toContain('side 1'));
    await viewer.getByRole('button', { name: nb('documents.viewer.next'), exact: true }).click();
    await visible(viewer.getByText(nb('documents.viewer.page', { page: 2, pages: 2 }), { exact: true }));
    await eventually(async () =>
      expect(plain(await viewer.locator('[data-page-text]').textContent())).toContain('Lønnskostnader – side 2'),
    );
    // The page is drawn (pdf.js on a canvas, its worker served by the console itself).
    const drawn = await viewer.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0);
    expect(drawn).toBe(true);

    await viewer.getByRole('button', { name: nb('documents.notes.new', { page: 2 }) }).click();
    await viewer
      .getByRole('textbox', { name: nb('documents.notes.body') })
      .fill('Lønnskostnadene stemmer ikke med kostnadslinjene i søknaden.');
    await viewer.getByRole('button', { name: nb('documents.notes.save') }).click();
    await visible(viewer.getByText('Lønnskostnadene stemmer ikke med kostnadslinjene i søknaden.'));
    await visible(viewer.getByRole('heading', { name: nb('documents.notes.title', { page: 2 }) }));
    const notes = await app.api('kari', 'GET', `/api/applications/${caseId}/notes?anchorType=document`);
    expect(notes.body.map((n: any) => n.anchor)).toEqual([{ type: 'document', ref: `${budgetId}#p2` }]);
    await expectAccessibleWhenStill(page, 'the PDF beside the case, page 2 with its note');
    await viewer.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'document-viewer-page-2');

    // Page 1 has none of page 2's notes.
    await viewer.getByRole('button', { name: nb('documents.viewer.previous'), exact: true }).click();
    await visible(viewer.getByText(nb('documents.notes.none')));

    // Escape closes the viewer and the focus goes back to the document that opened it.
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    await eventually(async () => expect(await open.evaluate((el) => el === document.activeElement)).toBe(true));
  });

  e2e.test('Kari uploads a budget as CSV and sees it as a table; a program renamed .pdf is refused in plain words', async () => {
    const { page } = e2e;
    const panel = page.getByRole('tabpanel');
    const upload = panel.getByRole('form', { name: nb('documents.upload.title') });
    const fileInput = upload.locator('input[type=file]');

    // An executable with a PDF's name: refused (415), told as such, nothing listed.
    await fileInput.setInputFiles({
      name: 'budsjett.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00program'),
    });
    await upload.getByRole('button', { name: nb('documents.upload.submit') }).click();
    await visible(upload.getByRole('alert').getByText(nb('documents.upload.unsupported')));
    expect(await panel.locator('li.document').count()).toBe(1);

    const csv = 'Post;Beløp 2027;Merknad\nUtstyr og materialer;480 000;Innkjøp\nProsjektleder 60 %;540 000;"Lønn; sosiale kostnader"\n';
    await fileInput.setInputFiles({ name: 'kostnader.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await upload.getByRole('combobox', { name: nb('documents.upload.kind') }).click();
    await page.getByRole('option', { name: nb('documents.kinds.budget'), exact: true }).click();
    await upload.getByRole('textbox', { name: nb('documents.upload.titleField') }).fill('Kostnadsoversikt');
    await upload.getByRole('button', { name: nb('documents.upload.submit') }).click();
    await visible(snackbar(page).getByText(nb('documents.upload.done', { name: 'Kostnadsoversikt' })));
    const open = await visible(panel.getByRole('button', { name: 'Kostnadsoversikt', exact: true }));
    // Newest first.
    await eventually(async () => expect(await panel.locator('li.document').first().textContent()).toContain('kostnader.csv'));

    await open.click();
    const viewer = await visible(page.getByRole('region', { name: nb('documents.viewer.label', { name: 'Kostnadsoversikt' }) }));
    const table = await visible(viewer.getByRole('table'));
    await visible(table.getByRole('columnheader', { name: 'Beløp 2027' }));
    await visible(table.getByRole('cell', { name: 'Lønn; sosiale kostnader' }));
    await expectAccessibleWhenStill(page, 'a CSV file as a table beside the case');
    await screenshot(page, 'document-viewer-csv');
    await viewer.getByRole('button', { name: nb('documents.viewer.close') }).click();
    await viewer.waitFor({ state: 'detached' });
  });

  e2e.test('Kari asks the applicant a question: the case waits for them, the deadline paused', async () => {
    const { page } = e2e;
    const dialogue = page.getByRole('region', { name: nb('dialogue.title') });
    await dialogue.getByRole('textbox', { name: nb('dialogue.ask.message') }).fill(QUESTION);
    const replyBy = dialogue.getByRole('textbox', { name: nb('dialogue.ask.replyBy') });
    await visible(replyBy);
    // 14 days ahead unless she chooses otherwise.
    const expected = new Date(Date.now() + 14 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const shown = `${pad(expected.getDate())}.${pad(expected.getMonth() + 1)}`;
    expect(await replyBy.inputValue()).toBe(`${shown}.${expected.getFullYear()}`);
    await dialogue.getByRole('button', { name: nb('dialogue.ask.submit') }).click();
    await visible(snackbar(page).getByText(nb('dialogue.ask.done')));
    await expectStatus(page, 'awaiting_applicant');
    const awaiting = await visible(caseHeader(page).locator('.awaiting'));
    // The icon's ligature is text too: the sentence is what follows it.
    expect(plain(await awaiting.textContent())).toContain(nb('case.awaiting', { date: shown }));
    await visible(dialogue.getByText(QUESTION));
    await visible(dialogue.getByText(nb('dialogue.status.open'), { exact: true }));
    // The form is gone with the status: the keyboard is on the question just sent.
    const [asked] = (await e2e.app.api('kari', 'GET', `/api/applications/${caseId}/information-requests`)).body;
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe(`request-${asked.id}`));
    await expectAccessibleWhenStill(page, 'the case waiting for the applicant');
    await screenshot(page, 'dialogue-question-sent');
  });

  e2e.test('the portal answers with a document: after a reload the case is back in review and the answer shows', async () => {
    const { page, app } = e2e;
    const requests = await app.api('kari', 'GET', `/api/applications/${caseId}/information-requests`);
    expect(requests.body).toHaveLength(1);
    const signed = await uploadAsPortal(
      app,
      caseId,
      { bytes: await twoPagePdf(), name: 'budsjett-signert.pdf', type: 'application/pdf' },
      'reply',
      'Signert budsjett',
    );
    const sheet = await uploadAsPortal(
      app,
      caseId,
      { bytes: sampleXlsx(), name: 'personal.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      'reply',
      'Personalkostnader',
    );
    const reply = await app.api('portal', 'POST', `/api/applications/${caseId}/information-requests/${requests.body[0].id}/reply`, {
      message: ANSWER,
      documentIds: [signed.id, sheet.id],
    });
    expect(reply.status).toBe(201);

    await page.reload();
    await expectStatus(page, 'in_review');
    await caseHeader(page).locator('.awaiting').waitFor({ state: 'detached' });
    const dialogue = page.getByRole('region', { name: nb('dialogue.title') });
    await visible(dialogue.getByText(ANSWER));
    await visible(dialogue.getByText(nb('dialogue.status.answered'), { exact: true }));
    const attachment = await visible(dialogue.getByRole('button', { name: nb('dialogue.openAttachment', { name: 'Signert budsjett' }) }));
    await expectAccessibleWhenStill(page, 'the dialogue with the answer');
    await screenshot(page, 'dialogue-answered');

    await attachment.click();
    const viewer = await visible(page.getByRole('region', { name: nb('documents.viewer.label', { name: 'Signert budsjett' }) }));
    await visible(viewer.getByText(nb('documents.viewer.page', { page: 1, pages: 2 }), { exact: true }));
    await expectAccessibleWhenStill(page, 'the answer’s document beside the case');
    await screenshot(page, 'dialogue-answer-document');
    await viewer.getByRole('button', { name: nb('documents.viewer.close') }).click();
    await viewer.waitFor({ state: 'detached' });
    await eventually(async () => expect(await attachment.evaluate((el) => el === document.activeElement)).toBe(true));

    // The spreadsheet the applicant sent opens as a table (read-excel-file in the browser).
    await dialogue.getByRole('button', { name: nb('dialogue.openAttachment', { name: 'Personalkostnader' }) }).click();
    const sheetViewer = await visible(page.getByRole('region', { name: nb('documents.viewer.label', { name: 'Personalkostnader' }) }));
    const table = await visible(sheetViewer.getByRole('table'));
    await visible(table.getByRole('columnheader', { name: 'Personalkostnader', exact: true }));
    await visible(table.getByRole('columnheader', { name: '1020000', exact: true }));
    await expectAccessibleWhenStill(page, 'a spreadsheet from the applicant beside the case');
    await screenshot(page, 'dialogue-answer-spreadsheet');
  });
});
