/**
 * Two people's journeys, tapped through on a 390px phone as they would (issue 26):
 * - a parent of a 6-year-old who struggles with handwriting and dressing: home, the
 *   questions, Back (the answers still ticked), Change one answer, and the answer page with a
 *   summary of the answers;
 * - a SENCO checking how a school refers: from the home page to the schools' route in two taps.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness } from './support/browser.js';
import { chromiumAvailable } from './support/chromium.js';

const harness = chromiumAvailable() ? await startHarness() : undefined;
afterAll(async () => {
  await harness?.close();
});
const phone = harness ? await harness.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }) : undefined;

const path = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

/** Taps, and waits for the page the tap leads to (a new address, or a new part of the page). */
async function leadsOn(page: Page, action: () => Promise<void>): Promise<void> {
  const before = page.url();
  await action();
  await page.waitForURL((url) => url.href !== before);
  await page.waitForLoadState();
}

const tap = (page: Page, name: string, where = page.locator('body')) =>
  leadsOn(page, () => where.getByRole('link', { name, exact: true }).first().tap());

async function answer(page: Page, choices: string[]): Promise<void> {
  for (const choice of choices) await page.getByLabel(choice, { exact: true }).check();
  await leadsOn(page, () => page.getByRole('button', { name: 'Continue' }).tap());
}

/** "Your answers": each question with what was chosen, as the summary list shows them. */
const summary = (page: Page) =>
  page
    .locator('.nhsuk-summary-list__row')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.querySelector('.nhsuk-summary-list__key')!.textContent.trim(),
        (row.querySelector('.nhsuk-summary-list__value') as HTMLElement).innerText.trim().split('\n'),
      ]),
    );

describe.skipIf(!harness)('journeys on a 390px phone', () => {
  it('a parent: home, the questions, Back keeps the answers, Change one, and the answers page sums them up', async () => {
    const page = await phone!.newPage();
    await page.goto(harness!.origin + '/');
    await tap(page, 'Could Occupational Therapy help my child?', page.locator('main'));
    await answer(page, ['5 to 18']);
    await answer(page, ['Handwriting, or early pencil skills', 'Getting dressed, such as zips and buttons']);
    await answer(page, ['None of these']);
    expect(path(page)).toBe('/could-ot-help?age=5-to-18&hard=handwriting&hard=dressing&ehc=none');

    // Back, and Back again: each question still has its answers ticked.
    await tap(page, 'Back');
    expect(await page.getByLabel('None of these').isChecked()).toBe(true);
    await tap(page, 'Back');
    expect(await page.getByLabel('Handwriting, or early pencil skills').isChecked()).toBe(true);
    expect(await page.getByLabel('Getting dressed, such as zips and buttons').isChecked()).toBe(true);
    expect(await page.getByLabel('Balance and coordination').isChecked()).toBe(false);

    // Continue keeps every answer: the later question is answered already, so on to the answer page.
    await answer(page, []);
    expect(path(page)).toBe('/could-ot-help?age=5-to-18&hard=handwriting&hard=dressing&ehc=none');
    expect(await page.locator('main h2').first().innerText()).toBe('Your answers');
    expect(await summary(page)).toEqual([
      ['How old is your child?', ['5 to 18']],
      ['What does your child find hard?', ['Handwriting, or early pencil skills', 'Getting dressed, such as zips and buttons']],
      ['Do any of these apply to your child?', ['None of these']],
    ]);

    // Change one answer: the question again, ticked as it was; untick dressing, and straight back to the answers.
    await page
      .locator('.nhsuk-summary-list__row', { hasText: 'What does your child find hard?' })
      .getByRole('link', { name: /Change/ })
      .tap();
    await page.waitForLoadState();
    expect(await page.getByLabel('Getting dressed, such as zips and buttons').isChecked()).toBe(true);
    await page.getByLabel('Getting dressed, such as zips and buttons').uncheck();
    await answer(page, []);
    expect(path(page)).toBe('/could-ot-help?age=5-to-18&hard=handwriting&ehc=none');
    expect(await summary(page)).toEqual([
      ['How old is your child?', ['5 to 18']],
      ['What does your child find hard?', ['Handwriting, or early pencil skills']],
      ['Do any of these apply to your child?', ['None of these']],
    ]);
    // One next step, said once, near the top: the phone number as the action, with the hours.
    const action = page.locator('main a.nhsuk-action-link[href="tel:03003305777"]');
    expect(await action.count()).toBe(1);
    expect((await action.boundingBox())!.y).toBeLessThan(2 * 844);
    await page.close();
  });

  it('a SENCO: from the home page to how schools refer in two taps', async () => {
    const page = await phone!.newPage();
    await page.goto(harness!.origin + '/');
    // Tap 1: Referrals, in the header menu (not hidden under "More").
    await tap(page, 'Referrals', page.locator('header nav'));
    expect(path(page)).toBe('/referral');
    // Tap 2: "Who can refer", in "On this page".
    await tap(page, 'Who can refer', page.locator('nav[aria-label="On this page"]'));
    const schools = page.getByRole('heading', { name: 'Schools and early years' });
    await expect.poll(() => schools.isVisible()).toBe(true);
    const box = (await schools.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(844);
    expect(await page.locator('main').innerText()).toContain(
      'If you work in a school or early years, refer through the Care Coordination Centre.',
    );

    // The home page's own route for professionals is one tap.
    await page.goto(harness!.origin + '/');
    await tap(page, 'Schools and early years', page.locator('main'));
    expect(path(page) + new URL(page.url()).hash).toBe('/referral#schools-and-early-years');
    await page.close();
  });
});
