/**
 * axe-core in the page: injects axe.source and runs it on the whole document. Returns the
 * violations in a compact, printable form.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface Violation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

export async function axeViolations(page: Page): Promise<Violation[]> {
  const injected = await page.evaluate(() => 'axe' in window);
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy does not govern
  // (a script tag with the source inline would be refused, as it should be).
  if (!injected) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const results = await w.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary ?? '' })),
    }));
  });
}

export const isSerious = (v: Violation): boolean => v.impact === 'serious' || v.impact === 'critical';

/** One line per violation and one per element, for the test's output. */
export function describeViolations(where: string, violations: readonly Violation[]): string {
  if (violations.length === 0) return `axe ${where}: no violations`;
  const lines = [`axe ${where}: ${violations.length} violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) lines.push(`      ${n.target}  ${n.html}${n.summary ? `\n        ${n.summary.replace(/\n/g, '\n        ')}` : ''}`);
  }
  return lines.join('\n');
}
