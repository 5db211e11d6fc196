/**
 * Journey: a saved view of the queue (issue 14, item 10). Kari narrows All cases to one size
 * class, sorts by the amount applied for, largest first, and saves the view as
 * "Mine store". After a reload and a plain All cases, she opens it from "Lagrede utvalg" and
 * sees the same rows in the same order; she makes it her start page, and the console's root
 * address opens it. Axe on the save dialog and the list of saved views; screenshots of both.
 * The toolbar's keyboard button opens the shortcuts' help.
 */
import { expectAccessible } from '../support/axe';
import { nb } from '../support/console-app';
import { eventually, logIn, queueTable, screenshot, snackbar, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 16, assigned: { kari: 4, ola: 4 } });

describe('saved filters', () => {
  e2e.test('kari saves a filtered, sorted queue as "Mine store" and opens it again from the list', async () => {
    const { page, app } = e2e;
    await logIn(page, app.baseUrl, 'kari');
    const nav = page.getByRole('navigation', { name: nb('shell.navLabel') });
    await nav.getByRole('link', { name: nb('nav.all') }).click();
    await page.waitForURL(/\/queue\/all/);
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(app.cases.length));

    // Her filter: the larger applicants (the size class with several cases but not all, "Stor"
    // when the office has such), the largest amounts first.
    const counts: [string, number][] = [];
    for (const size of ['large', 'medium', 'small', 'micro']) {
      const res = await app.api('kari', 'GET', `/api/applications?sizeClass=${size}&limit=200`);
      counts.push([size, res.body.items.length]);
    }
    const [size] = counts.find(([, n]) => n >= 2 && n < app.cases.length) ?? counts.sort((a, b) => b[1] - a[1])[0];
    await page.getByRole('option', { name: nb(`sizeClass.${size}`), exact: true }).click();
    await eventually(async () => expect(new URL(page.url()).searchParams.get('size')).toBe(size));
    const amountHeader = page.getByRole('columnheader', { name: nb('queue.columns.requested') });
    await amountHeader.click();
    await eventually(async () => expect(new URL(page.url()).searchParams.get('sort')).toBe('requestedAmount'));
    await amountHeader.click();
    await eventually(async () => expect(new URL(page.url()).searchParams.get('sort')).toBe('-requestedAmount'));
    const references = () => rows.locator('td.mat-column-reference').allTextContents();
    await eventually(async () => expect(await rows.count()).toBe(counts.find(([s]) => s === size)![1]));
    const shown = (await references()).map((r) => r.trim());
    expect(shown.length).toBe(counts.find(([s]) => s === size)![1]);
    expect(shown.length).toBeLessThan(app.cases.length);

    // Saved under a name, from the "Lagrede utvalg" menu.
    await page.getByRole('button', { name: nb('queue.saved.button') }).click();
    await page.getByRole('menuitem', { name: nb('queue.saved.saveView') }).click();
    const saveDialog = page.getByRole('dialog', { name: nb('queue.saved.saveTitle') });
    await visible(saveDialog);
    await saveDialog.getByLabel(nb('queue.saved.name')).fill('Mine store');
    await expectAccessible(page, 'the dialog that saves a queue view');
    await screenshot(page, 'saved-filters-save-dialog');
    await saveDialog.getByRole('button', { name: nb('queue.saved.save'), exact: true }).click();
    await visible(snackbar(page).filter({ hasText: nb('queue.saved.savedAs', { name: 'Mine store' }) }));
    await eventually(async () => expect(await saveDialog.count()).toBe(0));

    // A reload, then All cases as it comes: every case again.
    await page.reload();
    await nav.getByRole('link', { name: nb('nav.all') }).click();
    await eventually(async () => expect(new URL(page.url()).search).toBe(''));
    await eventually(async () => expect(await rows.count()).toBe(app.cases.length));

    // Opened from the list: the same rows, in the same order.
    await page.getByRole('button', { name: nb('queue.saved.button') }).click();
    await page.getByRole('menuitem', { name: 'Mine store' }).click();
    await eventually(async () => expect(new URL(page.url()).searchParams.get('size')).toBe(size));
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-requestedAmount');
    await eventually(async () => expect((await references()).map((r) => r.trim())).toEqual(shown));
    await visible(page.getByRole('option', { name: nb(`sizeClass.${size}`), exact: true, selected: true }));

    // Her saved views: made her start page, from the keyboard.
    await page.getByRole('button', { name: nb('queue.saved.button') }).click();
    await page.getByRole('menuitem', { name: nb('queue.saved.manage') }).click();
    const manage = page.getByRole('dialog', { name: nb('queue.saved.manageTitle') });
    await visible(manage.getByRole('link', { name: 'Mine store' }));
    const makeStart = manage.getByRole('button', { name: `${nb('queue.saved.setStartPage')}: Mine store` });
    // The dialog moves focus into itself once it has opened (later on a loaded machine): only
    // then is the focus ours to move, or the Enter lands wherever the dialog put it.
    await eventually(async () => expect(await manage.evaluate((el) => el.contains(document.activeElement))).toBe(true));
    await makeStart.focus();
    await eventually(async () => expect(await makeStart.evaluate((el) => el === document.activeElement)).toBe(true));
    await page.keyboard.press('Enter');
    await visible(manage.getByText(nb('queue.saved.startPage'), { exact: true }));
    await expectAccessible(page, 'the list of saved views');
    await screenshot(page, 'saved-filters-manage-dialog');
    await page.keyboard.press('Escape');
    await eventually(async () => expect(await manage.count()).toBe(0));

    // The console's root address now opens her start page.
    await page.goto(`${app.baseUrl}/`);
    await page.waitForURL(/\/queue\/all\?/);
    expect(new URL(page.url()).searchParams.get('size')).toBe(size);
    await eventually(async () => expect((await references()).map((r) => r.trim())).toEqual(shown));
    await screenshot(page, 'saved-filters-start-page');
  });

  e2e.test('the toolbar button "Hurtigtaster (?)" opens the keyboard shortcuts', async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: nb('shell.shortcutsHelp') }).click();
    const dialog = page.getByRole('dialog', { name: nb('shortcuts.title') });
    await visible(dialog);
    await page.keyboard.press('Escape');
    await eventually(async () => expect(await dialog.count()).toBe(0));
  });
});
