/**
 * Journey: finding a case. A caseworker types a reference into the search box
 * of All cases and the table narrows to that case; clearing the search brings
 * the queue back.
 */
import { expectAccessible } from '../support/axe';
import { nb } from '../support/console-app';
import { eventually, logIn, queueTable, rowOf, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 16, assigned: { kari: 2, ola: 3 } });

describe('the queue search', () => {
  e2e.test('narrows the table to the reference typed', async () => {
    const { page, app } = e2e;
    await logIn(page, app.baseUrl, 'kari');
    const nav = page.getByRole('navigation', { name: nb('shell.navLabel') });
    await nav.getByRole('link', { name: nb('nav.all') }).click();
    await page.waitForURL(/\/queue\/all/);
    const { rows } = queueTable(page);
    await eventually(async () => expect(await rows.count()).toBe(app.cases.length));

    // One of Ola's cases, somewhere in the middle of the list.
    const target = app.cases.find((c) => c.assignee === 'ola')!;
    const search = page.getByRole('searchbox', { name: nb('queue.search') });
    await search.click();
    await search.pressSequentially(target.reference, { delay: 20 });

    await eventually(async () => expect(await rows.count()).toBe(1));
    await visible(rowOf(page, target.reference));
    await visible(rows.first().getByText(target.applicantName));
    await visible(page.getByRole('status').filter({ hasText: nb('queue.showingOne', { page: 1 }) }));
    // The search is in the address, so it can be shared and survives a reload.
    expect(new URL(page.url()).searchParams.get('q')).toBe(target.reference);
    await expectAccessible(page, 'the queue, searched');

    await page.reload();
    await expect(search.inputValue()).resolves.toBe(target.reference);
    await eventually(async () => expect(await rows.count()).toBe(1));
    await visible(rowOf(page, target.reference));

    // Part of the applicant's name finds it too, ignoring case.
    await search.fill('');
    const part = target.applicantName.slice(0, 8);
    await search.pressSequentially(part.toUpperCase());
    // Wait for the narrowed result (the search reaches the address), not the rows still shown from before.
    await eventually(async () => expect(new URL(page.url()).searchParams.get('q')).toBe(part.toUpperCase()));
    await visible(rowOf(page, target.reference));
    await eventually(async () => {
      for (const text of await rows.allTextContents()) expect(text.toLowerCase()).toContain(part.toLowerCase());
    });

    // Nothing matches: the table says so.
    await search.fill('');
    await search.pressSequentially('finnes-ikke-000');
    await visible(page.getByRole('status').filter({ hasText: nb('queue.empty') }));
    await expect(rows.count()).resolves.toBe(0);

    await page.getByRole('button', { name: nb('queue.clearSearch') }).click();
    await eventually(async () => expect(await rows.count()).toBe(app.cases.length));
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
  });
});
