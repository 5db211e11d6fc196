/**
 * Journey: malware scanning seen from the Documents tab (issue 15, item 2). The application runs
 * with a scanner (a fake clamd in the test, speaking INSTREAM, that finds the EICAR test string).
 * The portal sends a clean PDF: Kari sees it scanned and clean, in words beside an icon. She
 * uploads a PDF carrying EICAR through the form: it is refused under the form in the console's
 * words, and nothing is listed. axe on each screen, screenshots.
 */
import { samplePdf } from '../../backend/src/documents/testing';
import { expectAccessibleWhenStill, openTab, plain } from '../support/casework';
import { EICAR, FakeClamd } from '../support/clamd';
import { nb, SeedPlan } from '../support/console-app';
import { logIn, screenshot, useConsole, visible } from '../support/e2e';

const clamd = new FakeClamd();
const plan: SeedPlan = { cases: 2, assigned: { kari: 1 }, env: {} };
// Before the console's own hook: the app starts with the scanner's port.
beforeAll(async () => {
  await clamd.start();
  plan.env = { CLAMD_HOST: '127.0.0.1', CLAMD_PORT: String(clamd.port), CLAMD_TIMEOUT_MS: '5000' };
});
afterAll(async () => {
  if (clamd.server) await clamd.stop();
});
const e2e = useConsole(plan);

describe('malware scanning in the Documents tab', () => {
  e2e.test('a clean document shows as scanned; a file with malware is refused under the form and not listed', async () => {
    const { page, app } = e2e;
    const mine = app.cases.find((c) => c.assignee === 'kari')!;
    expect((await app.api('kari', 'POST', `/api/applications/${mine.id}/status`, { status: 'in_review' })).status).toBe(200);
    const form = new FormData();
    form.set('kind', 'budget');
    form.set('title', 'Budsjett');
    form.set('file', new Blob([new Uint8Array(samplePdf('Budsjett'))], { type: 'application/pdf' }), 'budsjett.pdf');
    const res = await fetch(`${app.baseUrl}/api/applications/${mine.id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.token('portal')}` },
      body: form,
    });
    expect(res.status).toBe(201);
    expect((await res.json()).scan).toBe('clean');
    expect(clamd.scanned).toHaveLength(1);

    await logIn(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/cases/${mine.id}`);
    await visible(page.getByRole('heading', { level: 1, name: mine.reference }));
    const panel = await openTab(page, 'documents');
    const row = panel.locator('li.document').filter({ hasText: 'budsjett.pdf' });
    const scan = await visible(row.locator('dd.scan'));
    expect(plain(await scan.textContent())).toContain(nb('documents.scan.clean'));
    expect(await scan.locator('mat-icon').getAttribute('aria-hidden')).toBe('true');
    await expectAccessibleWhenStill(page, 'a scanned, clean document');
    await screenshot(page, 'document-scan-clean');

    const upload = panel.getByRole('form', { name: nb('documents.upload.title') });
    await upload.locator('input[type=file]').setInputFiles({
      name: 'regnskap.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([samplePdf('Regnskap'), Buffer.from(`\n${EICAR}\n`, 'latin1')]),
    });
    await upload.getByRole('button', { name: nb('documents.upload.submit') }).click();
    await visible(upload.getByRole('alert').getByText(nb('errors.problem.document-infected')));
    expect(clamd.scanned).toHaveLength(2);
    expect(await panel.locator('li.document').count()).toBe(1);
    const stored = await app.api('kari', 'GET', `/api/applications/${mine.id}/documents`);
    expect(stored.body.map((d: any) => d.fileName)).toEqual(['budsjett.pdf']);
    await expectAccessibleWhenStill(page, 'a file refused by the malware scanner');
    await screenshot(page, 'document-scan-refused');
  });
});
