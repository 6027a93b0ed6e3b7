/**
 * "Could Occupational Therapy help my child?" walked as a family would, in real Chromium with
 * JavaScript turned off: from the home page, one question per page, a Continue button and a
 * back link, an error when nothing is chosen, and an answer page whose facts and links are
 * checked (every link goes to a page, and to a heading of it that exists). Every page passed
 * through is checked with axe-core and html-validate like the rest of the site.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { axeFindings } from './support/axe.js';
import { startHarness } from './support/browser.js';
import { chromiumAvailable } from './support/chromium.js';
import { htmlErrors } from './support/htmlValidate.js';
import { clippedText } from './support/inPage.js';
import { buildOptions } from '../support/app.js';

const harness = chromiumAvailable() ? await startHarness() : undefined;
afterAll(async () => {
  await harness?.close();
});
const context = harness ? await harness.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } }) : undefined;

/** One tab for axe-core, which runs as a script in the page: JavaScript is on in it. */
let checker: Page | undefined;

/** The addresses checked so far: the server answers an address with the same page each time. */
const checked = new Set<string>();

/** axe-core and html-validate on the page as it is now (once for each address). */
async function checkPage(page: Page): Promise<void> {
  if (checked.has(page.url())) return;
  checked.add(page.url());
  const served = await (await page.request.get(page.url())).text();
  expect(await htmlErrors(served), page.url()).toEqual([]);
  checker ??= await (await harness!.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  const tab = checker;
  await tab.goto(page.url());
  expect((await axeFindings(tab)).violations, page.url()).toEqual([]);
}

async function answer(page: Page, choices: string[]): Promise<void> {
  for (const choice of choices) await page.getByLabel(choice, { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForLoadState();
}

const path = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

/** Every link in the main content goes to a page that answers 200, and to a heading of it when it names one. */
async function brokenLinks(page: Page): Promise<string[]> {
  const hrefs = await page.$$eval('main a[href^="/"]', (links) => links.map((link) => link.getAttribute('href')!));
  const broken: string[] = [];
  for (const href of hrefs) {
    const [target = '', anchor] = href.split('#', 2);
    const response = await page.request.get(harness!.origin + target);
    if (response.status() !== 200) broken.push(`${href} answers ${response.status()}`);
    else if (anchor && !(await response.text()).includes(`id="${anchor}"`)) broken.push(`${href} has no heading #${anchor}`);
  }
  return broken;
}

const mainText = (page: Page) => page.locator('main').innerText();

/** The tab the walks share (a family's one tab): each walk starts at its own address. */
let walking: Page | undefined;
const walker = async () => (walking ??= await context!.newPage());

describe.skipIf(!harness)('Could Occupational Therapy help my child? (JavaScript off, 390 px wide)', { timeout: 60_000 }, () => {
  it('starts from the home page, and asks again with an error when nothing is chosen', async () => {
    const page = await walker();
    await page.goto(harness!.origin + '/');
    await page.getByRole('link', { name: 'Could Occupational Therapy help my child?' }).click();
    expect(path(page)).toBe('/could-ot-help');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('How old is your child?');
    await checkPage(page);

    await answer(page, []);
    expect(path(page)).toBe('/could-ot-help?asked=age');
    expect(await page.title()).toMatch(/^Error: How old is your child\?/);
    const summary = page.locator('.nhsuk-error-summary');
    expect(await summary.innerText()).toContain('Select how old your child is');
    // The error summary's link goes to the first answer.
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#age');
    expect(await page.locator('#age').count()).toBe(1);
    await checkPage(page);

    // Answering after the error goes on as usual, at the answers' one address.
    await answer(page, ['5 to 18']);
    expect(path(page)).toBe('/could-ot-help?age=5-to-18');
    // Back shows the question again with the answer still ticked.
    await page.getByRole('link', { name: 'Back' }).click();
    expect(path(page)).toBe('/could-ot-help?age=5-to-18&at=age');
    expect(await page.getByLabel('5 to 18', { exact: true }).isChecked()).toBe(true);
    await checkPage(page);
  });

  it('handwriting at 7: your answers, the phone number once, help without a referral, the Functional Skills Clinic and how referrals work', async () => {
    const page = await walker();
    await page.goto(harness!.origin + '/could-ot-help');
    await answer(page, ['5 to 18']);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('What does your child find hard?');
    await checkPage(page);
    await answer(page, []);
    expect(await page.title()).toMatch(/^Error: /);
    await answer(page, ['Handwriting, or early pencil skills']);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Do any of these apply to your child?');
    await checkPage(page);
    await answer(page, ['None of these']);

    expect(path(page)).toBe('/could-ot-help?age=5-to-18&hard=handwriting&ehc=none');
    await checkPage(page);
    const headings = await page.locator('main h2:not(.nhsuk-u-visually-hidden)').allInnerTexts();
    // Your answers first, then what needs no referral, what may fit, what to send, the referral and next steps.
    expect(headings).toEqual([
      'Your answers',
      'Help you do not need a referral for',
      'Parts of the service that may help',
      'What to send for the Functional Skills Clinic',
      'How to get a referral',
      'What happens next',
    ]);
    const text = await mainText(page);
    expect(text).toMatch(/How old is your child\?\s+5 to 18\s+Change/);
    expect(text).toContain('advice leaflet about requests for standardised assessments of handwriting');
    expect(text).toContain('training video on pre-writing skills');
    // Nothing not online yet is offered as something to use today; one inset lists what is not online.
    expect(text).not.toMatch(/use it today|What you can do today/i);
    expect(text).toMatch(/Not online yet\s+the advice leaflets and training videos/);
    expect(text).toContain('To ask about any of these, phone the number at the top of this page.');
    expect(text).toContain('The team decides which parts fit when they triage the referral.');
    expect(text).toContain('Referrals must be made through the Care Coordination Centre (CCC).');
    expect(text).toContain('Professionals can also make a referral through the Single Point of Entry form on EMIS.');
    expect(text).toContain('triages the referral within 5 working days of getting it');
    expect(text).toContain('sample of the problem or issue');
    expect(text).not.toContain('triaged by phone');
    expect(await page.locator('main a[href="/targeted#functional-skills-clinic"]').innerText()).toBe('Functional Skills Clinic');
    // The phone number once, as the page's action, with the hours.
    expect(await page.locator('main a[href="tel:03003305777"]').count()).toBe(1);
    expect(await page.locator('main a.nhsuk-action-link[href="tel:03003305777"]').innerText()).toBe('Phone\u00a00300\u00a0330\u00a05777');
    expect(text).toContain('Open 9am to 5pm, Monday to Friday.');
    expect(text).toMatch(/Start again$/);
    expect(await brokenLinks(page)).toEqual([]);

    await page.getByRole('link', { name: 'Back' }).click();
    expect(path(page)).toBe('/could-ot-help?age=5-to-18&hard=handwriting&ehc=none&at=ehc');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Do any of these apply to your child?');
    expect(await page.getByLabel('None of these').isChecked()).toBe(true);
  });

  it('sensory issues under 5: phone triage as a minimum, and the parts of the offer for sensory issues', async () => {
    const page = await walker();
    await page.goto(harness!.origin + '/could-ot-help');
    await answer(page, ['Under 5']);
    await answer(page, ['Sensory issues, such as how they respond to touch, sound or movement']);
    await answer(page, ['None of these']);
    expect(path(page)).toBe('/could-ot-help?age=under-5&hard=sensory&ehc=none');
    const text = await mainText(page);
    expect(text).toContain('Children under five with sensory processing needs are, as a minimum, triaged by phone.');
    expect(text).toContain('triages the referral within 5 working days of getting it');
    const offer = await page.locator('main .app-prose li a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(offer).toEqual(['/targeted#phone-triage-for-children-under-five', '/targeted#video-assessments']);
    // Each part of the offer says in one sentence what it is.
    expect(text).toContain('A therapist looks at sensory issues that affect everyday tasks, such as using a spoon.');
    // Nothing about samples for a clinic the answers do not point to.
    expect(text).not.toContain('sample of the problem');
    expect(await brokenLinks(page)).toEqual([]);
    await checkPage(page);
  });

  it('sensory issues at 6: no phone triage, which is only for children under 5', async () => {
    const page = await walker();
    await page.goto(harness!.origin + '/could-ot-help?age=5-to-18&hard=sensory&ehc=none');
    const offer = await page.locator('main .app-prose li a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(offer).toEqual(['/targeted#video-assessments']);
    expect(await mainText(page)).not.toMatch(/triage for children under 5|triaged by phone/);
  });

  it('an EHC plan: the specialist help with the health part of the plan', async () => {
    const page = await walker();
    await page.goto(harness!.origin + '/could-ot-help');
    await answer(page, ['5 to 18']);
    await answer(page, ['Something else']);
    await page.getByLabel('They have an EHC plan').check();
    // "None of these" with an answer is not an answer: the question again, with the ticks kept.
    await answer(page, ['None of these']);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('Select "None of these" on its own');
    expect(await page.getByLabel('They have an EHC plan').isChecked()).toBe(true);
    await checkPage(page);
    await page.getByLabel('None of these').uncheck();
    await answer(page, []);

    expect(path(page)).toBe('/could-ot-help?age=5-to-18&hard=something-else&ehc=ehc-plan');
    const links = await page
      .locator('main .app-prose li a')
      .evaluateAll((all) => all.map((link) => [link.getAttribute('href'), link.textContent]));
    expect(links).toContainEqual(['/specialist#education-health-and-care-plans', 'Help with the health part of an EHC plan (Section G)']);
    expect(await mainText(page)).toContain('Referrals must be made through the Care Coordination Centre (CCC).');
    expect(await brokenLinks(page)).toEqual([]);
  });

  it('19 or over: says plainly the service is for birth to 18, with the phone number for queries', async () => {
    const page = await walker();
    await page.goto(harness!.origin + '/could-ot-help');
    await answer(page, ['19 or over']);
    expect(path(page)).toBe('/could-ot-help?age=19-or-over');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('This service is for children from birth to 18');
    const text = await mainText(page);
    expect(text).toMatch(/Children['’]s Occupational Therapy is for children and young people from birth to 18\./);
    expect(text).not.toContain('referral');
    expect(await page.locator('main a[href="tel:03003305777"]').count()).toBe(1);
    expect(text).toContain('Open 9am to 5pm, Monday to Friday.');
    await checkPage(page);
    await page.getByRole('link', { name: 'Back' }).click();
    expect(path(page)).toBe('/could-ot-help?age=19-or-over&at=age');
    expect(await page.getByLabel('19 or over').isChecked()).toBe(true);
  });

  it('an answer page fits a 320 px screen and prints with the full address of each link', async () => {
    const page = await context!.newPage();
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(harness!.origin + '/could-ot-help?age=under-5&hard=handwriting&hard=sensory&ehc=ehc-assessment');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await page.evaluate(clippedText)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.$$eval('main a[href^="/"]', (links) =>
      links.map((link) => [link.getAttribute('href'), getComputedStyle(link, '::after').content]),
    );
    expect(printed.length).toBeGreaterThan(3);
    for (const [href, after] of printed) expect(after).toContain(`${buildOptions().siteUrl}${href}`);
    await page.close();
  });
});
