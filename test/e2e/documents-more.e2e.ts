/**
 * Journey: more of the Documents tab (issue 15, item 3). The portal has sent an organisation chart
 * (PNG) and an annual accounts PDF for Kari's case. Kari sees each document's malware scan in words
 * and icon, opens the image beside the case, and marks the accounts as entered in error with a
 * reason: the document is struck through and labelled with the reason, and still opens. On a
 * decided case the decision letters are listed among the documents and the bokmål letter opens
 * beside the case. In English the tab speaks English throughout. Each screen is checked with axe
 * and photographed.
 */
import PDFDocument from 'pdfkit';
import { deflateSync } from 'node:zlib';
import { caseHeader, expectAccessibleWhenStill, openTab, plain } from '../support/casework';
import { ConsoleApp, en, nb } from '../support/console-app';
import { eventually, logIn, screenshot, snackbar, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 3, assigned: { kari: 2 } });

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A 240x140 PNG: three coloured boxes on white, like a small organisation chart. */
function chartPng(): Buffer {
  const width = 240;
  const height = 140;
  const boxes = [
    { x: 90, y: 10, w: 60, h: 35, rgb: [25, 90, 160] },
    { x: 20, y: 90, w: 60, h: 35, rgb: [40, 130, 70] },
    { x: 160, y: 90, w: 60, h: 35, rgb: [170, 80, 30] },
  ];
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3, 255);
    row[0] = 0;
    for (let x = 0; x < width; x++) {
      const box = boxes.find((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
      const line = (x === 120 && y >= 45 && y < 70) || (y === 70 && x >= 50 && x <= 190) || ((x === 50 || x === 190) && y > 70 && y < 90);
      const rgb = box ? box.rgb : line ? [60, 60, 60] : null;
      if (rgb) row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function accountsPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: 'Årsregnskap' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(24).text('Årsregnskap 2025 (feil selskap)');
    doc.fontSize(12).text('Driftsinntekter: 3 200 000 kr');
    doc.end();
  });
}

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

const REASON = 'Årsregnskapet gjelder et annet selskap.';

