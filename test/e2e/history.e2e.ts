/**
 * Journey: kari reads a case's history. The case has been assigned, taken into review, judged
 * and had a cost line's approved amount set twice; each change ran the rulebook again. The
 * Historikk tab shows the newest change first, each rulebook re-run folded into the change that
 * caused it (no row of its own), amounts as kroner, display names, labelled fields and no JSON.
 * Turning the order to oldest first holds after a reload. The cost line's own "Historikk" lists
 * its two revisions, before → after. axe on the tab.
 */
import { expectAccessibleWhenStill, intake, IntakeCase, nbKr, openTab } from '../support/casework';
import { nb } from '../support/console-app';
import { sampleApplication } from '../support/fixtures';
import { logIn, screenshot, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 1 });

describe('a readable history', () => {
  let target: IntakeCase;

  beforeAll(async () => {
    target = await intake(e2e.app, sampleApplication(`P-E2E-HIST-${Date.now()}`));
    const detail = await e2e.app.api('kari', 'GET', `/api/applications/${target.id}`);
    const lineId: string = detail.body.costLines[0].id;
    const base = `/api/applications/${target.id}`;
    for (const [method, path, body] of [
      ['POST', `${base}/assign`, { assignee: 'kari' }],
      ['POST', `${base}/status`, { status: 'in_review' }],
      ['PUT', `${base}/judgments/J-INNO-01`, { outcome: 'pass', rationale: 'Ny løsning for bransjen.' }],
      ['PUT', `${base}/cost-lines/${lineId}/assessment`, { approvedAmountNok: 950_000, reason: 'Timeprisen er for høy.' }],
      ['PUT', `${base}/cost-lines/${lineId}/assessment`, { approvedAmountNok: 900_000, reason: 'Færre timer.' }],
    ] as const) {
      const res = await e2e.app.api('kari', method, path, body);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
  });

  e2e.test('newest first, re-evaluations folded, amounts and names written out, no JSON', async () => {
    const { page, app } = e2e;
    await logIn(page, app.baseUrl, 'kari');
    await page.goto(`${app.baseUrl}/cases/${target.id}`);
    const panel = await openTab(page, 'timeline');
    const rows = panel.locator('ol.timeline > li');
    await visible(rows.first());

    // Newest first: the second assessment, with its re-run folded in.
    const newest = rows.first();
    expect(await newest.getAttribute('data-kind')).toBe('assessment');
    await visible(newest.getByText(nb('timeline.kinds.assessment'), { exact: true }));
    await visible(newest.getByText(nbKr(900_000), { exact: true }));
    await visible(newest.getByText(nbKr(950_000), { exact: true }));
    await visible(newest.getByText(nb('timeline.fields.approvedAmountNok') + ':', { exact: true }));
    await visible(newest.locator('.rerun').getByText(new RegExp(`^${nb('timeline.reevaluated')}: `)));
    await visible(newest.getByText(/Kari Nordmann/));

    // The only rulebook run with a row of its own is the one at intake.
    const evaluations = await panel.locator('ol.timeline > li[data-kind="evaluation"]').count();
    expect(evaluations).toBe(1);
    const folded = await panel.locator('ol.timeline > li .rerun').count();
    expect(folded).toBe(3); // the judgment and the two assessments

    // Details open: still no JSON.
    for (const d of await panel.locator('details').all()) await d.locator('summary').click();
    const text = (await panel.locator('ol.timeline').innerText()) ?? '';
    expect(text).not.toMatch(/[{}"]/);
    expect(text).not.toContain('[object Object]');
    await expectAccessibleWhenStill(page, 'the history tab');
    await screenshot(page, 'history');

    // Oldest first, kept across a reload.
    await panel.getByRole('combobox', { name: nb('timeline.order') }).click();
    await page.getByRole('option', { name: nb('timeline.oldest'), exact: true }).click();
    await page.waitForFunction(() => document.querySelector('ol.timeline > li')?.getAttribute('data-kind') === 'intake');
    await page.reload();
    const again = await openTab(page, 'timeline');
    await visible(again.locator('ol.timeline[data-order="oldest"] > li').first());
    expect(await again.locator('ol.timeline > li').first().getAttribute('data-kind')).toBe('intake');
    await again.getByRole('combobox', { name: nb('timeline.order') }).click();
    await page.getByRole('option', { name: nb('timeline.newest'), exact: true }).click();
    await visible(again.locator('ol.timeline[data-order="newest"]'));
  });

  e2e.test("a cost line's own history lists its revisions, before → after", async () => {
    const { page } = e2e;
    const costs = await openTab(page, 'costs');
    const history = costs.locator('app-field-history').first();
    await history.getByText(nb('timeline.revisions'), { exact: true }).click();
    const revisions = history.locator('ol > li');
    await visible(revisions.first());
    expect(await revisions.count()).toBe(2);
    await visible(revisions.first().getByText(nbKr(900_000), { exact: true }));
    await visible(revisions.first().getByText(nbKr(950_000), { exact: true }));
    await visible(revisions.first().getByText(/Kari Nordmann/));
    expect(await history.innerText()).not.toMatch(/[{}"]/);
    await expectAccessibleWhenStill(page, "a cost line's history");
  });
});
