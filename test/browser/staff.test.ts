/**
 * The staff area in real Chromium, against the real OIDC provider, on each store: a member
 * of staff signs in on the provider's form, sees the dashboard, marks a problem report dealt
 * with, signs out here and then at the provider. Then each staff page is held to the same
 * checks as the public pages (test/browser/site.test.ts): axe WCAG 2.2 AA, html-validate,
 * a skip link first, every control reached by Tab with visible focus, reflow at 320 px and
 * target size.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACCOUNTS, startOidcProvider, type AccountId, type TestProvider } from '../support/oidcProvider.js';
import { startStaffSite, type StaffSite } from '../support/staffSite.js';
import { storeBackends } from '../support/stores.js';
import { axeFindings } from './support/axe.js';
import { sharedBrowser } from './support/browser.js';
import { chromiumAvailable } from './support/chromium.js';
import { htmlErrors } from './support/htmlValidate.js';
import { clippedText, focusStyles, INTERACTIVE, targets } from './support/inPage.js';
import { targetSizeFailures } from './support/targetSize.js';

const available = chromiumAvailable();
const DAY = 86_400_000;

/** Signs in on the provider's login form, from the staff area's sign-in page. */
async function signIn(page: Page, origin: string, account: AccountId): Promise<void> {
  await page.goto(`${origin}/staff/`);
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname.startsWith('/staff/') && !url.pathname.startsWith('/staff/callback'));
}

async function seed(site: StaffSite): Promise<number> {
  const at = (days: number) => new Date(Date.now() - days * DAY);
  for (const [page, answer, days] of [
    ['/referral', 'yes', 1],
    ['/referral', 'no', 2],
    ['/contact', 'no', 3],
    ['/contact', 'no', 12],
    ['/contact', 'yes', 40],
    ['/', 'yes', 70],
  ] as const) {
    await site.store.recordAnswer({ page, answer, at: at(days) });
  }
  for (const [query, days] of [
    ['email', 1],
    ['email', 2],
    ['parking', 5],
  ] as const) {
    await site.store.recordSearch({ query, found: false, at: at(days) });
  }
  const dealt = await site.store.recordProblem({
    page: '/referral',
    tryingToDo: 'Refer my son',
    wentWrong: 'The form link',
    flagged: false,
    at: at(4),
  });
  await site.store.markDealtWith(dealt, 'Clinical Lead (clinical.lead@ot-service.example.org)', at(3));
  return site.store.recordProblem({
    page: '/contact',
    tryingToDo: 'Find the email address',
    wentWrong: 'It is not on the page. My number is [removed]',
    flagged: true,
    at: at(1),
  });
}

