/**
 * Helpers for journeys that work a case through the console: a grantable
 * application seeded through intake, the console's money format, the case
 * tabs, the API traffic the page makes, logging out.
 */
import type { Locator, Page, Request } from 'playwright-core';
import { formatViolations, runAxe } from './axe';
import { ConsoleApp, nb } from './console-app';
import { eventually, snackbar, visible } from './e2e';
import { sampleApplication } from './fixtures';

export interface IntakeCase {
  id: string;
  reference: string;
  version: number;
  applicantName: string;
  title: string;
  doc: any;
}

/**
 * The docs/intake.md example made grantable (as test/integration/workflow.spec.ts
 * `grantable()`): more consultancy, no other public aid on the same costs, and
 * a request under the maximum aid. Eligible costs 2 690 000, maximum aid 1 345 000.
 */
export function grantableApplication(externalRef: string, requestedAmountNok: number): any {
  const doc = sampleApplication(externalRef);
  doc.costLines[1].amountNok = 1_000_000;
  doc.aid.requestedAmountNok = requestedAmountNok;
  doc.otherPublicAid = [];
  return doc;
}

/** Sends an application through the real intake endpoint as `portal`. */
export async function intake(app: ConsoleApp, doc: any): Promise<IntakeCase> {
  const res = await app.api('portal', 'POST', '/api/applications', doc);
  if (res.status !== 201) throw new Error(`intake failed with ${res.status}: ${JSON.stringify(res.body)}`);
  return {
    id: res.body.id,
    reference: res.body.reference,
    version: res.body.version,
    applicantName: doc.applicant.name,
    title: doc.project.title,
    doc,
  };
}

/**
 * Whole kroner as the console writes them in bokmål (frontend/src/app/shared/format.ts
 * `formatNok`, Angular's nb locale): no-break spaces between the groups and before "kr",
 * e.g. "1 295 000 kr" is "1\u00a0295\u00a0000\u00a0kr".
 */
export function nbKr(amount: number): string {
  return `${String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}\u00a0kr`;
}

/** A number as the console writes it in bokmål (groups with no-break spaces). */
export function nbNumber(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

/** Reads an amount written as "1 295 000 kr" (any kind of space) back as a number. */
export function parseKr(text: string | null): number {
  const digits = (text ?? '').replace(/[^\d-]/g, '');
  if (!digits) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  return Number(digits);
}

/** Text with every kind of space as a plain one, trimmed: for messages that quote the text. */
export function plain(text: string | null): string {
  return (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

export type CaseTabKey = 'overview' | 'rules' | 'costs' | 'documents' | 'notes' | 'timeline' | 'decision';

/** Opens a tab of the case page and waits for it to be the selected one, its address included. */
export async function openTab(page: Page, tab: CaseTabKey): Promise<Locator> {
  const name = nb(`case.tabs.${tab}`);
  const tabs = page.getByRole('tablist');
  await tabs.getByRole('tab', { name, exact: true }).click();
  await visible(tabs.getByRole('tab', { name, exact: true, selected: true }));
  await page.waitForURL((url) => (url.searchParams.get('tab') ?? 'overview') === tab);
  return page.getByRole('tabpanel');
}

/** The header of the case page. */
export function caseHeader(page: Page): Locator {
  return page.locator('header.case-header');
}

/** Waits until the case header shows a status (the status badge's text). */
export async function expectStatus(page: Page, status: string): Promise<void> {
  const facts = caseHeader(page)
    .locator('dl.facts > div')
    .filter({ has: page.getByText(nb('case.status'), { exact: true }) });
  await visible(facts.locator('dd').getByText(nb(`status.${status}`), { exact: true }));
}

/**
 * The requests the console makes to the API, as they happen: what went out,
 * in order, and a wait for the moment none is in flight.
 */
export class ApiTraffic {
  readonly log: { method: string; path: string; at: number }[] = [];
  private readonly inFlight = new Set<Request>();

  constructor(page: Page) {
    // The notifications' event stream stays open as long as the console does: it is not traffic to wait for.
    const isApi = (r: Request) => {
      try {
        const { pathname } = new URL(r.url());
        return pathname.startsWith('/api/') && pathname !== '/api/notifications/stream';
      } catch {
        return false;
      }
    };
    page.on('request', (r) => {
      if (!isApi(r)) return;
      this.inFlight.add(r);
      this.log.push({ method: r.method(), path: new URL(r.url()).pathname, at: Date.now() });
    });
    page.on('requestfinished', (r) => this.inFlight.delete(r));
    page.on('requestfailed', (r) => this.inFlight.delete(r));
  }

  /** The requests since a mark (an index into the log), as "METHOD /path". */
  since(mark: number): string[] {
    return this.log.slice(mark).map((e) => `${e.method} ${e.path}`);
  }

  mark(): number {
    return this.log.length;
  }

  /** Waits until no API request of the page is in flight. */
  async settled(timeout = 30_000): Promise<void> {
    await eventually(
      () => {
        if (this.inFlight.size)
          throw new Error(`API requests still in flight: ${[...this.inFlight].map((r) => `${r.method()} ${r.url()}`).join(', ')}`);
      },
      { timeout, interval: 25 },
    );
  }
}

/** Logs out through the user menu and waits for the login page. */
export async function logOut(page: Page, displayName: string): Promise<void> {
  await page.getByRole('button', { name: nb('shell.userMenu', { name: displayName }) }).click();
  await page.getByRole('menuitem', { name: nb('shell.logout') }).click();
  await page.waitForURL(/\/login/);
  await visible(page.getByRole('button', { name: nb('login.submit'), exact: true }));
}

/** Waits for the page's running CSS animations and transitions (a snackbar sliding in, a tab ink bar) to end. */
export async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let round = 0; round < 5; round++) {
      const running = document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
      if (!running.length) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
}

/**
 * axe on the page once it is still (same rules and verdict as `expectAccessible`).
 * A snackbar that is fading in or out is measured mid-transition, its colours
 * blended with the page: axe then reports a contrast of about 3:1 for text that
 * has about 12:1 when shown. When the only serious violations are inside a
 * snackbar, the scan is repeated once the snackbar has closed; a snackbar that
 * fails when still is still caught by the scans where it stands on screen.
 */
export async function expectAccessibleWhenStill(page: Page, label: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await animationsDone(page);
    const violations = await runAxe(page);
    const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const inSnackbar = blocking.length > 0 && blocking.every((v) => v.nodes.every((n) => /snack/i.test(JSON.stringify(n.target))));
    if (inSnackbar && attempt === 1) {
      process.stdout.write(`[axe] ${label}: a snackbar was measured mid-transition; scanning again once it has closed\n`);
      await snackbar(page).waitFor({ state: 'detached', timeout: 30_000 });
      continue;
    }
    const other = violations.filter((v) => !blocking.includes(v));
    if (other.length) {
      process.stdout.write(`[axe] ${label}: ${other.length} minor/moderate violation(s), not failing:\n${formatViolations(other)}\n`);
    }
    if (blocking.length) {
      throw new Error(
        `axe found ${blocking.length} serious/critical WCAG 2.1 AA violation(s) on ${label} (${page.url()}):\n${formatViolations(blocking)}`,
      );
    }
    return;
  }
}
