/**
 * Journey: a notification arriving (issue 14, item 10). Kari has the console open on her queue.
 * Ingrid, approver, returns the case Kari recommended (through the API, as her own console
 * would). Without a reload Kari's bell says 1 (the stream pushed it), the number is in the
 * button's name and a polite announcement says what came; she opens the panel (axe on it, a
 * screenshot), chooses the notification with the keyboard and lands on the case, now read.
 */
import { nb } from '../support/console-app';
import { expectAccessibleWhenStill } from '../support/casework';
import { eventually, logIn, screenshot, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 3, assigned: {} });
const STEP_TIMEOUT = 120_000;

describe('a notification arriving', () => {
  let caseId: string;
  let reference: string;

  e2e.test(
    'kari has taken a case and recommended it; her console is open',
    async () => {
      const { app, page } = e2e;
      const target = app.cases[0];
      caseId = target.id;
      reference = target.reference;
      const version = async () => (await app.api('kari', 'GET', `/api/applications/${caseId}`)).body.version as number;
      // She takes it herself: nobody is told of their own act.
      expect(
        (await app.api('kari', 'POST', `/api/applications/${caseId}/assign`, { assignee: 'kari', version: await version() })).status,
      ).toBe(200);
      expect(
        (await app.api('kari', 'POST', `/api/applications/${caseId}/status`, { status: 'in_review', version: await version() })).status,
      ).toBe(200);
      const judged = await app.api('kari', 'PUT', `/api/applications/${caseId}/judgments/J-INNO-03`, {
        outcome: 'fail',
        rationale: 'Innføring av et standard ERP-system uten prosessinnovasjon.',
        version: await version(),
      });
      expect(judged.status).toBe(200);
      const recommended = await app.api('kari', 'POST', `/api/applications/${caseId}/recommendation`, {
        outcome: 'reject',
        justification: 'Prosjektet er på unntakslisten.',
        grounds: ['J-INNO-03'],
        version: await version(),
      });
      expect(recommended.status).toBe(200);

      await logIn(page, app.baseUrl, 'kari');
      const bell = await visible(page.getByRole('button', { name: nb('notifications.bell', { count: 0 }) }));
      expect(await bell.isVisible()).toBe(true);
      await expect(page.getByTestId('notification-count').count()).resolves.toBe(0);
    },
    STEP_TIMEOUT,
  );

  e2e.test(
    'ingrid returns it: kari’s bell says 1 without a reload, and it is announced',
    async () => {
      const { app, page } = e2e;
      const url = page.url();
      const { version } = (await app.api('ingrid', 'GET', `/api/applications/${caseId}`)).body;
      const sent = Date.now();
      const returned = await app.api('ingrid', 'POST', `/api/applications/${caseId}/decision`, {
        action: 'return',
        reasonCode: 'missing-justification',
        comment: 'Utdyp begrunnelsen for avslaget.',
        version,
      });
      expect(returned.status).toBe(200);
      const bell = page.getByRole('button', { name: nb('notifications.bell', { count: 1 }) });
      await visible(bell, 10_000);
      const arrivedMs = Date.now() - sent;
      expect(await page.getByTestId('notification-count').textContent()).toBe('1');
      expect(page.url()).toBe(url); // no reload, no navigation
      // The polite live region (Angular CDK's LiveAnnouncer) says what came.
      await eventually(async () => {
        const said = await page.locator('.cdk-live-announcer-element').textContent();
        expect(said).toContain(nb('notifications.kind.returned'));
        expect(said).toContain(reference);
      });
      expect(await page.locator('.cdk-live-announcer-element').getAttribute('aria-live')).toBe('polite');
      process.stdout.write(`[notifications] the bell showed the return ${arrivedMs} ms after it was sent (machine shared)\n`);
    },
    STEP_TIMEOUT,
  );

  e2e.test(
    'she opens the panel (axe), chooses the notification with the keyboard and lands on the case, read',
    async () => {
      const { page } = e2e;
      const bell = page.getByRole('button', { name: nb('notifications.bell', { count: 1 }) });
      await bell.focus();
      await page.keyboard.press('Enter');
      const panel = await visible(page.getByRole('menu'));
      const item = panel.getByRole('menuitem').filter({ hasText: reference });
      await visible(item);
      const itemText = (await item.textContent()) ?? '';
      expect(itemText).toContain(nb('notifications.kind.returned'));
      // Display names, not usernames: "Ingrid … returnerte TS-… til deg: Mangelfull begrunnelse."
      expect(itemText).toMatch(/Ingrid/);
      expect(itemText).toContain(nb('decision.reasons.missing-justification'));
      expect(await panel.getByRole('menuitem', { name: nb('notifications.markAllRead') }).count()).toBe(1);
      await expectAccessibleWhenStill(page, 'notification panel');
      await screenshot(page, 'notifications-panel');

      // Arrow keys move through the menu; Enter chooses.
      await eventually(async () => {
        await page.keyboard.press('ArrowDown');
        const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
        expect(focused).toContain(reference);
      });
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === `/cases/${caseId}`);
      await visible(page.getByRole('button', { name: nb('notifications.bell', { count: 0 }) }));
      expect(await page.getByTestId('notification-count').count()).toBe(0);
      const list = await e2e.app.api('kari', 'GET', '/api/notifications');
      expect(list.body.unreadCount).toBe(0);
      expect(list.body.items[0]).toMatchObject({ applicationId: caseId, kind: 'returned', readAt: expect.any(String) });
      await screenshot(page, 'notifications-case-opened');
    },
    STEP_TIMEOUT,
  );
});