describe.skipIf(!available).each(storeBackends())('staff in Chromium on the $name store', (backend) => {
  let provider: TestProvider;
  let site: StaffSite;
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    if (!backend.available) return;
    provider = await startOidcProvider();
    site = await startStaffSite(provider, await backend.newStore());
    browser = await sharedBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  }, 90_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
    await provider?.close();
    await backend.cleanUp();
  });

  test.skipIf(!backend.available)(
    'signs in through the provider, sees the dashboard, marks a report dealt with and signs out',
    async () => {
      const id = await seed(site);
      const page = await context.newPage();
      await signIn(page, site.origin, 'clinical-lead');
      expect(new URL(page.url()).pathname).toBe('/staff/');
      await expect.poll(() => page.locator('h1').innerText()).toBe('What families found and missed');
      expect(await page.locator('main').innerText()).toContain(ACCOUNTS['clinical-lead'].email);
      // Only the staff cookie, only for /staff/, not readable from the page.
      // Cookies do not tell ports apart: the provider's own (named _…), on the same loopback address in tests, are left out.
      const siteCookies = async () => (await context.cookies(site.origin + '/staff/')).filter((cookie) => !cookie.name.startsWith('_'));
      const cookies = await siteCookies();
      expect(cookies.map(({ name, path, httpOnly, sameSite }) => ({ name, path, httpOnly, sameSite }))).toEqual([
        { name: 'staff_session', path: '/staff/', httpOnly: true, sameSite: 'Lax' },
      ]);
      expect(await page.evaluate(() => document.cookie)).toBe('');

      const report = page.locator(`#report-${id}`);
      expect(await report.innerText()).toContain('Not dealt with yet');
      await report.getByRole('button', { name: 'Mark as dealt with' }).click();
      await page.waitForURL(`${site.origin}/staff/?days=30#report-${id}`);
      expect(await page.locator(`#report-${id}`).innerText()).toContain('Dealt with by Clinical Lead');
      expect((await site.store.problemReport(id))?.dealtWithBy).toBe(`Clinical Lead (${ACCOUNTS['clinical-lead'].email})`);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${site.origin}/staff/signed-out`);
      expect(await page.locator('h1').innerText()).toBe('You have signed out');
      expect(await siteCookies()).toEqual([]);
      // And at the provider too (RP-initiated logout), back to the signed-out page.
      await page.getByRole('link', { name: 'Sign out of your organisation account too' }).click();
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page.waitForURL(`${site.origin}/staff/signed-out`);
      await page.goto(`${site.origin}/staff/`);
      expect(await page.locator('h1').innerText()).toBe('Sign in');
      await page.close();
    },
    90_000,
  );
});

describe.skipIf(!available)('every staff page, checked like the public pages', () => {
  const [backend] = storeBackends();
  let provider: TestProvider;
  let site: StaffSite;
  let browser: Browser;
  let signedIn: BrowserContext;
  let signedOut: BrowserContext;
  beforeAll(async () => {
    provider = await startOidcProvider();
    site = await startStaffSite(provider, await backend!.newStore());
    await seed(site);
    browser = await sharedBrowser();
    signedIn = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    signedOut = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signedIn.newPage();
    await signIn(page, site.origin, 'clinical-lead');
    await page.close();
  }, 90_000);
  afterAll(async () => {
    await signedIn?.close();
    await signedOut?.close();
    await browser?.close();
    await site?.close();
    await provider?.close();
    await backend!.cleanUp();
  });

  const PAGES: [string, 'in' | 'out', string, number][] = [
    ['the dashboard', 'in', '/staff/', 200],
    ['the dashboard for one page over 90 days', 'in', '/staff/?days=90&page=%2Fcontact', 200],
    ['the sign-in page', 'out', '/staff/', 200],
    ['the signed-out page', 'out', '/staff/signed-out', 200],
    ['a refused sign-in', 'out', '/staff/callback?code=x&state=y', 400],
    ['the staff 404 page', 'in', '/staff/no-such-page', 404],
  ];

  describe.each(PAGES)('%s', (_name, who, path, status) => {
    let page: Page;
    let html: string;
    beforeAll(async () => {
      page = await (who === 'in' ? signedIn : signedOut).newPage();
      const response = await page.goto(site.origin + path);
      expect(response!.status()).toBe(status);
      html = await response!.text();
    });
    afterAll(() => page?.close());

    test('axe-core finds no WCAG 2.0, 2.1 or 2.2 A or AA violations', async () => {
      const { violations, passed } = await axeFindings(page);
      expect(violations).toEqual([]);
      expect(passed).toContain('color-contrast');
    });

    test('html-validate finds no errors in the HTML as served', async () => {
      expect(await htmlErrors(html)).toEqual([]);
    });

    test('the first Tab reaches the skip link; then every link and button is reached by Tab and shows its focus', async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(site.origin + path);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#maincontent');
      await page.evaluate(`window.focusStyles = ${focusStyles.toString()}`);
      const elements = await page.evaluate((selector) => {
        const inPage = window as unknown as { focusStyles: (element: Element) => string };
        const focused = document.activeElement as HTMLElement;
        focused.blur();
        const found = Array.from(document.querySelectorAll<HTMLElement>(selector))
          .filter((element) => element.checkVisibility({ visibilityProperty: true }) && element.getBoundingClientRect().width > 1)
          .map((element, index) => {
            element.setAttribute('data-test-focus', String(index));
            return { html: element.outerHTML.slice(0, 100), unfocused: inPage.focusStyles(element) };
          });
        focused.focus();
        return found;
      }, INTERACTIVE);
      const reached = new Map<number, string>();
      for (let i = 0; i < elements.length + 3; i++) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate(() => {
          const element = document.activeElement!;
          const index = element.getAttribute('data-test-focus');
          const inPage = window as unknown as { focusStyles: (element: Element) => string };
          return { index: index === null ? null : Number(index), styles: inPage.focusStyles(element) };
        });
        if (stop.index !== null && !reached.has(stop.index)) reached.set(stop.index, stop.styles);
      }
      const missed = elements.filter((_element, index) => index > 0 && !reached.has(index)).map((element) => element.html);
      expect(missed, 'shown elements Tab never reached').toEqual([]);
      const invisible = [...reached]
        .filter(([index, styles]) => styles === elements[index]!.unfocused)
        .map(([index]) => elements[index]!.html);
      expect(invisible, 'focused elements that look the same as unfocused').toEqual([]);
    });

    test('at 320 px wide nothing scrolls sideways, no text is cut off, and targets are big enough (WCAG 1.4.10, 2.5.8)', async () => {
      await page.setViewportSize({ width: 320, height: 720 });
      await page.goto(site.origin + path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await page.evaluate(clippedText)).toEqual([]);
      expect(targetSizeFailures(await page.evaluate(targets, INTERACTIVE))).toEqual([]);
    });

    test('zoomed to 200 per cent, no text is cut off and nothing scrolls sideways (WCAG 1.4.4)', async () => {
      // Chromium's zoom at 200% on a 1280px window: 640 CSS px at 2 device pixels each, as site.test.ts does.
      const zoomed = await browser.newContext({
        viewport: { width: 640, height: 450 },
        deviceScaleFactor: 2,
        storageState: await (who === 'in' ? signedIn : signedOut).storageState(),
      });
      try {
        const tab = await zoomed.newPage();
        await tab.goto(site.origin + path);
        expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
        expect(await tab.evaluate(clippedText)).toEqual([]);
      } finally {
        await zoomed.close();
      }
    });

    test('at 1280 px wide, targets are big enough (WCAG 2.5.8)', async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(site.origin + path);
      expect(targetSizeFailures(await page.evaluate(targets, INTERACTIVE))).toEqual([]);
    });
  });
});
