/**
 * The last lines of a test run: how many pages the browser suite checked in Chromium, or,
 * loudly, that it did not check them and why. Silent when the run had no browser test file.
 */
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import { chromiumMissing } from '../browser/support/chromium.js';

export default class BrowserSummary implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const modules = testModules.filter((module) => /[/\\]test[/\\]browser[/\\]/.test(module.moduleId));
    if (!modules.length) return;
    const tests = modules.flatMap((module) => [...module.children.allTests()]);
    const count = (state: string) => tests.filter((test) => test.result().state === state).length;
    const [passed, failed, skipped] = [count('passed'), count('failed'), count('skipped')];
    const crawl = tests.find((test: TestCase) => test.meta().browserPages);
    const log = (text: string) => (this.vitest ? this.vitest.logger.log(text) : console.log(text));

    if (crawl && passed + failed > 0) {
      const { browserPages: pages = [], browserVersion } = crawl.meta();
      const outcome = failed ? `${failed} of ${passed + failed} browser tests FAILED` : `all ${passed} browser tests passed`;
      log(`\nBrowser checks: ${pages.length} pages checked in Chromium ${browserVersion} (${outcome}): ${pages.join(', ')}\n`);
      return;
    }
    const moduleErrors = modules.flatMap((module) => module.errors().map((error) => error.message));
    const why = chromiumMissing() ?? (moduleErrors.length ? moduleErrors.join('; ') : `${skipped} browser tests were skipped`);
    const line = '!'.repeat(78);
    log(
      [
        '',
        line,
        '!! BROWSER CHECKS DID NOT RUN: 0 pages checked in Chromium.',
        `!! Why: ${why}.`,
        '!! No page was checked for accessibility, reflow, zoom, keyboard, print or no-JavaScript.',
        '!! Install Chromium (apt-get install chromium) or set CHROMIUM_PATH, then run npm test again.',
        line,
        '',
      ].join('\n'),
    );
  }
}
