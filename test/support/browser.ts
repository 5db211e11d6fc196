import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Hosts the console may talk to: the app under test, nothing else. The app must work offline. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Requests that tried to leave the machine (blocked). */
  offsite: string[];
  /** Uncaught exceptions in the page and Content-Security-Policy violations. */
  pageErrors: string[];
  /** Throws when the page tried to go offsite or failed with an uncaught error. */
  assertClean(): void;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Locale of the browser (Accept-Language, navigator.language); the console's own default is bokmål. */
  locale?: string;
  viewport?: { width: number; height: number };
}

/**
 * Debian's Chromium through playwright-core, headless, with a throwaway profile.
 * Every request that leaves 127.0.0.1/localhost is blocked and recorded.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: run apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'tilsagn-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      locale: options.locale ?? 'nb-NO',
      timezoneId: 'Europe/Oslo',
      viewport: options.viewport ?? { width: 1440, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }

  const offsite: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    // The browser's own pages (its PDF viewer, opened for a letter in a new tab) are not the network.
    if (/^(chrome|chrome-extension|blob|data):/.test(url)) return route.continue();
    let host = '';
    try {
      host = new URL(url).host.replace(/:\d+$/, '');
    } catch {
      // not a URL we can read: treat as offsite
    }
    if (LOCAL_HOSTS.has(host)) return route.continue();
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(/.*/, (ws) => {
    const host = new URL(ws.url()).host.replace(/:\d+$/, '');
    if (LOCAL_HOSTS.has(host)) ws.connectToServer();
    else {
      offsite.push(ws.url());
      void ws.close();
    }
  });

  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(`uncaught in page: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (!/Content Security Policy/i.test(text)) return;
      const hint = /inline event handler/i.test(text)
        ? " (likely cause: Angular's critical-CSS inlining writes <link rel=stylesheet media=print onload=\"this.media='all'\">, " +
          "which the CSP's script-src-attr 'none' blocks, so the full stylesheet and the icon font never apply; " +
          'set optimization.styles.inlineCritical to false in frontend/angular.json)'
        : '';
      pageErrors.push(`CSP violation: ${text}${hint}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(15_000);

  return {
    context,
    page,
    offsite,
    pageErrors,
    assertClean() {
      const problems: string[] = [];
      if (offsite.length) {
        problems.push(
          `The console tried to reach the network outside 127.0.0.1 (it must work offline):\n  ${[...new Set(offsite)].join('\n  ')}`,
        );
      }
      if (pageErrors.length) problems.push(`Errors in the page:\n  ${pageErrors.join('\n  ')}`);
      offsite.length = 0;
      pageErrors.length = 0;
      if (problems.length) throw new Error(problems.join('\n'));
    },
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Waits for the web fonts, the icon font first: until it has loaded, icons show
 * their ligature names ("menu", "visibility") as text, in screenshots and to axe.
 */
export async function fontsLoaded(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.load('24px "Material Symbols Outlined"', 'menu').catch(() => undefined);
    await document.fonts.ready;
  });
}
