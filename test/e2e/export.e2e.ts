/**
 * Journey: power tools on the queue. Kari presses `/` to reach the search, narrows All cases to
 * part of an applicant's name, and exports the view: the CSV holds every row the table shows
 * (and only those), the Excel file the same count. `?` opens the keyboard shortcuts' help
 * dialog, which lists them and passes axe; Escape closes it.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expectAccessible } from '../support/axe';
import { nb } from '../support/console-app';
import { eventually, logIn, queueTable, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 16, assigned: { kari: 4, ola: 4 } });

describe('export and keyboard shortcuts', () => {
  e2e.test('a filtered queue exported as CSV and Excel; ? shows the shortcuts', async () => {
    const { page, app } = e2e;
    await logIn(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/queue/all`);
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(app.cases.length));

    // `/` puts the cursor in the search field.
    await page.locator('h1').click();
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: nb('queue.search') });
    await eventually(async () => expect(await search.evaluate((el) => el === document.activeElement)).toBe(true));
    const part = app.cases[0].applicantName.split(' ')[0];
    await page.keyboard.type(part, { delay: 20 });
    await eventually(async () => expect(new URL(page.url()).searchParams.get('q')).toBe(part));
    await eventually(async () => {
      for (const text of await rows.allTextContents()) expect(text.toLowerCase()).toContain(part.toLowerCase());
    });
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(app.cases.length);

    const exportTo = async (label: string) => {
      await page.getByRole('button', { name: nb('queue.export.button') }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: label }).click()]);
      return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
    };

    const csv = await exportTo(nb('queue.export.csv'));
    expect(csv.name).toMatch(/^saker-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0].split(';')[0]).toBe('Referanse');
    expect(lines).toHaveLength(shown + 1);
    for (const line of lines.slice(1)) expect(line.toLowerCase()).toContain(part.toLowerCase());

    const xlsx = await exportTo(nb('queue.export.xlsx'));
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].actualRowCount).toBe(shown + 1);

    // `?` (not while typing) opens the shortcuts' help.
    await page.locator('h1').click();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: nb('shortcuts.title') });
    await visible(dialog);
    await visible(dialog.getByRole('cell', { name: nb('shortcuts.newNote') }));
    await expectAccessible(page, 'the keyboard shortcuts');
    await page.keyboard.press('Escape');
    await eventually(async () => expect(await dialog.count()).toBe(0));
    await expectAccessible(page, 'the queue with its export menu');
  });
});
