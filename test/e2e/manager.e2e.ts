/**
 * Journey: the manager hands out work. Leder selects unassigned cases in All
 * cases and assigns them to a caseworker through the dialog in one go.
 */
import { expectAccessible } from '../support/axe';
import { animationsDone } from '../support/casework';
import { nb } from '../support/console-app';
import { eventually, logIn, queueTable, rowOf, screenshot, snackbar, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 20, assigned: { kari: 3, ingrid: 2 } });

describe('a manager', () => {
  e2e.test('bulk-assigns selected cases to a caseworker', async () => {
    const { page, app } = e2e;
    await logIn(page, app.baseUrl, 'leder');
    // A manager starts on the dashboard; All cases is in the navigation.
    await page.waitForURL(/\/dashboard/);
    await page
      .getByRole('navigation', { name: nb('shell.navLabel') })
      .getByRole('link', { name: nb('nav.all'), exact: true })
      .click();
    await page.waitForURL(/\/queue\/all/);
    await visible(page.getByRole('heading', { level: 1, name: nb('nav.all') }));
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(app.cases.length));

    const chosen = app.cases.filter((c) => c.assignee === null).slice(0, 3);
    for (const c of chosen) {
      const box = page.getByRole('checkbox', { name: nb('queue.selectOne', { reference: c.reference }) });
      await box.check();
      await expect(box.isChecked()).resolves.toBe(true);
    }
    const bulk = await visible(page.getByRole('region', { name: nb('queue.bulk.label') }));
    await visible(bulk.getByText(nb('queue.bulk.selected', { count: chosen.length })));
    await expectAccessible(page, 'all cases, with cases selected');
    await screenshot(page, 'queue-all-selected');

    await bulk.getByRole('button', { name: nb('queue.bulk.assign') }).click();
    const dialog = await visible(page.getByRole('dialog', { name: nb('assign.titleMany', { count: chosen.length }) }));
    const select = dialog.getByRole('combobox', { name: nb('assign.caseworker') });
    await select.click();
    const options = page.getByRole('listbox', { name: nb('assign.caseworker') });
    // Only caseworkers are offered: not the manager herself, not the portal.
    await visible(options.getByRole('option', { name: 'Kari Nordmann' }));
    await expect(options.getByRole('option', { name: 'Lene Leder' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'the assign dialog');
    await screenshot(page, 'assign-dialog');
    await options.getByRole('option', { name: 'Ola Hansen' }).click();
    await options.waitFor({ state: 'detached' });
    await eventually(async () => expect(await select.textContent()).toContain('Ola Hansen'));
    await dialog.getByRole('button', { name: nb('assign.confirm'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await visible(snackbar(page).getByText(nb('queue.bulk.done', { ok: chosen.length })));
    for (const c of chosen) {
      await visible(rowOf(page, c.reference).getByRole('cell', { name: 'Ola Hansen', exact: true }));
    }
    // The selection is gone with the reload, and so is the bulk bar.
    await page.getByRole('region', { name: nb('queue.bulk.label') }).waitFor({ state: 'detached' });
    for (const c of chosen) {
      const stored = await app.api('leder', 'GET', `/api/applications/${c.id}`);
      expect(stored.body.assignee).toEqual({ username: 'ola', displayName: 'Ola Hansen' });
    }
    // The others are untouched.
    const untouched = app.cases.filter((c) => c.assignee === null && !chosen.includes(c));
    await visible(rowOf(page, untouched[0].reference).getByRole('cell', { name: nb('queue.unassigned'), exact: true }));
    await expectAccessible(page, 'all cases, after the assignment');
    await screenshot(page, 'queue-all-manager');
  });

  e2e.test('follows a bar of the dashboard to the queue it counts', async () => {
    const { page } = e2e;
    await page
      .getByRole('navigation', { name: nb('shell.navLabel') })
      .getByRole('link', { name: nb('nav.dashboard'), exact: true })
      .click();
    await page.waitForURL(/\/dashboard/);
    const byStatus = await visible(page.getByRole('figure', { name: nb('dashboard.byStatus') }));
    const bar = byStatus.getByRole('link', { name: new RegExp(`^${nb('status.received')} \\d+$`) });
    await visible(bar);
    await expectAccessible(page, 'the dashboard, bars as links');
    await screenshot(page, 'dashboard-bars');
    const count = Number(((await bar.textContent()) ?? '').replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);
    await bar.click();
    await page.waitForURL(/\/queue\/all\?status=received$/);
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(count));
    // The pointer that clicked the bar now rests on a row, whose title's tooltip fades in: axe would
    // measure it half-transparent. Move away and let it go before the scan.
    await page.mouse.move(0, 0);
    await animationsDone(page);
    await expectAccessible(page, 'the queue of received cases, from the dashboard');
  });
});
