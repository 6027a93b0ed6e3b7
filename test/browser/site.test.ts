/**
 * Every page of the site in real Chromium: found by following links from the home page (so a
 * new page is covered without editing this file), plus the 404 page. Each page is checked
 * for WCAG 2.2 A and AA with axe-core, valid HTML with html-validate, a working skip link,
 * reflow at 320px, no clipped text at 200% zoom, completeness without JavaScript, visible
 * keyboard focus, target size, and clean printing.
 *
 * Without Chromium the suite is skipped with a loud warning; in CI (CI=true) it fails. The
 * crawl records the pages it found, and the run's summary (test/setup/browserSummary.ts)
 * prints how many were checked.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOptions } from '../support/app.js';
import { axeFindings } from './support/axe.js';
import { crawl, MISSING_PATH, startHarness } from './support/browser.js';
import { chromiumAvailable } from './support/chromium.js';
import { htmlErrors } from './support/htmlValidate.js';
import { clippedText, focusStyles, INTERACTIVE, pageContent, targets } from './support/inPage.js';
import { targetSizeFailures } from './support/targetSize.js';

/** The public address the harness's build is configured with, which printed links show. */
const SITE_URL = buildOptions().siteUrl;

const harness = chromiumAvailable() ? await startHarness() : undefined;
afterAll(async () => {
  await harness?.close();
});

const main = harness ? await harness.newContext() : undefined;
const crawled = harness && main ? await crawl(main, harness.origin) : [];
const paths = crawled.map((page) => page.path);
const url = (path: string) => harness!.origin + path;

/**
 * The main tab showing `path` at `width` px: loaded only if it shows something else, so the
 * checks that only read a page share one load. A check that changes the page (the focus, the
 * address) says so with `changed()`, and the next check loads it afresh.
 */
let shown: string | undefined;
async function show(path: string, width: 320 | 1280): Promise<Page> {
  const page = await tab('main');
  if (shown !== `${path} ${width}`) {
    await page.setViewportSize({ width, height: width === 1280 ? 900 : 720 });
    await page.goto(url(path));
    shown = `${path} ${width}`;
  }
  return page;
}
const changed = () => (shown = undefined);

/** Where a Tab took the focus: the element's number in the page's list (null: no element), and its look. */
interface TabStop {
  index: number | null;
  styles: string;
  html: string;
}

/** One tab per context, reused from page to page. */
const tabs = new Map<string, Page>();
async function tab(name: 'main' | 'zoom' | 'no-js'): Promise<Page> {
  let page = tabs.get(name);
  if (!page) {
    const context =
      name === 'main'
        ? main!
        : name === 'zoom'
          ? // Chromium's own zoom at 200% on a 1280px-wide window lays the page out in 640 CSS px
            // at 2 device pixels per CSS px. Emulating exactly that window tests WCAG 1.4.4
            // (resize text to 200% without loss) the way a user zooms.
            await harness!.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 })
          : await harness!.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
    tabs.set(name, page);
  }
  return page;
}

