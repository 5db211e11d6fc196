import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { BrowserSession, fontsLoaded, launchBrowser, LaunchOptions } from './browser';
import { ConsoleApp, nb, SeedPlan, startConsoleApp } from './console-app';

export const ARTIFACTS_DIR = resolve(__dirname, '../../test-artifacts');
export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots');
export const METRICS_FILE = join(ARTIFACTS_DIR, 'e2e-metrics.json');

export interface E2e {
  app: ConsoleApp;
  browser: BrowserSession;
  page: Page;
  /** A jest test that leaves a screenshot (test-artifacts/screenshots/FAILED-*.png) when it fails. */
  test(name: string, fn: () => Promise<void>, timeout?: number): void;
}

/**
 * Registers the hooks of a journey file: the app with its demo office and a
 * browser before all, and after each test a check that the console stayed
 * offline and threw nothing. The returned object is filled in by beforeAll.
 */
export function useConsole(plan: SeedPlan = {}, launch: LaunchOptions = {}): E2e {
  const e2e = {} as E2e;
  // The tests of a file are the steps of one journey: after a broken step the rest cannot start.
  let brokenAt: string | null = null;
  e2e.test = (name, fn, timeout) =>
    it(
      name,
      async () => {
        if (brokenAt) throw new Error(`not run: the journey broke at the step "${brokenAt}"`);
        try {
          await fn();
        } catch (error) {
          brokenAt = name;
          await screenshot(e2e.page, `${failedPrefix()}${name}`.replace(/[^\w.-]+/g, '-')).catch(() => undefined);
          throw error;
        }
      },
      timeout,
    );
  beforeAll(async () => {
    // Screenshots of an earlier failed run of this file would mislead.
    const prefix = failedPrefix().replace(/[^\w.-]+/g, '-');
    if (existsSync(SCREENSHOTS_DIR)) {
      for (const f of readdirSync(SCREENSHOTS_DIR)) if (f.startsWith(prefix)) rmSync(join(SCREENSHOTS_DIR, f), { force: true });
    }
    const [app, browser] = await Promise.all([startConsoleApp(plan), launchBrowser(launch)]);
    e2e.app = app;
    e2e.browser = browser;
    e2e.page = browser.page;
  });
  afterEach(() => {
    e2e.browser?.assertClean();
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.app?.close();
  });
  return e2e;
}

function failedPrefix(): string {
  return `FAILED-${basename(expect.getState().testPath ?? 'journey').replace(/\.e2e\.ts$/, '')}-`;
}

/** Retries an assertion until it passes or the time is up (an expect.poll for jest). */
export async function eventually<T>(assertion: () => T | Promise<T>, { timeout = 10_000, interval = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}

/** Waits for the locator to be visible and returns it. */
export async function visible(locator: Locator, timeout?: number): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout });
  return locator;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await fontsLoaded(page);
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** Merges measurements into test-artifacts/e2e-metrics.json (files run in parallel; each writes its own keys). */
export function recordMetrics(metrics: Record<string, unknown>): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  let current: Record<string, unknown> = {};
  if (existsSync(METRICS_FILE)) {
    try {
      current = JSON.parse(readFileSync(METRICS_FILE, 'utf8'));
    } catch {
      current = {};
    }
  }
  const tmp = `${METRICS_FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ ...current, ...metrics }, null, 2)}\n`);
  renameSync(tmp, METRICS_FILE);
}

/** The snackbar (Material's has no role on Chromium: it is an aria-live region). */
export function snackbar(page: Page): Locator {
  return page.locator('mat-snack-bar-container');
}

/** The queue table of the page and its data rows. */
export function queueTable(page: Page): { table: Locator; rows: Locator } {
  const table = page.locator('table[mat-table]');
  return { table, rows: table.locator('tr.queue-row') };
}

/** The queue row showing a case reference. */
export function rowOf(page: Page, reference: string): Locator {
  return queueTable(page).rows.filter({ has: page.getByRole('link', { name: reference, exact: true }) });
}

/**
 * Logs in through the form (bokmål labels) and waits for the home page: the first queue showing
 * rows, or for a manager the dashboard.
 */
export async function logIn(page: Page, baseUrl: string, username: string, password = 'demo'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(nb('login.username')).fill(username);
  await page.getByLabel(nb('login.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: nb('login.submit'), exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  if (new URL(page.url()).pathname.startsWith('/dashboard')) {
    await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
  } else {
    await queueTable(page).rows.first().waitFor({ state: 'visible' });
  }
}
