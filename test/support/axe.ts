import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { fontsLoaded } from './browser';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** Runs axe-core (WCAG 2.1 A and AA) on the page as it is now; returns every violation. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Icon fonts render their ligature names as text until loaded; axe would read those as visible text.
  await fontsLoaded(page);
  const loaded = await page.evaluate(() => typeof (window as any).axe === 'object');
  if (!loaded) {
    // The app's Content-Security-Policy forbids inline scripts (addScriptTag({content})),
    // so axe is evaluated through the DevTools protocol instead, which CSP does not govern.
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async (tags) => {
    const result = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n: any) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

/** Human-readable list of violations, for a failing test's message. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `      ${JSON.stringify(n.target)}\n        ${n.html.slice(0, 200)}\n        ${(n.failureSummary ?? '').replace(/\n/g, '\n        ')}`,
        )
        .join('\n');
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
}

/**
 * Fails when the page has WCAG 2.1 A/AA violations of impact serious or critical.
 * Minor and moderate ones are printed, not failed.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await runAxe(page);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const other = violations.filter((v) => !blocking.includes(v));
  if (other.length) {
    process.stdout.write(`[axe] ${label}: ${other.length} minor/moderate violation(s), not failing:\n${formatViolations(other)}\n`);
  }
  if (blocking.length) {
    throw new Error(
      `axe found ${blocking.length} serious/critical WCAG 2.1 AA violation(s) on ${label} (${page.url()}):\n${formatViolations(blocking)}`,
    );
  }
}
