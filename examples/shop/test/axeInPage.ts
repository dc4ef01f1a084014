import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Locator } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: Promise<string> | undefined;

/**
 * Runs axe-core (WCAG 2.2 A/AA and best practices) in the page on `scope`, as Chromium lays it out,
 * and returns each violation as `rule: elements`. axe is evaluated through the browser's debugging
 * protocol, which the page's Content-Security-Policy does not govern.
 *
 * @example expect(await axeViolations(dialog)).toEqual([]);
 */
export async function axeViolations(scope: Locator): Promise<string[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const page = scope.page();
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await source);
  return scope.evaluate(async (element) => {
    const axe = (window as unknown as { axe: { run(context: Element, options: RunOptions): Promise<AxeResults> } }).axe;
    const results = await axe.run(element, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false }, 'landmark-one-main': { enabled: false } },
    });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
  });
}
