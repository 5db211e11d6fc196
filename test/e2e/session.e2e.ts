/**
 * Journey: one session for every tab, drafts that survive an expired session, forms that show
 * their errors only after a submit, and server problems in the console's own words.
 *
 * kari logs in and opens a second tab: it is signed in without a login. She logs out in one tab
 * and the other goes to the login page. She writes a note without saving it; her session ends on
 * the server (the token is revoked through POST /api/auth/logout, as a logout elsewhere or an
 * administrator would, so the next request is refused with 401 as an expired session's is); the
 * console sends her to the login page, she logs in again, and the note is restored. Tabbing
 * through the empty note shows no error; saving it shows the error summary, focused. In English,
 * too many login attempts are said in English with the request id to quote. axe on each screen.
 */
import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/axe';
import { en, nb } from '../support/console-app';
import { eventually, logIn, queueTable, screenshot, snackbar, useConsole, visible } from '../support/e2e';

// The login limit per username as in production (the test default is far higher), so that the
// journey can meet it with a username nobody has.
const e2e = useConsole({ cases: 6, assigned: { kari: 2 }, env: { LOGIN_LIMIT_PER_USERNAME: '10/15m' } });

const DRAFT = 'Søkeren har sendt oppdatert budsjett; sjekk linje 3 mot timelistene.';

async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('tilsagn.session'));
  if (!raw) throw new Error('no session in localStorage');
  return (JSON.parse(raw) as { accessToken: string }).accessToken;
}

async function logInOnPage(page: Page, username: string): Promise<void> {
  await page.getByLabel(nb('login.username')).fill(username);
  await page.getByLabel(nb('login.password'), { exact: true }).fill('demo');
  await page.getByRole('button', { name: nb('login.submit'), exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

describe('sessions across tabs, drafts and forms', () => {
  e2e.test('a second tab is signed in without a new login', async () => {
    const { page, app, browser } = e2e;
    await logIn(page, app.baseUrl, 'kari');
    const second = await browser.context.newPage();
    try {
      await second.goto(`${app.baseUrl}/queue/mine`);
      await queueTable(second).rows.first().waitFor({ state: 'visible' });
      expect(new URL(second.url()).pathname).toBe('/queue/mine');
      await visible(second.getByRole('button', { name: nb('shell.userMenu', { name: 'Kari Nordmann' }) }));
      await expectAccessible(second, 'the queue in a second tab');

      // A logout in the first tab takes the second to the login page by itself.
      await page.getByRole('button', { name: nb('shell.userMenu', { name: 'Kari Nordmann' }) }).click();
      await page.getByRole('menuitem', { name: nb('shell.logout') }).click();
      await page.waitForURL(/\/login/);
      await second.waitForURL(/\/login/, { timeout: 5_000 });
      await visible(second.getByRole('button', { name: nb('login.submit'), exact: true }));
      await expect(second.evaluate(() => localStorage.getItem('tilsagn.session'))).resolves.toBeNull();
    } finally {
      await second.close();
    }
  });

  e2e.test('a note not yet saved comes back after the session expired and a new login', async () => {
    const { page, app } = e2e;
    const mine = app.cases.find((c) => c.assignee === 'kari')!;
    await logIn(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/cases/${mine.id}?tab=notes`);
    const body = page.getByRole('textbox', { name: nb('notes.body') });
    await visible(body);
    await body.fill(DRAFT);
    // The draft is written a moment after the last keystroke.
    await eventually(async () =>
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tilsagn.draft.kari.')))).toHaveLength(1),
    );

    // The session ends on the server: its token is refused from now on.
    const revoked = await fetch(`${app.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await tokenOf(page)}` },
    });
    expect(revoked.status).toBe(204);

    // The next request is refused; the console says the session expired and asks for a login.
    await page.reload();
    await page.waitForURL(/\/login\?.*reason=expired/);
    await visible(page.getByText(nb('login.expired')));
    await expectAccessible(page, 'the login page after an expired session');

    await logInOnPage(page, 'kari');
    await page.waitForURL(new RegExp(`/cases/${mine.id}`));
    const restored = page.getByRole('textbox', { name: nb('notes.body') });
    await visible(restored);
    await eventually(async () => expect(await restored.inputValue()).toBe(DRAFT));
    await visible(snackbar(page).getByText(nb('drafts.restored')));
    await screenshot(page, 'draft-restored');
    await expectAccessible(page, 'the notes tab with a restored draft');
  });

  e2e.test('an empty note shows no error from tabbing, and the error summary, focused, on saving', async () => {
    const { page } = e2e;
    const body = page.getByRole('textbox', { name: nb('notes.body') });
    await body.fill('');
    await body.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    // No red field: the composer shows no error before the first attempt to save.
    const fieldErrors = page.locator('form.composer mat-error');
    await expect(fieldErrors.count()).resolves.toBe(0);
    await expect(page.locator('form.composer .mat-form-field-invalid').count()).resolves.toBe(0);

    await page.getByRole('button', { name: nb('notes.save') }).click();
    const summary = page.locator('.error-summary');
    await visible(summary);
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true));
    const link = summary.getByRole('link', { name: `${nb('notes.body')}: ${nb('notes.bodyRequired')}` });
    await visible(link);
    await visible(fieldErrors.getByText(nb('notes.bodyRequired')));
    await expect(page.locator('form.composer .mat-form-field-invalid').count()).resolves.toBe(1);
    await screenshot(page, 'error-summary');
    await expectAccessible(page, 'the notes composer with its error summary');

    // The link takes the user to the field.
    await link.click();
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('textarea'));
  });

  e2e.test('in English, too many login attempts are said in English with the request id', async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: nb('shell.userMenu', { name: 'Kari Nordmann' }) }).click();
    await page.getByRole('menuitem', { name: nb('shell.logout') }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('radio', { name: 'English' }).click();
    await visible(page.getByRole('button', { name: en('login.submit'), exact: true }));

    // The server allows 10 failed attempts per username in 15 minutes (docs/operations.md).
    const alert = page.locator('.error[role="alert"]');
    let said = '';
    for (let attempt = 1; attempt <= 12; attempt++) {
      const password = page.getByLabel(en('login.password'), { exact: true });
      await page.getByLabel(en('login.username')).fill('nobody-here');
      await password.fill('wrong');
      // This attempt's answer, taken in by the page, before the next attempt is typed: a wrong
      // password empties the field, and on a loaded machine an answer taken in late emptied the
      // next attempt's password as it was typed (the page then sent nothing).
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST');
      await page.getByRole('button', { name: en('login.submit'), exact: true }).click();
      const answer = await answered;
      await visible(alert);
      if (answer.status() === 401) await eventually(async () => expect(await password.inputValue()).toBe(''));
      await eventually(async () =>
        expect(await page.getByRole('button', { name: en('login.submit'), exact: true }).isEnabled()).toBe(true),
      );
      said = (await alert.innerText()).replace(/\s+/g, ' ');
      if (said.includes(en('errors.problem.too-many-logins'))) break;
    }
    expect(said).toContain(en('errors.problem.too-many-logins'));
    expect(said).toMatch(/Quote reference [\w-]+ to the service desk\./);
    expect(said).not.toMatch(/Too Many Requests|Exception|urn:|\{/);
    await screenshot(page, 'login-too-many-en');
    await expectAccessible(page, 'the login page refusing too many attempts, in English');

    // Bokmål again for whoever uses this browser next.
    await page.getByRole('radio', { name: 'Bokmål' }).click();
  });
});
