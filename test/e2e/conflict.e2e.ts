/**
 * Journey: someone else got there first. Kari has a case on screen while the
 * manager assigns it behind her back; when she acts on her stale copy the
 * server refuses (409, stale version) and the console says so, offering Reload.
 */
import { expectAccessible } from '../support/axe';
import { nb } from '../support/console-app';
import { eventually, logIn, queueTable, rowOf, screenshot, snackbar, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 10, assigned: { kari: 2 } });

describe('a stale version', () => {
  e2e.test('on the case page: Take fails with "someone else changed the case", and Reload shows the change', async () => {
    const { page, app } = e2e;
    const [target] = app.cases.filter((c) => c.assignee === null);
    await logIn(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/cases/${target.id}`);
    const header = await visible(page.getByRole('heading', { level: 1, name: target.reference }));
    const take = await visible(page.getByRole('button', { name: nb('actions.take'), exact: true }));

    // Behind her back: the manager gives the case to Ola.
    const res = await app.api('leder', 'POST', `/api/applications/${target.id}/assign`, { assignee: 'ola' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBeGreaterThan(target.version);

    await take.click();
    const bar = snackbar(page);
    await visible(bar.getByText(nb('errors.conflict')));
    const reload = await visible(bar.getByRole('button', { name: nb('errors.reload') }));
    await expectAccessible(page, 'the case page with the conflict message');
    await screenshot(page, 'case-conflict');
    // Nothing changed on the server from her attempt.
    const after = await app.api('kari', 'GET', `/api/applications/${target.id}`);
    expect(after.body.assignee.username).toBe('ola');
    expect(after.body.version).toBe(res.body.version);

    await reload.click();
    await bar.waitFor({ state: 'detached' });
    await visible(page.locator('.case-header').getByText('Ola Hansen', { exact: true }));
    await page.getByRole('button', { name: nb('actions.take'), exact: true }).waitFor({ state: 'detached' });
    await visible(header);
  });

  e2e.test('in the Unassigned queue: Take on a row that changed fails the same way, and Reload removes the row', async () => {
    const { page, app } = e2e;
    const nav = page.getByRole('navigation', { name: nb('shell.navLabel') });
    await nav.getByRole('link', { name: nb('nav.unassigned') }).click();
    await page.waitForURL(/\/queue\/unassigned/);
    const { rows } = queueTable(page);
    const stillUnassigned = app.cases.filter((c) => c.assignee === null).slice(1);
    await eventually(async () => expect(await rows.count()).toBe(stillUnassigned.length));
    const target = stillUnassigned[stillUnassigned.length - 1];
    const take = await visible(page.getByRole('button', { name: nb('queue.takeCase', { reference: target.reference }) }));

    const res = await app.api('leder', 'POST', `/api/applications/${target.id}/assign`, { assignee: 'ingrid' });
    expect(res.status).toBe(200);

    await take.click();
    const bar = snackbar(page);
    await visible(bar.getByText(nb('errors.conflict')));
    await bar.getByRole('button', { name: nb('errors.reload') }).click();
    await rowOf(page, target.reference).waitFor({ state: 'detached' });
    await eventually(async () => expect(await rows.count()).toBe(stillUnassigned.length - 1));
    const after = await app.api('kari', 'GET', `/api/applications/${target.id}`);
    expect(after.body.assignee.username).toBe('ingrid');
  });
});
