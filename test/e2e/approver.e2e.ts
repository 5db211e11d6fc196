/**
 * Journey: what is left, the approver's control, and a return (issue 14, items 2, 3 and 8).
 * Kari clears the "what is left" strip of a case in review: the strip counts the judgments still
 * to record (plurals as written), each press takes her to the next one with the focus on it, and
 * the recommendation form will not send a grant while anything stands in its way, saying why.
 * Ingrid, approver, opens the recommendation as one control in parts and returns it with a
 * comment. Kari sees the case marked as returned with Ingrid's comment, finds the new
 * recommendation filled in from the returned one, changes a rationale and sends it again. Ingrid
 * sees what changed since the return, formatted and with names, marks every part as seen, makes
 * the decision through the confirmation, watches its progress and opens the letter. Each screen
 * is checked with axe and photographed.
 */
import type { Page } from 'playwright-core';
import {
  ApiTraffic,
  caseHeader,
  expectAccessibleWhenStill,
  expectStatus,
  grantableApplication,
  intake,
  IntakeCase,
  logOut,
  nbKr,
  openTab,
  plain,
} from '../support/casework';
import { nb } from '../support/console-app';
import { eventually, screenshot, snackbar, useConsole, visible } from '../support/e2e';
import { extractPdfText } from '../support/pdf';

const e2e = useConsole({ cases: 4, assigned: { kari: 1 } });

/** Within the maximum aid of the grantable example (1 345 000 kr), so a grant of all of it is lawful. */
const REQUESTED = 1_250_000;
const CONDITION = 'AUDITOR';
const JUSTIFICATION = 'Prosjektet er en tydelig prosessinnovasjon for foretaket, og kostnadene er rimelige.';
const RETURN_COMMENT = 'Utdyp behovet for støtte (J-NEED-01) før jeg godkjenner.';
const NEED_RATIONALE = 'J-NEED-01: oppfylt. Uten støtte ville prosjektet blitt utsatt i minst to år; se finansieringsplanen.';

const STEP_TIMEOUT = 240_000;
const UI_TIMEOUT = 30_000;

