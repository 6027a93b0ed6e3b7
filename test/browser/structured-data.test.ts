/**
 * The JSON-LD on the pages in real Chromium: the Content Security Policy neither blocks it nor
 * warns about it (it is data, not script), and the browser reads it as the service and a
 * breadcrumb trail. A script the policy does not allow, added to the same page, is reported,
 * which shows the check can see a violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { MISSING_PATH, startHarness } from './support/browser.js';
import { chromiumAvailable } from './support/chromium.js';

const harness = chromiumAvailable() ? await startHarness() : undefined;
afterAll(async () => {
  await harness?.close();
});

interface Seen {
  violations: string[];
  console: string[];
}

/**
 * One tab, kept for the file, that records every CSP violation event of the page it shows
 * and every console message about the policy (`seen`, emptied by `watch` before each check).
 */
let watched: { page: Page; seen: Seen } | undefined;
async function watch(path: string): Promise<{ page: Page; seen: Seen }> {
  if (!watched) {
    const context = await harness!.newContext();
    await context.addInitScript(() => {
      const record: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = record;
      document.addEventListener('securitypolicyviolation', (event) => record.push(`${event.violatedDirective}: ${event.blockedURI}`));
    });
    const page = await context.newPage();
    const seen: Seen = { violations: [], console: [] };
    page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy|ld\+json/i.test(message.text())) seen.console.push(message.text());
    });
    watched = { page, seen };
  }
  watched.seen.console.length = 0;
  await watched.page.goto(harness!.origin + path, { waitUntil: 'load' });
  return watched;
}

const violationsIn = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

describe.skipIf(!harness)('structured data in Chromium', () => {
  it.each(['/', '/contact', '/referral', '/search?q=referral', MISSING_PATH])(
    '%s: the policy neither blocks nor warns about the JSON-LD, and the browser reads it',
    async (path) => {
      const { page, seen } = await watch(path);
      const data = await page.$$eval('script[type="application/ld+json"]', (scripts) =>
        scripts.map((s) => JSON.parse(s.textContent ?? '') as { '@type': string }),
      );
      const types = data.map((d) => d['@type']);
      expect(types[0]).toBe('GovernmentService');
      expect(types.slice(1)).toEqual(path.startsWith('/search') || path === MISSING_PATH ? [] : ['BreadcrumbList']);
      expect(await violationsIn(page)).toEqual([]);
      expect(seen.console).toEqual([]);
    },
  );

  it('a script the policy does not allow is reported on the same page (the check sees violations)', async () => {
    const { page, seen } = await watch('/contact');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__ran = true';
      document.head.append(script);
    });
    await expect.poll(() => violationsIn(page)).toEqual([expect.stringContaining('script-src')]);
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    await expect.poll(() => seen.console.length).toBeGreaterThan(0);
  });
});
