/**
 * Journey: printing a case (issue 14 item 10). Kari opens a case of hers; "Skriv ut saken" in the
 * case's actions, reached by the keyboard, gives the server's case report as a PDF file. Then the
 * page itself printed (print media emulated, a window as wide as A4): the navigation, the toolbar
 * and every button are gone, the case and its open tab remain, black on white, and nothing is
 * wider than the paper. Screenshots and Chromium's own PDF of the printed page go to test-artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectAccessible } from '../support/axe';
import { openTab } from '../support/casework';
import { nb } from '../support/console-app';
import { ARTIFACTS_DIR, logIn, screenshot, snackbar, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 4, assigned: { kari: 2 } });

/** A4 at 96 px per inch: 210 mm. */
const A4_WIDTH_PX = 794;

describe('printing a case', () => {
  e2e.test('"Skriv ut saken" gives the case report as a PDF, by keyboard', async () => {
    const { page, app } = e2e;
    const mine = app.cases.find((c) => c.assignee === 'kari')!;
    await app.api('kari', 'POST', `/api/applications/${mine.id}/notes`, {
      body: 'Ringte daglig leder om fremdriften.',
      anchor: { type: 'application' },
    });
    await logIn(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/cases/${mine.id}`);
    await visible(page.getByRole('heading', { level: 1, name: new RegExp(mine.reference) }));

    const print = page.getByRole('group', { name: nb('case.actions') }).getByRole('button', { name: nb('actions.printCase') });
    await visible(print);
    await expectAccessible(page, 'the case page with its print action');

    await print.focus();
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/applications/${mine.id}/case-report.pdf`)),
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(new URL(response.url()).searchParams.get('lang')).toBe('nb');
    expect(download.suggestedFilename()).toBe(`${mine.reference}-saksutskrift-nb.pdf`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await visible(snackbar(page).getByText(nb('actions.printCaseDone')));
  });

  e2e.test('the page printed: no navigation, toolbar or buttons, black on white, nothing wider than A4', async () => {
    const { page } = e2e;
    await openTab(page, 'costs');
    const nav = page.locator('#app-nav');
    const toolbar = page.locator('mat-toolbar');
    expect(await nav.isVisible()).toBe(true);
    expect(await toolbar.isVisible()).toBe(true);

    await page.setViewportSize({ width: A4_WIDTH_PX, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await nav.isVisible()).toBe(false);
      expect(await toolbar.isVisible()).toBe(false);
      expect(await page.locator('button:visible').count()).toBe(0);
      expect(await page.locator('mat-snack-bar-container:visible').count()).toBe(0);
      // The case and its open section are there.
      await visible(page.getByRole('heading', { level: 1 }));
      await visible(page.getByRole('tabpanel'));
      expect(await page.getByRole('tab', { selected: true }).isVisible()).toBe(true);
      expect(await page.getByRole('tab', { selected: false }).first().isVisible()).toBe(false);

      const layout = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wider: string[] = [];
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
          const box = el.getBoundingClientRect();
          if (el.getClientRects().length === 0) continue; // not rendered
          if (box.left < -1 || box.right > width + 1) {
            wider.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(box.left)}–${Math.round(box.right)}`);
          }
        }
        const h1 = getComputedStyle(document.querySelector('h1')!);
        return {
          width,
          scrollWidth: document.documentElement.scrollWidth,
          wider: wider.slice(0, 10),
          headingColor: h1.color,
          bodyBackground: getComputedStyle(document.body).backgroundColor,
        };
      });
      expect(layout.wider).toEqual([]);
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
      expect(layout.headingColor).toBe('rgb(0, 0, 0)');
      expect(layout.bodyBackground).toBe('rgb(255, 255, 255)');

      await screenshot(page, 'case-print-costs');
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      const pdf = await page.pdf({ path: join(ARTIFACTS_DIR, 'case-print-costs.pdf'), format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      await page.emulateMedia({ media: 'screen' });
      await openTab(page, 'notes');
      await page.emulateMedia({ media: 'print' });
      await visible(page.getByText('Ringte daglig leder om fremdriften.'));
      // The filter bar and the composer of a new note are screen tools: not on paper.
      expect(await page.getByRole('search', { name: nb('notes.filters') }).isVisible()).toBe(false);
      expect(await page.getByRole('form', { name: nb('notes.new') }).isVisible()).toBe(false);
      expect(await page.locator('button:visible').count()).toBe(0);
      await screenshot(page, 'case-print-notes');
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
});
