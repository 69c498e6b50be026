import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe-core's WCAG 2 A and AA rules on the page as it stands, for the pages of
 * issue 16 (the tokens page, the OAuth consent page). Evaluated through the
 * DevTools protocol, so the page's CSP (no script at all on the consent page) stays on.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
    }));
  });
  return violations.map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}