describe.skipIf(!harness)('every page in Chromium', () => {
  it('finds every page by following links from the home page, and the page not found page', ({ task }) => {
    task.meta.browserPages = paths;
    task.meta.browserVersion = harness!.browser.version();
    expect(paths).toEqual(expect.arrayContaining(['/', '/accessibility', '/privacy', '/contact', '/referral', MISSING_PATH]));
    for (const page of crawled) expect(page.status, page.path).toBe(page.path === MISSING_PATH ? 404 : 200);
    // The no-JavaScript check opens <details>; make sure the crawl gives it one to open.
    expect(crawled.some((page) => page.html.includes('<details'))).toBe(true);
  });

  it.each(crawled.map((page) => [page.path, page] as const))(
    '%s: html-validate finds no errors in the HTML as served',
    async (_path, page) => {
      expect(await htmlErrors(page.html)).toEqual([]);
    },
  );

  // Each page in turn: first the checks that only read it, sharing one load at 1280 px, then
  // those that move the focus, then 320 px wide and zoomed.
  describe.each(paths)('%s', (path) => {
    it('axe-core finds no WCAG 2.0, 2.1 or 2.2 A or AA violations', async () => {
      const page = await show(path, 1280);
      const { violations, passed } = await axeFindings(page);
      expect(violations).toEqual([]);
      // Text contrast (4.5:1, 3:1 for large text) was really measured, not skipped.
      expect(passed).toContain('color-contrast');
    });

    it('at 1280 px wide, every link and button is at least 24 by 24 px, or spaced or inline (WCAG 2.5.8)', async () => {
      const page = await show(path, 1280);
      expect(targetSizeFailures(await page.evaluate(targets, INTERACTIVE))).toEqual([]);
    });

    it('prints without navigation or footer, with each link address shown', async () => {
      const page = await show(path, 1280);
      await page.emulateMedia({ media: 'print' });
      try {
        const printed = await page.evaluate(() => {
          const isShown = (element: Element) => {
            const style = getComputedStyle(element);
            const box = element.getBoundingClientRect();
            return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 1 && box.height > 1;
          };
          const clutter = ['.nhsuk-skip-link', 'header nav', '.nhsuk-breadcrumb', '.nhsuk-back-link', 'footer'];
          return {
            clutterShown: clutter.filter((selector) => Array.from(document.querySelectorAll(selector)).some(isShown)),
            // Closed sections print open: their text takes up room on paper.
            closedDetails: Array.from(document.querySelectorAll('main details'))
              .filter(
                (details) =>
                  !Array.from(details.children).some((child) => child.tagName !== 'SUMMARY' && child.getBoundingClientRect().height > 0),
              )
              .map((details) => details.querySelector('summary')?.textContent?.trim()),
            links: Array.from(document.querySelectorAll('main a[href]')).map((link) => ({
              href: link.getAttribute('href') ?? '',
              after: getComputedStyle(link, '::after').content,
            })),
          };
        });
        expect(printed.clutterShown).toEqual([]);
        expect(printed.closedDetails).toEqual([]);
        for (const link of printed.links) {
          // The full address, from the configured site address, so that it can be typed in from paper.
          if (link.href.startsWith('/')) expect(link.after, link.href).toContain(`${SITE_URL}${link.href}`);
          // A phone link's text is the number already; a link within the page goes nowhere on paper.
          else if (link.href.startsWith('tel:') || link.href.startsWith('#'))
            expect(['none', 'normal', '""'], link.href).toContain(link.after);
        }
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    });

    it('is complete with JavaScript turned off, and its sections still open', async () => {
      const withJs = await show(path, 1280);
      const expected = await withJs.evaluate(pageContent);
      // With JavaScript on, the template's inline script ran: the served CSP allows it by its hash.
      expect(await withJs.evaluate(() => document.body.className)).toContain('js-enabled');

      const page = await tab('no-js');
      await page.goto(url(path));
      expect(await page.evaluate(() => document.body.className)).not.toContain('js-enabled');
      const actual = await page.evaluate(pageContent);
      expect(actual.main).toBe(expected.main);
      expect(actual.main.length).toBeGreaterThan(0);
      expect(actual.headings).toEqual(expected.headings);
      expect(actual.headings.length).toBeGreaterThan(0);
      // Every header link is there and on screen (with JavaScript some move into a "More" menu).
      expect(actual.visibleNavigation).toEqual(expected.navigation);

      const summaries = page.locator('main details > summary');
      for (let i = 0; i < (await summaries.count()); i++) {
        const summary = summaries.nth(i);
        await summary.click();
        expect(await summary.evaluate((element) => (element.parentElement as HTMLDetailsElement).open)).toBe(true);
        const opened = await summary.evaluate((element) => {
          const content = element.nextElementSibling as HTMLElement | null;
          return !!content && content.getBoundingClientRect().height > 0 && content.innerText.trim().length > 0;
        });
        expect(opened, `details ${i + 1} shows its text when opened`).toBe(true);
      }
    });

    it('the first Tab reaches a skip link that moves to the main content', async () => {
      // Tab and Enter move the focus and the address (to #maincontent). The page is kept for the
      // next test, which blurs the focus and Tabs on from there; no style depends on :target.
      const page = await show(path, 1280);
      // On a question sent back with an error, nhsuk-frontend moves the focus to the error
      // summary, as the NHS.UK pattern asks: that is where a keyboard user starts.
      if (await page.locator('.nhsuk-error-summary').count()) {
        expect(await page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
        return;
      }
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const box = element.getBoundingClientRect();
        return {
          tag: element.tagName,
          href: element.getAttribute('href'),
          text: element.textContent?.trim(),
          shown: box.width > 1 && box.height > 1,
        };
      });
      expect(first).toEqual({ tag: 'A', href: '#maincontent', text: 'Skip to main content', shown: true });

      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      const after = await page.evaluate(() => {
        const target = document.getElementById('maincontent');
        const focused = document.activeElement!;
        return {
          hash: location.hash,
          target: target?.tagName,
          // The next Tab lands in the main content or after it, not back in the header.
          focusInOrAfterMain:
            !!target && (target.contains(focused) || !!(target.compareDocumentPosition(focused) & Node.DOCUMENT_POSITION_FOLLOWING)),
        };
      });
      expect(after).toEqual({ hash: '#maincontent', target: 'MAIN', focusInOrAfterMain: true });
    });

    it('every link and button can be reached with Tab and shows where the focus is', async () => {
      const page = await show(path, 1280);
      changed(); // Tab moves the focus
      // focusStyles runs in the page; define it there once, then read every element in one go.
      await page.evaluate(`window.focusStyles = ${focusStyles.toString()}`);
      type InPage = Window & { focusStyles: typeof focusStyles; focused: () => TabStop; tabStops: TabStop[] };
      const elements = await page.evaluate((selector) => {
        const inPage = window as unknown as InPage;
        // Nothing is focused while the unfocused look is read (the test before leaves the focus
        // in the main content; an error summary takes it on load).
        (document.activeElement as HTMLElement | null)?.blur();
        inPage.focused = () => {
          const element = document.activeElement!;
          const index = element.getAttribute('data-test-focus');
          return {
            index: index === null ? null : Number(index),
            styles: inPage.focusStyles(element),
            html: element.outerHTML.slice(0, 120),
          };
        };
        // Each Tab's keydown records where the Tab before it took the focus: by then the page has
        // done all it does on focus, and the focus is back in the page if it left.
        inPage.tabStops = [];
        window.addEventListener(
          'keydown',
          (event) => {
            if (event.key === 'Tab') inPage.tabStops.push(inPage.focused());
          },
          true,
        );
        return Array.from(document.querySelectorAll(selector)).map((element, index) => {
          element.setAttribute('data-test-focus', String(index));
          return {
            html: element.outerHTML.slice(0, 120),
            unfocused: inPage.focusStyles(element),
            radioGroup: element instanceof HTMLInputElement && element.type === 'radio' ? element.name : '',
            shown: element.checkVisibility({ visibilityProperty: true }) && element.getBoundingClientRect().width > 1,
          };
        });
      }, INTERACTIVE);
      const reached = new Set<number>();
      const invisible: string[] = [];
      // Focus may start part-way down (an error summary takes it on load): Tab on round past the
      // end of the page, where the focus leaves the page once, until an element comes round again.
      // The Tabs go in batches, each read back in one go: a batch is enough for a whole round
      // when each shown element takes the focus once.
      const limit = elements.length + 5;
      const batch = elements.filter((element) => element.shown).length + 3;
      let outside = 0;
      let pressed = 0;
      let round = true;
      while (round && pressed < limit) {
        const count = Math.min(batch, limit - pressed);
        for (let i = 0; i < count; i++) await page.keyboard.press('Tab');
        // Where each Tab of the batch took the focus: the last one is where the focus is now.
        const stops = await page.evaluate((from) => {
          const inPage = window as unknown as InPage;
          return [...inPage.tabStops.slice(from + 1), inPage.focused()];
        }, pressed);
        expect(stops.length, 'one keydown recorded for each Tab').toBe(count);
        pressed += count;
        for (const stop of stops) {
          if (stop.index === null && ++outside <= 2) continue;
          if (stop.index === null || reached.has(stop.index)) {
            round = false;
            break;
          }
          reached.add(stop.index);
          if (stop.styles === elements[stop.index]!.unfocused) invisible.push(stop.html);
        }
      }
      // A group of radios is one Tab stop (the arrow keys move within it).
      const reachedGroups = new Set([...reached].map((index) => elements[index]!.radioGroup).filter(Boolean));
      const missed = elements.flatMap((element, index) =>
        element.shown && !reached.has(index) && !(element.radioGroup && reachedGroups.has(element.radioGroup)) ? [index] : [],
      );
      expect(
        missed.map((index) => `${index} ${elements[index]!.html}`),
        'shown elements Tab never reached',
      ).toEqual([]);
      expect(reached.size).toBeGreaterThan(0);
      expect(invisible, 'focused elements that look the same as unfocused').toEqual([]);
    });

    it('at 320 px wide nothing scrolls sideways and no text is cut off (reflow)', async () => {
      const page = await show(path, 320);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await page.evaluate(clippedText)).toEqual([]);
    });

    it('at 320 px wide, every link and button is at least 24 by 24 px, or spaced or inline (WCAG 2.5.8)', async () => {
      const page = await show(path, 320);
      expect(targetSizeFailures(await page.evaluate(targets, INTERACTIVE))).toEqual([]);
    });

    it('zoomed to 200 per cent, no text is cut off and nothing scrolls sideways', async () => {
      const page = await tab('zoom');
      await page.goto(url(path));
      expect(await page.evaluate(() => [window.innerWidth, window.devicePixelRatio])).toEqual([640, 2]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
      expect(await page.evaluate(clippedText)).toEqual([]);
    });
  });

  it('sets no cookies and stores nothing in the browser, after every page was visited', async () => {
    // The crawl (and the tests above) loaded every page in this context. Cookies and local
    // storage are shared by the whole context and site, so one look covers every page.
    const page = await tab('main');
    if (!page.url().startsWith(harness!.origin)) await page.goto(url('/'));
    expect(await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length])).toEqual(['', 0, 0]);
    expect(await main!.cookies()).toEqual([]);
  });
});