/** Logs in through the form and waits to leave the login page (an approver's first queue may be empty). */
async function logInAs(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(nb('login.username')).fill(username);
  await page.getByLabel(nb('login.password'), { exact: true }).fill('demo');
  await page.getByRole('button', { name: nb('login.submit'), exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The texts of the strip's parts, in order. */
async function stripParts(page: Page): Promise<string[]> {
  const strip = caseHeader(page).getByRole('navigation', { name: nb('whatIsLeft.title') });
  if (!(await strip.count())) return [];
  return (await strip.getByRole('button').allTextContents()).map(plain);
}

describe('what is left, the approver’s control and a return', () => {
  let target: IntakeCase;
  let traffic: ApiTraffic;
  let applicable: { criterionId: string; title: { nb: string } }[];

  beforeAll(async () => {
    e2e.page.setDefaultTimeout(UI_TIMEOUT);
    e2e.page.setDefaultNavigationTimeout(UI_TIMEOUT);
    traffic = new ApiTraffic(e2e.page);
    target = await intake(e2e.app, grantableApplication('P-E2E-APPROVER-1', REQUESTED));
    expect((await e2e.app.api('leder', 'POST', `/api/applications/${target.id}/assign`, { assignee: 'kari' })).status).toBe(200);
    expect((await e2e.app.api('kari', 'POST', `/api/applications/${target.id}/status`, { status: 'in_review' })).status).toBe(200);
    const latest = (await e2e.app.api('kari', 'GET', `/api/applications/${target.id}/evaluations/latest`)).body;
    applicable = latest.judgments.filter((j: any) => j.applies);
    // Only the judgments stand in the way at the start (the journey counts on it).
    expect(latest.grantBlockers.map((b: any) => b.kind)).toEqual(applicable.map(() => 'judgment'));
  }, STEP_TIMEOUT);

  const step = (name: string, fn: () => Promise<void>) => e2e.test(name, fn, STEP_TIMEOUT);

  step('1. kari sees what is left in the header, and the form will not send a grant while it is left', async () => {
    const { page, app } = e2e;
    await logInAs(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/cases/${target.id}`);
    await visible(page.getByRole('heading', { level: 1, name: `${target.reference} ${target.applicantName}` }));
    await expectStatus(page, 'in_review');
    await eventually(async () => expect(await stripParts(page)).toEqual([nb('whatIsLeft.judgment.other', { count: applicable.length })]), {
      timeout: UI_TIMEOUT,
    });

    // The Rules tab: what deviates first, and "only deviations".
    const rulesPanel = await openTab(page, 'rules');
    const ruleRows = rulesPanel.getByRole('table', { name: nb('rules.caption') }).locator('tbody tr');
    const total = await ruleRows.count();
    await rulesPanel.getByRole('switch', { name: nb('whatIsLeft.onlyDeviations') }).click();
    await eventually(async () => expect(await ruleRows.count()).toBeLessThan(total));
    await rulesPanel.getByRole('switch', { name: nb('whatIsLeft.onlyDeviations') }).click();
    await eventually(async () => expect(await ruleRows.count()).toBe(total));

    const panel = await openTab(page, 'decision');
    const form = await visible(panel.getByRole('form', { name: nb('recommendation.title') }));
    await form.getByRole('radio', { name: nb('recommendation.grant'), exact: true }).check();
    const blockers = await visible(form.getByRole('note', { name: nb('recommendation.blockers') }));
    await eventually(async () => expect(await blockers.getByRole('listitem').count()).toBe(applicable.length));
    // The button cannot be used, and says why next to it.
    const submit = form.getByRole('button', { name: nb('recommendation.submit'), exact: true });
    await expect(submit.getAttribute('aria-disabled')).resolves.toBe('true');
    const why = nb('whatIsLeft.blocked.other', { count: applicable.length });
    await visible(form.locator('#submit-blocked').getByText(why));
    await expect(submit.getAttribute('aria-describedby')).resolves.toBe('submit-blocked');
    await traffic.settled();
    await expectAccessibleWhenStill(page, 'the recommendation form with blockers (caseworker)');
    await screenshot(page, 'approver-blocked-form');

    // A blocker is a link: it leads to the judgment, with the focus in its form.
    await blockers.getByRole('button').first().click();
    await visible(page.getByRole('tab', { name: nb('case.tabs.rules'), selected: true }));
    await eventually(async () =>
      expect(await page.evaluate(() => document.activeElement?.closest('app-judgment-form')?.id)).toBe(
        `judgment-${applicable[0].criterionId}`,
      ),
    );
    await expectAccessibleWhenStill(page, 'the Rules tab with the what-is-left strip');
    await screenshot(page, 'approver-what-is-left');
  });

  step('2. kari clears the strip: each press takes her to the next judgment, and the count follows', async () => {
    const { page, app } = e2e;
    for (let i = 0; i < applicable.length; i++) {
      const left = applicable.length - i;
      const key = left === 1 ? 'whatIsLeft.judgment.one' : 'whatIsLeft.judgment.other';
      await eventually(async () => expect(await stripParts(page)).toEqual([nb(key, { count: left })]), { timeout: UI_TIMEOUT });
      await caseHeader(page)
        .getByRole('button', { name: nb(key, { count: left }) })
        .click();
      // The focus is in the form of the first judgment still open.
      const id = await eventually(
        async () => {
          const active = await page.evaluate(() => document.activeElement?.closest('app-judgment-form')?.id ?? null);
          expect(active).toMatch(/^judgment-/);
          return active!.replace(/^judgment-/, '');
        },
        { timeout: UI_TIMEOUT },
      );
      const j = applicable.find((x) => x.criterionId === id)!;
      const form = page.getByRole('form', { name: `${j.criterionId} ${j.title.nb}` });
      await form.getByRole('radio', { name: nb('judgments.pass'), exact: true }).check();
      await form.getByRole('textbox', { name: nb('judgments.rationale') }).fill(`${j.criterionId}: oppfylt etter søknaden og vedleggene.`);
      await form.getByRole('button', { name: nb('judgments.save'), exact: true }).click();
      await visible(snackbar(page).getByText(nb('judgments.saved', { id: j.criterionId })));
      await traffic.settled();
    }
    // Nothing left: the strip says so and leads to the recommendation.
    await visible(caseHeader(page).getByText(nb('whatIsLeft.none')));
    expect(await stripParts(page)).toEqual([]);
    const latest = (await app.api('kari', 'GET', `/api/applications/${target.id}/evaluations/latest`)).body;
    expect(latest.grantBlockers).toEqual([]);
    await expectAccessibleWhenStill(page, 'the case with nothing left');
    await screenshot(page, 'approver-nothing-left');
  });

  step('3. kari recommends the grant: the button can be used now', async () => {
    const { page } = e2e;
    await caseHeader(page)
      .getByRole('button', { name: nb('whatIsLeft.toRecommendation') })
      .click();
    const panel = page.getByRole('tabpanel');
    const form = await visible(panel.getByRole('form', { name: nb('recommendation.title') }));
    await form.getByRole('radio', { name: nb('recommendation.grant'), exact: true }).check();
    await expect(form.getByRole('note', { name: nb('recommendation.blockers') }).count()).resolves.toBe(0);
    await form.getByRole('textbox', { name: nb('recommendation.amount'), exact: true }).fill(String(REQUESTED));
    await form.getByRole('checkbox', { name: await conditionText(CONDITION) }).check();
    await form.getByRole('textbox', { name: nb('recommendation.justification'), exact: true }).fill(JUSTIFICATION);
    const submit = form.getByRole('button', { name: nb('recommendation.submit'), exact: true });
    expect(await submit.getAttribute('aria-disabled')).not.toBe('true');
    await submit.click();
    await visible(snackbar(page).getByText(nb('recommendation.sent', { reference: target.reference })));
    await expectStatus(page, 'recommended');
    await traffic.settled();
  });

  step('4. ingrid opens the control, sees every part, and returns it with a comment', async () => {
    const { page, app } = e2e;
    await logOut(page, 'Kari Nordmann');
    await logInAs(page, app.baseUrl, 'ingrid');
    await page.goto(`${app.baseUrl}/cases/${target.id}?tab=decision`);
    await expectStatus(page, 'recommended');
    const panel = page.getByRole('tabpanel');
    const control = await visible(panel.getByRole('region', { name: nb('decision.recommendation'), exact: true }));
    for (const part of ['recommendation', 'rules', 'judgments', 'costs', 'corrections', 'letter'] as const) {
      await visible(control.getByRole('region', { name: nb(`control.parts.${part}`), exact: true }));
    }
    await visible(control.getByRole('region', { name: nb('recommendation.conditions'), exact: true }));
    // The rules at the recommended amount, the judgments with their rationale and who recorded them.
    await visible(control.getByText(nb('control.atAmount', { amount: nbKr(REQUESTED) })));
    const judgments = control.getByRole('region', { name: nb('control.parts.judgments'), exact: true });
    await visible(judgments.getByText(`${applicable[0].criterionId}: oppfylt etter søknaden og vedleggene.`));
    await visible(judgments.getByText(/Kari Nordmann/).first());
    await visible(control.getByRole('status').filter({ hasText: nb('control.progress', { seen: 0, total: 7 }) }));
    await traffic.settled();
    await expectAccessibleWhenStill(page, 'the approver’s control');
    await screenshot(page, 'approver-control');

    const form = await visible(panel.getByRole('form', { name: nb('decision.formTitle') }));
    await form.getByRole('radio', { name: nb('decision.return'), exact: true }).check();
    await form.getByRole('combobox', { name: nb('decision.reasonCode') }).click();
    await page.getByRole('option', { name: nb('decision.reasons.missing-justification') }).click();
    await form.getByRole('textbox', { name: nb('decision.comment') }).fill(RETURN_COMMENT);
    await form.getByRole('button', { name: nb('decision.submitReturn'), exact: true }).click();
    await visible(snackbar(page).getByText(nb('decision.returned', { reference: target.reference })));
    await expectStatus(page, 'in_review');
    await traffic.settled();
  });

  step('5. kari sees the case as returned, with the comment, and the new recommendation filled in from the last', async () => {
    const { page, app } = e2e;
    await logOut(page, 'Ingrid Berg');
    await logInAs(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/cases/${target.id}`);
    const badge = await visible(caseHeader(page).getByRole('note', { name: nb('returns.badge') }));
    await visible(badge.getByText(/Ingrid Berg/));
    await visible(badge.getByText(nb('decision.reasons.missing-justification'), { exact: false }));
    await visible(badge.getByText(RETURN_COMMENT));
    await traffic.settled();
    await expectAccessibleWhenStill(page, 'the returned case');
    await screenshot(page, 'approver-returned-case');

    // She answers the comment: a new rationale for J-NEED-01.
    const rules = await openTab(page, 'rules');
    const need = applicable.find((j) => j.criterionId === 'J-NEED-01')!;
    const needForm = rules.getByRole('form', { name: `${need.criterionId} ${need.title.nb}` });
    await needForm.getByRole('textbox', { name: nb('judgments.rationale') }).fill(NEED_RATIONALE);
    await needForm.getByRole('button', { name: nb('judgments.save'), exact: true }).click();
    await visible(snackbar(page).getByText(nb('judgments.saved', { id: need.criterionId })));
    await traffic.settled();

    const panel = await openTab(page, 'decision');
    const form = await visible(panel.getByRole('form', { name: nb('recommendation.title') }));
    await visible(form.getByRole('status').filter({ hasText: /returnert/ }));
    await expect(form.getByRole('radio', { name: nb('recommendation.grant'), exact: true }).isChecked()).resolves.toBe(true);
    const amount = await form.getByRole('textbox', { name: nb('recommendation.amount'), exact: true }).inputValue();
    expect(amount.replace(/\D/g, '')).toBe(String(REQUESTED));
    await expect(form.getByRole('textbox', { name: nb('recommendation.justification'), exact: true }).inputValue()).resolves.toBe(
      JUSTIFICATION,
    );
    await expect(form.getByRole('checkbox', { name: await conditionText(CONDITION) }).isChecked()).resolves.toBe(true);
    await expectAccessibleWhenStill(page, 'the prefilled recommendation form');
    await screenshot(page, 'approver-prefilled-form');

    await form
      .getByRole('textbox', { name: nb('recommendation.justification'), exact: true })
      .fill(`${JUSTIFICATION} Behovet for støtte er utdypet under J-NEED-01.`);
    await form.getByRole('button', { name: nb('recommendation.submit'), exact: true }).click();
    await visible(snackbar(page).getByText(nb('recommendation.sent', { reference: target.reference })));
    await expectStatus(page, 'recommended');
    await traffic.settled();
    const recommendations = (await app.api('kari', 'GET', `/api/applications/${target.id}/recommendations`)).body;
    expect(recommendations).toHaveLength(2);
    expect(recommendations[1]).toMatchObject({ outcome: 'grant', amountNok: REQUESTED, returned: null });
    expect(recommendations[1].conditions.map((c: any) => c.code)).toContain(CONDITION);
  });

  step(
    '6. ingrid sees the changes since the return, marks every part seen, decides through the confirmation and opens the letter',
    async () => {
      const { page, app } = e2e;
      await logOut(page, 'Kari Nordmann');
      await logInAs(page, app.baseUrl, 'ingrid');
      await page.goto(`${app.baseUrl}/cases/${target.id}?tab=decision`);
      await expectStatus(page, 'recommended');
      await visible(caseHeader(page).getByText(nb('returns.resubmitted')));
      const panel = page.getByRole('tabpanel');

      // What changed since the return: the judgment's rationale, formatted, with Kari's name.
      const changes = await visible(panel.getByRole('region', { name: nb('decision.changesTitle') }));
      const row = changes.locator('tbody tr').filter({ hasText: nb('timeline.kinds.judgment') });
      await visible(row.getByText(`${nb('outcome.pass')}: ${NEED_RATIONALE}`));
      await visible(row.getByText(/Kari Nordmann/));
      expect(await changes.textContent()).not.toMatch(/rationale:|outcome:|amountNok|\bkari\b/);
      // The recommendation sent again, in words: the status it came to, the outcome and the amount.
      const sent = changes.locator('tbody tr').filter({ hasText: nb('timeline.kinds.recommendation') });
      await visible(sent.getByText(`${nb('status.recommended')}, ${nb('recommendation.grant')}, ${nbKr(REQUESTED)}`));

      const control = await visible(panel.getByRole('region', { name: nb('decision.recommendation'), exact: true }));
      const form = await visible(panel.getByRole('form', { name: nb('decision.formTitle') }));
      await form.getByRole('radio', { name: nb('decision.approve'), exact: true }).check();
      const approve = form.getByRole('button', { name: nb('decision.submitApprove'), exact: true });
      // Not before every part is seen (eight with the changes), and it says so.
      // (after the choice of approve has reached the form, which takes a moment on a loaded machine)
      await eventually(async () => expect(await approve.getAttribute('aria-disabled')).toBe('true'));
      await visible(form.getByText(nb('control.unseen.other', { count: 8 })));

      const seen = panel.getByRole('checkbox', { name: new RegExp(`^${nb('control.seen')}\\b`) });
      await eventually(async () => expect(await seen.count()).toBe(8));
      for (let i = 0; i < 8; i++) await seen.nth(i).check();
      await visible(control.getByRole('status').filter({ hasText: nb('control.progress', { seen: 8, total: 8 }) }));
      await eventually(async () => expect(await approve.getAttribute('aria-disabled')).not.toBe('true'));
      // The marks are kept: a reload shows them.
      await page.reload();
      await visible(control.getByRole('status').filter({ hasText: nb('control.progress', { seen: 8, total: 8 }) }));
      await traffic.settled();
      await expectAccessibleWhenStill(page, 'the approver’s control, all seen');
      await screenshot(page, 'approver-control-seen');

      await form.getByRole('radio', { name: nb('decision.approve'), exact: true }).check();
      await approve.click();
      const dialog = await visible(page.getByRole('dialog', { name: nb('approveDialog.title') }));
      await visible(dialog.getByText(target.reference, { exact: true }));
      await visible(dialog.getByText(target.applicantName, { exact: true }));
      await visible(dialog.getByText(nbKr(REQUESTED), { exact: true }));
      await visible(dialog.getByText(nb('approveDialog.irreversible')));
      await expectAccessibleWhenStill(page, 'the confirmation of the decision');
      await screenshot(page, 'approver-confirm');

      // The progress is shown while the decision is made.
      await page.evaluate((running) => {
        const w = window as any;
        w.__progressSeen = false;
        w.__progressObserver = new MutationObserver(() => {
          if (document.body.textContent?.includes(running)) w.__progressSeen = true;
        });
        w.__progressObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
      }, nb('approveDialog.running'));
      const started = Date.now();
      await dialog.getByRole('button', { name: nb('approveDialog.confirm'), exact: true }).click();
      const done = await visible(page.getByRole('dialog', { name: nb('approveDialog.doneTitle') }), UI_TIMEOUT * 2);
      process.stdout.write(`[e2e] the decision through the dialog took ${Date.now() - started} ms (a loaded machine)\n`);
      expect(await page.evaluate(() => (window as any).__progressSeen)).toBe(true);
      await visible(done.getByText(nb('approveDialog.done', { reference: target.reference })));

      // The letter opens in a new tab.
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/applications/${target.id}/decision/letter.pdf`, {
        timeout: UI_TIMEOUT * 2,
      });
      const opened = page.context().waitForEvent('page', { timeout: UI_TIMEOUT * 2 });
      await done.getByRole('button', { name: nb('approveDialog.openLetter') }).click();
      const [response, tab] = await Promise.all([answered, opened]);
      expect(response.status()).toBe(200);
      expect(tab.url()).toMatch(/^blob:/);
      await tab.close();
      const letter = plain(await extractPdfText(await response.body()));
      expect(letter).toContain(target.reference);
      expect(letter).toContain(target.applicantName);
      await visible(done.getByRole('link', { name: nb('approveDialog.letterLink') }));
      await expectAccessibleWhenStill(page, 'the decision made');
      await screenshot(page, 'approver-decided-dialog');
      await done.getByRole('button', { name: nb('common.close'), exact: true }).click();
      await expectStatus(page, 'decided');
      await visible(panel.getByRole('region', { name: nb('decision.decided'), exact: true }));
      const stored = (await app.api('ingrid', 'GET', `/api/applications/${target.id}`)).body;
      expect(stored).toMatchObject({ status: 'decided', decision: { outcome: 'granted' } });
      await screenshot(page, 'approver-decided');
    },
  );
});

/** A standard condition's bokmål text, as GET /api/conditions gives it. */
async function conditionText(code: string): Promise<string> {
  const conditions = await e2e.app.api('kari', 'GET', '/api/conditions');
  return conditions.body.find((c: any) => c.code === code).text.nb;
}
