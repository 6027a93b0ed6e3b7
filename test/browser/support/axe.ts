/**
 * axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, run in the page as it is now. The one way
 * every browser test runs axe, so each page is held to the same rules.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export interface AxeFindings {
  /** Each rule broken, as "id (help): the elements that break it". */
  violations: string[];
  /** The ids of the rules that found something to check and passed it. */
  passed: string[];
}

export async function axeFindings(page: Page): Promise<AxeFindings> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        // Every element only for violations: for passes, axe then keeps one element per rule
        // instead of describing each of them.
        resultTypes: ['violations'],
      }),
    WCAG_TAGS,
  );
  return {
    violations: results.violations.map(
      (rule) => `${rule.id} (${rule.help}): ${rule.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
    passed: results.passes.map((rule) => rule.id),
  };
}
