/**
 * Layout on a 390px phone, on every page found from the home page and on the question flow's
 * answer pages: the space above every heading and paragraph (nothing glued to what is above
 * it), "On this page" contents on every page longer than two phone screens (and only there),
 * and Referrals and Contact us in the header menu without opening "More".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { crawl, MISSING_PATH, startHarness } from './support/browser.js';
import { chromiumAvailable } from './support/chromium.js';
import { gapsAbove } from './support/inPage.js';

const PHONE = { width: 390, height: 844 };

/**
 * At least this much space above each kind of element, in CSS pixels. A paragraph may sit
 * 8px under another in one box (a card's two lines, nhsuk-frontend's smallest spacing on a
 * phone), never closer; a heading has more space above it than a paragraph after a paragraph.
 */
const MIN_GAP: Record<string, number> = { h2: 20, h3: 16, h4: 16, p: 8 };

const ANSWER_PAGES = [
  '/could-ot-help?age=5-to-18&hard=handwriting&hard=dressing&ehc=none',
  '/could-ot-help?age=under-5&hard=eating&hard=balance&hard=sensory&hard=seating&hard=something-else&ehc=ehc-plan&ehc=ehc-assessment&ehc=special-school',
];

const harness = chromiumAvailable() ? await startHarness() : undefined;
afterAll(async () => {
  await harness?.close();
});
const context = harness ? await harness.newContext({ viewport: PHONE }) : undefined;
const tab = context ? await context.newPage() : undefined;
const crawled = harness && context ? await crawl(context, harness.origin) : [];
const paths = [...crawled.map((page) => page.path).filter((path) => !path.startsWith('/search') && path !== MISSING_PATH), ...ANSWER_PAGES];

describe.skipIf(!harness)('layout on a 390px phone', () => {
  it.each(paths)('%s leaves space above every heading and paragraph', async (path) => {
    await tab!.goto(harness!.origin + path);
    const gaps = await tab!.evaluate(gapsAbove);
    // A question page has only its question (a legend) and hint; a content page has many.
    if (!path.startsWith('/could-ot-help') || path.includes('ehc=')) expect(gaps.length, path).toBeGreaterThan(5);
    const tight = gaps
      .filter(({ tag, gap }) => gap < (MIN_GAP[tag] ?? 0))
      .map(({ tag, text, after, gap }) => `${gap}px above <${tag}> "${text}" after ${after}`);
    expect(tight, path).toEqual([]);
  });

  it.each(paths)('%s has "On this page" contents if it is longer than two phone screens, listing each main heading', async (path) => {
    await tab!.goto(harness!.origin + path);
    const { height, contents, headings } = await tab!.evaluate(() => {
      const main = document.querySelector('main')!;
      const nav = main.querySelector('nav[aria-label="On this page"]');
      return {
        height: document.documentElement.scrollHeight,
        contents: nav ? Array.from(nav.querySelectorAll('a')).map((link) => link.getAttribute('href')) : undefined,
        headings: Array.from(main.querySelectorAll('h2[id]')).map((heading) => `#${heading.id}`),
      };
    });
    if (height > 2 * PHONE.height) expect(contents, `${path} is ${height}px tall`).toEqual(headings);
    else expect(contents, `${path} is ${height}px tall`).toBeUndefined();
  });

  it('shows Referrals and Contact us in the header menu, one tap away, without opening "More"', async () => {
    await tab!.goto(harness!.origin + '/');
    for (const name of ['Referrals', 'Contact us']) {
      const link = tab!.locator('header nav').getByRole('link', { name, exact: true });
      // nhsuk-frontend's script moves what does not fit into "More" once the page has loaded.
      await tab!.waitForLoadState('load');
      expect(await link.isVisible(), name).toBe(true);
      const box = (await link.boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(PHONE.width);
    }
  });
});
