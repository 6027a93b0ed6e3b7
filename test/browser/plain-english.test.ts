/**
 * Plain English on the pages as served, read as a parent reads them on a 390px phone: every
 * block of the main column (title, paragraphs, lists, cards, insets, the review date), not
 * just the Markdown. Each page found by following links from the home page, and the answer
 * pages of "Could Occupational Therapy help my child?", must have a reading age of 11 or
 * below (Flesch-Kincaid grade + 5, not rounded), no sentence over 20 words, and the phone
 * number at most once: one next step, said once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SENTENCE_WORDS, READING_AGE, readingAgeOfBlocks, sentencesIn, wordsIn } from '../../src/content/checks/readability.js';
import { crawl, MISSING_PATH, startHarness } from './support/browser.js';
import { chromiumAvailable } from './support/chromium.js';
import { mainColumnBlocks } from './support/inPage.js';

const harness = chromiumAvailable() ? await startHarness() : undefined;
afterAll(async () => {
  await harness?.close();
});
const context = harness ? await harness.newContext({ viewport: { width: 390, height: 844 } }) : undefined;
const tab = context ? await context.newPage() : undefined;

/** Answer pages a parent may reach: a school-age child, an under-five, and the 19 or over page. */
const ANSWER_PAGES = [
  '/could-ot-help?age=5-to-18&hard=handwriting&hard=dressing&ehc=none',
  '/could-ot-help?age=under-5&hard=eating&hard=balance&hard=sensory&hard=seating&hard=something-else&ehc=ehc-plan&ehc=ehc-assessment&ehc=special-school',
  '/could-ot-help?age=19-or-over',
];

const crawled = harness && context ? await crawl(context, harness.origin) : [];
/** Search results quote the pages; they are measured where the words are, on the pages. */
const familyPages = [...crawled.map((page) => page.path).filter((path) => !path.startsWith('/search')), ...ANSWER_PAGES];

/** The phone number as pages write it, with ordinary or non-breaking spaces. */
const PHONE = /0300[\s\u00a0]330[\s\u00a0]5777/g;

describe.skipIf(!harness)('plain English on every page, as served', () => {
  it('measures the pages a family reads', () => {
    expect(familyPages).toEqual(
      expect.arrayContaining(['/', '/universal', '/targeted', '/specialist', '/referral', '/contact', MISSING_PATH]),
    );
  });

  it.each(familyPages)(
    '%s reads at age 11 or below, in sentences of 20 words or fewer, with the phone number at most once',
    async (path) => {
      const response = await tab!.goto(harness!.origin + path);
      expect(response?.status(), path).toBe(path === MISSING_PATH ? 404 : 200);
      const blocks = await tab!.evaluate(mainColumnBlocks);
      expect(blocks.length, path).toBeGreaterThan(0);

      const age = readingAgeOfBlocks(blocks)!;
      console.log(
        `FIGURE ${path} age=${age.toFixed(2)} phones=${(blocks.join('\n').match(PHONE) ?? []).length} long=${blocks.flatMap(sentencesIn).filter((s) => wordsIn(s).length > MAX_SENTENCE_WORDS).length} height=${await tab!.evaluate(() => document.documentElement.scrollHeight)}`,
      );
      expect(age, `${path} reads at age ${age.toFixed(2)}`).toBeLessThanOrEqual(READING_AGE.max);

      const long = blocks.flatMap(sentencesIn).filter((sentence) => wordsIn(sentence).length > MAX_SENTENCE_WORDS);
      expect(long, path).toEqual([]);

      const phones = blocks.join('\n').match(PHONE) ?? [];
      expect(phones.length, `${path} gives the phone number ${phones.length} times`).toBeLessThanOrEqual(1);
    },
  );
});