describe('images, documents entered in error, decision letters and English in the Documents tab', () => {
  let caseId: string;
  let decidedId: string;
  let decidedReference: string;

  e2e.test('Kari sees each document’s malware scan and opens the organisation chart (PNG) beside the case', async () => {
    const { page, app } = e2e;
    const [mine, decided] = app.cases.filter((c) => c.assignee === 'kari');
    caseId = mine.id;
    decidedId = decided.id;
    decidedReference = decided.reference;
    expect((await app.api('kari', 'POST', `/api/applications/${caseId}/status`, { status: 'in_review' })).status).toBe(200);
    await uploadAsPortal(
      app,
      caseId,
      { bytes: await accountsPdf(), name: 'arsregnskap-2025.pdf', type: 'application/pdf' },
      'annual-accounts',
      'Årsregnskap 2025',
    );
    await uploadAsPortal(
      app,
      caseId,
      { bytes: chartPng(), name: 'organisasjonskart.png', type: 'image/png' },
      'other',
      'Organisasjonskart',
    );

    await logIn(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/cases/${caseId}`);
    await visible(page.getByRole('heading', { level: 1, name: mine.reference }));
    const panel = await openTab(page, 'documents');
    const chartRow = panel.locator('li.document').filter({ hasText: 'organisasjonskart.png' });
    // No scanner is configured here: each document says so in words, beside an icon.
    const scan = await visible(chartRow.locator('dd.scan'));
    expect(plain(await scan.textContent())).toContain(nb('documents.scan.not_scanned'));
    expect(await scan.locator('mat-icon').getAttribute('aria-hidden')).toBe('true');
    expect(await panel.locator('dd.scan', { hasText: nb('documents.scan.not_scanned') }).count()).toBe(2);

    await panel.getByRole('button', { name: 'Organisasjonskart', exact: true }).click();
    const viewer = await visible(page.getByRole('region', { name: nb('documents.viewer.label', { name: 'Organisasjonskart' }) }));
    await visible(caseHeader(page));
    const image = await visible(viewer.getByRole('img', { name: nb('documents.viewer.image', { name: 'Organisasjonskart' }) }));
    await eventually(async () =>
      expect(
        await image.evaluate((img: HTMLImageElement) => ({ complete: img.complete, width: img.naturalWidth, height: img.naturalHeight })),
      ).toEqual({
        complete: true,
        width: 240,
        height: 140,
      }),
    );
    await expectAccessibleWhenStill(page, 'a PNG image beside the case');
    await screenshot(page, 'document-viewer-image');
    await viewer.getByRole('button', { name: nb('documents.viewer.close') }).click();
    await viewer.waitFor({ state: 'detached' });
  });

  e2e.test('Kari marks the annual accounts as entered in error with a reason: struck through, labelled, still openable', async () => {
    const { page, app } = e2e;
    const panel = page.getByRole('tabpanel');
    const row = panel.locator('li.document').filter({ hasText: 'arsregnskap-2025.pdf' });
    // Its accessible name says which document (the visible words are the same on every row).
    const mark = row.getByRole('button', { name: new RegExp(`^${nb('documents.markInError')}\\W*Årsregnskap 2025$`) });
    await mark.click();
    // A reason is required.
    await row.getByRole('button', { name: nb('documents.confirmMark') }).click();
    await visible(row.getByText(nb('documents.reasonRequired')));
    await row.getByRole('textbox', { name: nb('documents.reason') }).fill(REASON);
    await row.getByRole('button', { name: nb('documents.confirmMark') }).click();
    await visible(snackbar(page).getByText(nb('documents.marked', { name: 'Årsregnskap 2025' })));
    await visible(row.getByText(nb('documents.enteredInError', { reason: REASON })));
    // Struck through, not only told by colour: the name is in <s> and the reason is written out.
    await visible(row.locator('button s', { hasText: 'Årsregnskap 2025' }));
    const docs = await app.api('kari', 'GET', `/api/applications/${caseId}/documents`);
    expect(docs.body.find((d: any) => d.fileName === 'arsregnskap-2025.pdf')).toMatchObject({
      enteredInError: true,
      errorReason: REASON,
      markedInErrorBy: 'kari',
    });
    await expectAccessibleWhenStill(page, 'a document entered in error');
    await screenshot(page, 'document-entered-in-error');

    // Still openable: the record is kept.
    await row.getByRole('button', { name: 'Årsregnskap 2025', exact: true }).click();
    const viewer = await visible(page.getByRole('region', { name: nb('documents.viewer.label', { name: 'Årsregnskap 2025' }) }));
    await visible(viewer.getByText(nb('documents.viewer.page', { page: 1, pages: 1 }), { exact: true }));
    await eventually(async () => expect(plain(await viewer.locator('[data-page-text]').textContent())).toContain('feil selskap'));
    await viewer.getByRole('button', { name: nb('documents.viewer.close') }).click();
    await viewer.waitFor({ state: 'detached' });
  });

  e2e.test('on a decided case the decision letters are listed among the documents, and the bokmål letter opens', async () => {
    const { page, app } = e2e;
    const call = async (user: string, path: string, body: unknown) => {
      const res = await app.api(user, 'POST', path, body);
      if (res.status >= 300) throw new Error(`${user} POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await call('kari', `/api/applications/${decidedId}/status`, { status: 'in_review' });
    await call('kari', `/api/applications/${decidedId}/recommendation`, {
      outcome: 'reject',
      justification: 'Andre søknader gir mer.',
      grounds: ['PRIORITY'],
      priorityReason: 'Lavere samfunnsnytte.',
    });
    await call('ingrid', `/api/applications/${decidedId}/decision`, { action: 'approve' });

    await page.goto(`${app.baseUrl}/cases/${decidedId}`);
    await visible(page.getByRole('heading', { level: 1, name: decidedReference }));
    const panel = await openTab(page, 'documents');
    const letterNb = await visible(panel.getByRole('button', { name: nb('documents.letterNb'), exact: true }));
    await visible(panel.getByRole('button', { name: nb('documents.letterEn'), exact: true }));
    const letterRow = panel.locator('li.document').filter({ hasText: nb('documents.letterNb') });
    await visible(letterRow.getByText(nb('documents.kinds.letter'), { exact: true }));
    await expectAccessibleWhenStill(page, 'the decision letters among the documents');

    await letterNb.click();
    const viewer = await visible(page.getByRole('region', { name: nb('documents.viewer.label', { name: nb('documents.letterNb') }) }));
    await visible(viewer.getByText(/Side 1 av \d+/).first());
    await eventually(async () => expect(plain(await viewer.locator('[data-page-text]').textContent())).toContain(decidedReference));
    const drawn = await viewer.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0);
    expect(drawn).toBe(true);
    await expectAccessibleWhenStill(page, 'the decision letter beside the case');
    await screenshot(page, 'document-viewer-decision-letter');
    await viewer.getByRole('button', { name: nb('documents.viewer.close') }).click();
    await viewer.waitFor({ state: 'detached' });
  });

  e2e.test(
    'in English the Documents tab speaks English: kinds, scan, the letters and the reason of a document entered in error',
    async () => {
      const { page, app } = e2e;
      await page
        .getByRole('radiogroup', { name: nb('language.label') })
        .getByRole('radio', { name: 'English' })
        .click();
      const panel = page.getByRole('tabpanel');
      await visible(panel.getByRole('heading', { name: en('documents.title'), exact: true }));
      await visible(panel.getByRole('button', { name: en('documents.letterEn'), exact: true }));
      await visible(panel.getByRole('button', { name: en('documents.letterNb'), exact: true }));
      await visible(panel.locator('li.document').first().getByText(en('documents.kinds.letter'), { exact: true }));

      await page.goto(`${app.baseUrl}/cases/${caseId}?tab=documents`);
      const docs = page.getByRole('tabpanel');
      await visible(docs.getByRole('heading', { name: en('documents.title'), exact: true }));
      const accounts = docs.locator('li.document').filter({ hasText: 'arsregnskap-2025.pdf' });
      await visible(accounts.getByText(en('documents.kinds.annual-accounts'), { exact: true }));
      await visible(accounts.getByText(en('documents.enteredInError', { reason: REASON })));
      const chart = docs.locator('li.document').filter({ hasText: 'organisasjonskart.png' });
      await visible(chart.getByText(en('documents.kinds.other'), { exact: true }));
      expect(plain(await chart.locator('dd.scan').textContent())).toContain(en('documents.scan.not_scanned'));
      await visible(chart.getByText(en('documents.uploadedBy'), { exact: true }));
      await visible(docs.getByRole('form', { name: en('documents.upload.title') }));
      await visible(page.getByRole('region', { name: en('dialogue.title') }));
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await expectAccessibleWhenStill(page, 'the Documents tab in English');
      await screenshot(page, 'documents-tab-english');
      // Back to bokmål for whoever uses this browser next.
      await page
        .getByRole('radiogroup', { name: en('language.label') })
        .getByRole('radio', { name: 'Bokmål' })
        .click();
    },
  );
});
