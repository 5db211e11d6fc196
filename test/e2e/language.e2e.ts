/**
 * Journey: switching the console to English. The texts change at once, the
 * page says it is in English, and the choice survives a reload.
 */
import { expectAccessible } from '../support/axe';
import { en, nb } from '../support/console-app';
import { logIn, queueTable, screenshot, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 8, assigned: { kari: 3 } });

describe('the language switch', () => {
  e2e.test('switches to English, and English stays after a reload', async () => {
    const { page, app } = e2e;
    await logIn(page, app.baseUrl, 'kari');
    const nav = page.getByRole('navigation', { name: nb('shell.navLabel') });
    await visible(nav.getByRole('link', { name: nb('nav.mine') }));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nb');

    const switcher = page.getByRole('radiogroup', { name: nb('language.label') });
    await visible(switcher.getByRole('radio', { name: 'Bokmål', checked: true }));
    await switcher.getByRole('radio', { name: 'English' }).click();

    const expectEnglish = async () => {
      await visible(page.getByRole('radiogroup', { name: en('language.label') }).getByRole('radio', { name: 'English', checked: true }));
      const enNav = page.getByRole('navigation', { name: en('shell.navLabel') });
      for (const key of ['nav.mine', 'nav.unassigned', 'nav.all']) await visible(enNav.getByRole('link', { name: en(key) }));
      await expect(enNav.getByRole('link', { name: nb('nav.mine') }).count()).resolves.toBe(0);
      await visible(page.getByRole('heading', { level: 1, name: en('nav.mine') }));
      await visible(page.getByRole('searchbox', { name: en('queue.search') }));
      await visible(queueTable(page).table.getByRole('columnheader', { name: en('queue.columns.applicant') }));
      await visible(page.getByRole('button', { name: en('shell.toggleNav') }));
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      // The status badges and amounts follow the language too.
      await visible(queueTable(page).rows.first().getByText(en('status.received'), { exact: true }));
      await expect(page.title()).resolves.toContain(en('nav.mine'));
    };
    await expectEnglish();
    await expectAccessible(page, 'the queue in English');
    await screenshot(page, 'queue-mine-en');

    await page.reload();
    await queueTable(page).rows.first().waitFor({ state: 'visible' });
    await expectEnglish();

    // And back: bokmål again, for whoever uses this browser next.
    await page.getByRole('radio', { name: 'Bokmål' }).click();
    await visible(page.getByRole('navigation', { name: nb('shell.navLabel') }).getByRole('link', { name: nb('nav.mine') }));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nb');
  });

  e2e.test('remembers English on the login page after logging out', async () => {
    const { page } = e2e;
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('button', { name: en('shell.userMenu', { name: 'Kari Nordmann' }) }).click();
    await page.getByRole('menuitem', { name: en('shell.logout') }).click();
    await page.waitForURL(/\/login/);
    await visible(page.getByRole('heading', { level: 1, name: en('app.name') }));
    await visible(page.getByLabel(en('login.username')));
    await visible(page.getByRole('button', { name: en('login.submit'), exact: true }));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expectAccessible(page, 'the login page in English');
  });
});
