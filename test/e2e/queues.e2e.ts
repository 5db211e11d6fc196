/**
 * Journey: the queues per role. Ingrid (caseworker and approver) logs in, sees "Til godkjenning"
 * with its count in the navigation, opens it and finds only the cases she may decide (not one she
 * judged, not one she recommended), oldest recommendation first. The queue fits 1280x800 without
 * scrolling sideways, shows at least 18 rows on 1440x900, and becomes cards under 600 px; a
 * returned case carries a "Returnert" badge and the filter chip finds it. Axe on each screen.
 */
import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/axe';
import { nb, SeededCase } from '../support/console-app';
import { eventually, logIn, queueTable, screenshot, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 40, assigned: { kari: 24, ingrid: 4, ola: 4 } }, { viewport: { width: 1440, height: 900 } });

const JUDGMENT = { outcome: 'pass', rationale: 'Oppfylt etter samtale med søker.' };
const REJECTION = {
  outcome: 'reject',
  justification: 'Andre søknader gir mer.',
  grounds: ['PRIORITY'],
  priorityReason: 'Lavere samfunnsnytte.',
};

/** Whether the page or the queue's table scrolls sideways. */
async function scrollsSideways(page: Page): Promise<{ table: number; document: number }> {
  return page.evaluate(() => {
    const wrap = document.querySelector('.table-wrap') as HTMLElement;
    const root = document.documentElement;
    return { table: wrap.scrollWidth - wrap.clientWidth, document: root.scrollWidth - root.clientWidth };
  });
}

