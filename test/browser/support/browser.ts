/**
 * Real Chromium for the browser tests: Debian's package, driven by playwright-core (no
 * browser download). The production server (`createServer`) runs in-process on a loopback
 * port; Chromium resolves no host name (CHROMIUM_LAUNCH), so nothing leaves the machine.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { inject } from 'vitest';
import type { BuildOptions } from '../../../src/build.js';
import { startSharedApp } from '../../support/app.js';

/** The run's one Chromium (started by globalSetup), connected to from this test file. */
export function sharedBrowser(): Promise<Browser> {
  return chromium.connect(inject('browserEndpoint'));
}

export interface Harness {
  origin: string;
  browser: Browser;
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

/** `overrides`: build options other than the real content's defaults, such as another `siteUrl`. */
export async function startHarness(overrides: Partial<BuildOptions> = {}): Promise<Harness> {
  const server = await startSharedApp(overrides);
  const { origin } = server;
  const browser = await sharedBrowser();
  const contexts: BrowserContext[] = [];
  return {
    origin,
    browser,
    async newContext(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      contexts.push(context);
      return context;
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
      await browser.close(); // disconnects this file; the run's Chromium stays for the others
      await server.close();
    },
  };
}

export interface CrawledPage {
  /** Path on the site, such as /referral. */
  path: string;
  status: number;
  /** The HTML exactly as served. */
  html: string;
}

/** A path that is not a page, to check the 404 page like any other. */
export const MISSING_PATH = '/this-page-does-not-exist';

/**
 * Every page reachable from / by following same-origin links (fragments dropped), plus the
 * 404 page. A new page is covered as soon as something links to it. Bounded in count.
 */
export async function crawl(context: BrowserContext, origin: string, limit = 200): Promise<CrawledPage[]> {
  const page = await context.newPage();
  const seen = new Set<string>(['/']);
  const queue = ['/'];
  const pages: CrawledPage[] = [];
  try {
    while (queue.length && pages.length < limit) {
      const path = queue.shift()!;
      const response = await page.goto(origin + path, { waitUntil: 'load' });
      if (!response) throw new Error(`No response for ${path}`);
      pages.push({ path, status: response.status(), html: await response.text() });
      const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => (link as HTMLAnchorElement).href));
      // GET forms (the search box) are followed too, filled in as a family would fill them.
      const searches = await page.$$eval('form', (forms) =>
        forms
          .filter((form) => form.method.toLowerCase() === 'get')
          .map((form) => {
            const url = new URL(form.action);
            for (const field of [...form.elements] as HTMLInputElement[]) if (field.name) url.searchParams.set(field.name, 'referral');
            return url.href;
          }),
      );
      for (const href of [...hrefs, ...searches]) {
        const url = new URL(href);
        if (url.origin !== origin) continue;
        const target = url.pathname + url.search;
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    const response = await page.goto(origin + MISSING_PATH);
    pages.push({ path: MISSING_PATH, status: response!.status(), html: await response!.text() });
  } finally {
    await page.close();
  }
  return pages;
}
