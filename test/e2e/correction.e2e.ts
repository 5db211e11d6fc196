/**
 * Journey: a caseworker corrects one of the applicant's facts. Kari's case says
 * the applicant has no public owners; the register says a municipality holds
 * 30 %. She corrects the figure on the overview with a reason, sees both values
 * side by side, and the rules tab shows the size class the corrected figure
 * gives: 25 % or more public ownership makes an enterprise large (docs/rules.md (SME-01)).
 * The form is checked with axe.
 */
import { expectAccessibleWhenStill, intake, IntakeCase, openTab } from '../support/casework';
import { nb } from '../support/console-app';
import { sampleApplication } from '../support/fixtures';
import { logIn, screenshot, snackbar, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 2, assigned: { kari: 1 } });

describe('correcting a fact', () => {
  let target: IntakeCase;

  beforeAll(async () => {
    target = await intake(e2e.app, sampleApplication(`P-E2E-FACT-${Date.now()}`));
    for (const [path, body] of [
      [`/api/applications/${target.id}/assign`, { assignee: 'kari' }],
      [`/api/applications/${target.id}/status`, { status: 'in_review' }],
    ] as const) {
      const res = await e2e.app.api('kari', 'POST', path, body);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
  });

  e2e.test('corrects the public ownership with a reason, and the evaluation uses the correction', async () => {
    const { page, app } = e2e;
    await logIn(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/cases/${target.id}`);
    const rules = await openTab(page, 'rules');
    const sizeBefore = await visible(rules.locator('dt', { hasText: nb('rules.sizeClass') }).locator('xpath=following-sibling::dd[1]'));
    expect(await sizeBefore.textContent()).not.toContain(nb('sizeClass.large'));

    const overview = await openTab(page, 'overview');
    const form = overview.locator('app-fact-correction-form');
    await visible(form.getByRole('heading', { name: nb('corrections.formTitle') }));
    await expectAccessibleWhenStill(page, 'the fact correction form');

    await form.getByRole('combobox', { name: nb('corrections.fact') }).click();
    await page.getByRole('option', { name: nb('overview.publicOwnership'), exact: true }).click();
    await visible(form.getByText(nb('corrections.now', { value: '0 %' })));
    await form.getByLabel(nb('corrections.newValue')).fill('30');
    await form.getByLabel(nb('corrections.reason')).fill('Foretaksregisteret: kommunen eier 30 %.');
    await form.getByRole('button', { name: nb('corrections.save') }).click();
    await visible(snackbar(page).getByText(nb('corrections.saved', { fact: nb('overview.publicOwnership') })));

    // Both values, who and why, in the corrections table.
    const table = overview.locator('section[aria-labelledby="ov-corrections"] table');
    const row = await visible(table.locator('tbody tr').first());
    await visible(row.getByText('Foretaksregisteret: kommunen eier 30 %.'));
    await visible(row.getByText('Kari Nordmann', { exact: false }));
    expect(await row.locator('del').textContent()).toContain('0');
    await screenshot(page, 'fact-corrected');

    const after = await openTab(page, 'rules');
    await visible(
      after
        .locator('dt', { hasText: nb('rules.sizeClass') })
        .locator('xpath=following-sibling::dd[1]')
        .getByText(nb('sizeClass.large'), { exact: true }),
    );
  });
});
