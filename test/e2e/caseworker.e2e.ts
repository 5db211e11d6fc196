/**
 * Journey: a caseworker starts her day. Kari logs in, sees her own cases, takes
 * an unassigned one, opens it from her queue with the keyboard and reads its
 * costs. Every main page is checked with axe and photographed.
 */
import { expectAccessible } from '../support/axe';
import { nb, SeededCase } from '../support/console-app';
import { eventually, queueTable, snackbar, recordMetrics, rowOf, screenshot, useConsole, visible } from '../support/e2e';

const KARI_CASES = 6;
const e2e = useConsole({ cases: 24, assigned: { kari: KARI_CASES, ola: 4 } });

describe('a caseworker', () => {
  let taken: SeededCase;

  e2e.test('logs in and sees her own cases', async () => {
    const { page, app } = e2e;
    await page.goto(`${app.baseUrl}/`);
    // Not signed in: the console sends her to the login page.
    await page.waitForURL(/\/login/);
    // The root address must not send her to "no access" after login (a redirect resolved before the guards would).
    expect(new URL(page.url()).searchParams.get('returnUrl')).toBeNull();
    const submit = await visible(page.getByRole('button', { name: nb('login.submit'), exact: true }));
    await expectAccessible(page, 'the login page');
    await screenshot(page, 'login');

    await page.getByLabel(nb('login.username')).fill('kari');
    await page.getByLabel(nb('login.password'), { exact: true }).fill('demo');
    // Timed in the page: from the form's submit event to the first paint that shows queue rows.
    await page.evaluate(() => {
      const w = window as any;
      w.__loginTiming = {};
      document.addEventListener('submit', () => (w.__loginTiming.submit = performance.now()), { capture: true, once: true });
      const seen = () => {
        if (w.__loginTiming.submit === undefined || w.__loginTiming.rows !== undefined) return;
        if (!document.querySelector('table[mat-table] tr.queue-row')) return;
        w.__loginTiming.rows = -1;
        requestAnimationFrame(() => (w.__loginTiming.rows = performance.now()));
        observer.disconnect();
      };
      const observer = new MutationObserver(seen);
      observer.observe(document, { childList: true, subtree: true });
    });
    const started = Date.now();
    await submit.click();
    const { rows } = queueTable(page);
    await rows.first().waitFor({ state: 'visible' });
    const wallMs = Date.now() - started;
    const timing = await eventually(async () => {
      const t = await page.evaluate(() => (window as any).__loginTiming);
      if (!(t?.rows > 0)) throw new Error(`the in-page timing did not complete: ${JSON.stringify(t)}`);
      return t as { submit: number; rows: number };
    });
    const loginToQueueMs = Math.round(timing.rows - timing.submit);
    // Where the time went: the requests made after the submit, as the browser timed them.
    const requests = await page.evaluate(
      (since) =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.startTime >= since)
          .map((e) => ({ url: new URL(e.name).pathname, startMs: Math.round(e.startTime - since), durationMs: Math.round(e.duration) })),
      timing.submit,
    );
    process.stdout.write(
      `[e2e] login to queue rows visible: ${loginToQueueMs} ms in the page (${wallMs} ms as seen by the test)\n` +
        requests.map((r) => `        +${r.startMs} ms ${r.url} ${r.durationMs} ms`).join('\n') +
        '\n',
    );
    recordMetrics({
      loginToQueueMs,
      loginToQueueWallMs: wallMs,
      loginToQueueRequests: requests,
      loginToQueueMeasuredAt: new Date().toISOString(),
      loginToQueueNote:
        'kari, demo office of 24 cases; in-page: submit event to the animation frame after the first queue row is in the DOM',
    });
    expect(loginToQueueMs).toBeGreaterThan(0);
    expect(loginToQueueMs).toBeLessThan(10_000);

    await page.waitForURL(/\/queue\/mine/);
    await visible(page.getByRole('heading', { level: 1, name: nb('nav.mine') }));
    await eventually(async () => expect(await rows.count()).toBe(KARI_CASES));
    for (const c of e2e.app.cases.filter((x) => x.assignee === 'kari')) {
      await visible(rowOf(page, c.reference));
    }
    await expectAccessible(page, 'the queue (my cases)');
    await screenshot(page, 'queue-mine');
  });

  e2e.test('takes an unassigned case', async () => {
    const { page, app } = e2e;
    const nav = page.getByRole('navigation', { name: nb('shell.navLabel') });
    await nav.getByRole('link', { name: nb('nav.unassigned') }).click();
    await page.waitForURL(/\/queue\/unassigned/);
    await visible(page.getByRole('heading', { level: 1, name: nb('nav.unassigned') }));
    const unassigned = app.cases.filter((c) => c.assignee === null);
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(unassigned.length));
    await expectAccessible(page, 'the queue (unassigned)');
    await screenshot(page, 'queue-unassigned');

    // The most urgent unassigned case is at the top.
    const reference = (await rows.first().getByRole('link').textContent())!.trim();
    taken = unassigned.find((c) => c.reference === reference)!;
    expect(taken).toBeDefined();
    await page.getByRole('button', { name: nb('queue.takeCase', { reference }) }).click();

    await visible(snackbar(page).getByText(nb('queue.taken', { reference })));
    await rowOf(page, reference).waitFor({ state: 'detached' });
    await eventually(async () => expect(await rows.count()).toBe(unassigned.length - 1));
    const stored = await app.api('kari', 'GET', `/api/applications/${taken.id}`);
    expect(stored.body.assignee).toEqual({ username: 'kari', displayName: 'Kari Nordmann' });
  });

  e2e.test('opens the case from her queue with the keyboard', async () => {
    const { page } = e2e;
    const nav = page.getByRole('navigation', { name: nb('shell.navLabel') });
    await nav.getByRole('link', { name: nb('nav.mine') }).click();
    await page.waitForURL(/\/queue\/mine/);
    const { table, rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(KARI_CASES + 1));
    const references = (await rows.getByRole('link').allTextContents()).map((r) => r.trim());
    const index = references.indexOf(taken.reference);
    // The new case is received last of hers, so due last: it is not on the first row.
    expect(index).toBeGreaterThan(0);

    // The table has one row in the tab order (roving tabindex); arrows move between rows.
    await expect(table.locator('tr.queue-row[tabindex="0"]').count()).resolves.toBe(1);
    await rows.first().focus();
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    const focused = table.locator('tr.queue-row:focus');
    await visible(focused.getByRole('link', { name: taken.reference, exact: true }));
    await page.keyboard.press('Enter');

    await page.waitForURL(new RegExp(`/cases/${taken.id}`));
    const header = await visible(page.getByRole('heading', { level: 1, name: `${taken.reference} ${taken.applicantName}` }));
    await expect(header.textContent()).resolves.toContain(taken.applicantName);
    await visible(page.locator('.case-header').getByText(taken.title, { exact: true }));
    // Hers now: no "take" button, her name as caseworker.
    await expect(page.getByRole('button', { name: nb('actions.take'), exact: true }).count()).resolves.toBe(0);
    await visible(page.locator('.case-header').getByText('Kari Nordmann', { exact: true }));
    await visible(page.getByRole('tab', { name: nb('case.tabs.overview'), selected: true }));
    await expectAccessible(page, 'the case page (overview)');
    await screenshot(page, 'case-overview');
  });

  e2e.test('reads the cost lines on the Costs tab', async () => {
    const { page } = e2e;
    await page.getByRole('tab', { name: nb('case.tabs.costs') }).click();
    await visible(page.getByRole('tab', { name: nb('case.tabs.costs'), selected: true }));
    const panel = page.getByRole('tabpanel');
    await visible(panel.getByRole('heading', { level: 2, name: nb('costs.title') }));
    const costs = panel.getByRole('table');
    await visible(costs.getByRole('columnheader', { name: nb('costs.claimed') }));
    const detail = await e2e.app.api('kari', 'GET', `/api/applications/${taken.id}`);
    const lines: { description: string }[] = detail.body.costLines;
    expect(lines).toHaveLength(taken.costLines);
    // One body row per cost line, plus the header row and the total.
    await eventually(async () => expect(await costs.getByRole('row').count()).toBe(lines.length + 2));
    for (const line of lines) await visible(costs.getByRole('cell', { name: line.description }).first());
    await visible(costs.getByRole('rowheader', { name: nb('costs.total') }));
    // The tab is in the address, so a reload or a shared link lands on it.
    expect(new URL(page.url()).searchParams.get('tab')).toBe('costs');
    await expectAccessible(page, 'the case page (costs)');
    await screenshot(page, 'case-costs');
  });
});