describe('the queues per role', () => {
  let mayDecide: SeededCase[];
  let judgedByIngrid: SeededCase;
  let byIngrid: SeededCase;

  e2e.test('cases are recommended: three by Kari, one Ingrid judged before Kari recommended it, one by Ingrid', async () => {
    const { app } = e2e;
    const call = async (user: string, method: 'POST' | 'PUT', path: string, body: unknown) => {
      const res = await app.api(user, method, path, body);
      if (res.status >= 300) throw new Error(`${user} ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    const recommend = async (c: SeededCase, by: string) => {
      await call(by, 'POST', `/api/applications/${c.id}/status`, { status: 'in_review' });
      await call(by, 'POST', `/api/applications/${c.id}/recommendation`, REJECTION);
    };
    const kari = app.cases.filter((c) => c.assignee === 'kari');
    const ingrid = app.cases.filter((c) => c.assignee === 'ingrid');
    mayDecide = kari.slice(0, 3);
    for (const c of mayDecide) await recommend(c, 'kari');

    judgedByIngrid = ingrid[0];
    await call('ingrid', 'POST', `/api/applications/${judgedByIngrid.id}/status`, { status: 'in_review' });
    await call('ingrid', 'PUT', `/api/applications/${judgedByIngrid.id}/judgments/J-INNO-01`, JUDGMENT);
    await call('leder', 'POST', `/api/applications/${judgedByIngrid.id}/assign`, { assignee: 'kari' });
    await call('kari', 'POST', `/api/applications/${judgedByIngrid.id}/recommendation`, REJECTION);

    byIngrid = ingrid[1];
    await recommend(byIngrid, 'ingrid');
  });

  e2e.test('Ingrid sees "Til godkjenning" with its count and opens it: only the cases she may decide', async () => {
    const { page, app } = e2e;
    await logIn(page, app.baseUrl, 'ingrid');
    await page.waitForURL(/\/queue\/mine/);
    const nav = page.getByRole('navigation', { name: nb('shell.navLabel') });
    const toApprove = nav.getByRole('link', { name: new RegExp(`^${nb('nav.toApprove')}`) });
    await visible(toApprove);
    await eventually(async () => expect((await toApprove.locator('.nav-count [aria-hidden="true"]').textContent())?.trim()).toBe('3'));
    // The count in words for screen readers.
    expect(await toApprove.locator('.cdk-visually-hidden').textContent()).toBe('(3 saker)');
    await expectAccessible(page, 'my cases, with the counts in the navigation');
    await screenshot(page, 'queues-mine-with-counts');

    await toApprove.click();
    await page.waitForURL(/\/queue\/to-approve/);
    await visible(page.getByRole('heading', { level: 1, name: nb('nav.toApprove') }));
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(3));
    const references = await rows.locator('td.mat-column-reference a').allTextContents();
    // Oldest recommendation first: in the order Kari recommended them.
    expect(references.map((r) => r.trim())).toEqual(mayDecide.map((c) => c.reference));
    for (const c of [judgedByIngrid, byIngrid]) expect(references.map((r) => r.trim())).not.toContain(c.reference);
    await visible(page.getByRole('columnheader', { name: nb('queue.columns.recommendedAt') }));
    await visible(page.locator('.page-no').getByText(nb('queue.pageOf', { page: 1, pages: 1 })));
    await expectAccessible(page, 'the cases to approve');
    await screenshot(page, 'queues-to-approve');
  });

  e2e.test('the queue fits 1280x800 without scrolling sideways', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 1280, height: 800 });
    const nav = page.getByRole('navigation', { name: nb('shell.navLabel') });
    await nav.getByRole('link', { name: nb('nav.all'), exact: true }).click();
    await page.waitForURL(/\/queue\/all/);
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(40));
    expect(await scrollsSideways(page)).toEqual({ table: 0, document: 0 });
    // The deadline and the caseworker, the columns that were cut at 1280 px, are on screen.
    for (const column of ['slaDueAt', 'assignee']) {
      const box = await page.locator(`th.mat-column-${column}`).boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    }
    // The titles are cut with an ellipsis, and whole in the page for screen readers.
    const title = rows.first().locator('td.mat-column-title .truncate');
    expect(await title.evaluate((e) => getComputedStyle(e).textOverflow)).toBe('ellipsis');
    await expectAccessible(page, 'all cases at 1280x800');
    await screenshot(page, 'queues-all-1280x800');

    await nav.getByRole('link', { name: new RegExp(`^${nb('nav.toApprove')}`) }).click();
    await page.waitForURL(/\/queue\/to-approve/);
    await eventually(async () => expect(await rows.count()).toBe(3));
    expect(await scrollsSideways(page)).toEqual({ table: 0, document: 0 });
  });

  e2e.test('at 1440x900 at least 18 rows are on screen, of 36 px each', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page
      .getByRole('navigation', { name: nb('shell.navLabel') })
      .getByRole('link', { name: nb('nav.all'), exact: true })
      .click();
    await page.waitForURL(/\/queue\/all/);
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(40));
    const { onScreen, height } = await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll('tr.queue-row')).map((r) => r.getBoundingClientRect());
      return { onScreen: all.filter((r) => r.top >= 0 && r.bottom <= window.innerHeight).length, height: all[0].height };
    });
    process.stdout.write(`[e2e] queue at 1440x900: ${onScreen} rows on screen, ${height} px each\n`);
    expect(onScreen).toBeGreaterThanOrEqual(18);
    expect(height).toBeLessThanOrEqual(37);
    expect(await scrollsSideways(page)).toEqual({ table: 0, document: 0 });
    await expectAccessible(page, 'all cases at 1440x900');
    await screenshot(page, 'queues-all-1440x900');
  });

  e2e.test('a returned case carries a "Returnert" badge, and the filter chip finds it', async () => {
    const { page, app } = e2e;
    const returned = mayDecide[2];
    const res = await app.api('leder', 'POST', `/api/applications/${returned.id}/decision`, {
      action: 'return',
      reasonCode: 'missing-justification',
      comment: 'Utdyp begrunnelsen.',
    });
    expect(res.status).toBe(200);
    await page.reload();
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(40));
    const chip = page.getByRole('option', { name: nb('queue.returned') });
    await chip.click();
    await page.waitForURL((url) => url.searchParams.get('returned') === 'true');
    await eventually(async () => expect(await rows.count()).toBe(1));
    expect((await rows.first().locator('td.mat-column-reference a').textContent())?.trim()).toBe(returned.reference);
    await visible(rows.first().locator('.badge--returned').getByText(nb('queue.returned')));
    await expectAccessible(page, 'all cases, returned only');
    await screenshot(page, 'queues-returned');
  });

  e2e.test('under 600 px each case is a card', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(1));
    expect(await rows.first().evaluate((r) => getComputedStyle(r).display)).toBe('block');
    expect(await page.locator('table[mat-table] thead').evaluate((r) => getComputedStyle(r).display)).toBe('none');
    expect(await scrollsSideways(page)).toEqual({ table: 0, document: 0 });
    await expectAccessible(page, 'the queue as cards at 390 px');
    await screenshot(page, 'queues-cards-390');
  });
});
