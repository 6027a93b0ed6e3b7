/**
 * A family tells the service a page did not help, in real Chromium with JavaScript off: No
 * under "Is this page useful?", then "Report a problem with this page", first sent empty
 * (the error summary), then with personal details typed in. What is kept has them removed,
 * and the staff report lists it. On each store. The pages on the way pass axe-core and
 * html-validate like the rest of the site.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { readReport, reportText } from '../../src/features/feedback/report.js';
import { openStore, type OpenStore } from '../../src/store/open.js';
import { pino } from 'pino';
import { SearchCounter } from '../../src/features/feedback/searchCounts.js';
import { startSharedApp } from '../support/app.js';
import { storeBackends } from '../support/stores.js';
import { axeFindings } from './support/axe.js';
import { sharedBrowser } from './support/browser.js';
import { chromiumAvailable } from './support/chromium.js';
import { htmlErrors } from './support/htmlValidate.js';

const run = chromiumAvailable();

describe.each(storeBackends())('on the $name store', { timeout: 60_000 }, (backend) => {
  let store: OpenStore;
  let app: Awaited<ReturnType<typeof startSharedApp>>;
  let browser: Browser;
  const ready = run && backend.available;
  beforeAll(async () => {
    if (!ready) return;
    store = openStore(await backend.newStore());
    await store.ready;
    app = await startSharedApp({}, undefined, {
      store,
      siteUrl: 'http://localhost:3000',
      rateLimit: { trustedProxies: [], limit: 100, windowMs: 60_000 },
      searches: new SearchCounter(store, pino({ level: 'silent' })),
    });
    browser = await sharedBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    await backend.cleanUp();
  });

  test.skipIf(!ready)(
    'a family answers No and reports a problem without JavaScript; staff read it with personal details removed',
    async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${app.origin}/referral`);
      await expect.poll(() => page.getByRole('heading', { name: 'Is this page useful?' }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'No', exact: true }).click();
      await page.waitForLoadState();
      expect(new URL(page.url()).pathname).toBe('/feedback/thanks');
      await expect.poll(() => page.getByRole('heading', { name: 'Report a problem with this page' }).isVisible()).toBe(true);

      // Sent with nothing in "What went wrong?": the error summary, and what was typed is kept.
      await page.getByLabel('What were you trying to do?').fill('Find out if I can refer my son');
      await page.getByRole('button', { name: 'Send report' }).click();
      await page.waitForLoadState();
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('Enter what went wrong');
      expect(await page.getByLabel('What were you trying to do?').inputValue()).toBe('Find out if I can refer my son');
      // The pages as served (the error page, the form, a page with the question) are valid HTML.
      const served = [
        await page.request.post(`${app.origin}/feedback/problem`, {
          form: { page: '/referral', tryingToDo: 'x' },
          headers: { origin: app.origin },
        }),
        await page.request.get(`${app.origin}/feedback/thanks?page=%2Freferral&answer=no`),
        await page.request.get(`${app.origin}/referral`),
      ];
      for (const res of served) expect(await htmlErrors(await res.text()), res.url()).toEqual([]);

      await page
        .getByLabel('What went wrong?')
        .fill('It does not say. He was born on 3 May 2019, NHS number 943 476 5919, we live at SE1 7EH. Call 07700 900123.');
      await page.getByRole('button', { name: 'Send report' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Thank you for reporting a problem');
      expect((await context.cookies()).length).toBe(0);

      const [report] = await store.problemReports();
      expect(report).toMatchObject({
        page: '/referral',
        tryingToDo: 'Find out if I can refer my son',
        wentWrong: 'It does not say. He was born on [removed], NHS number [removed], we live at [removed]. Call [removed].',
        flagged: true,
      });
      expect(await store.usefulness({ days: 1, by: 'total' })).toEqual([expect.objectContaining({ page: '/referral', yes: 0, no: 1 })]);
      const text = reportText(await readReport(store), 'test');
      expect(text).toContain('What went wrong: It does not say. He was born on [removed]');
      expect(text).toMatch(/\/referral\s+0\s+1\s+0%/);

      // The thank-you page passes axe-core as every page does (axe runs as a script: JavaScript on).
      const checker = await (await browser.newContext()).newPage();
      await checker.goto(`${app.origin}/feedback/thanks?page=%2Freferral&answer=no`);
      expect((await axeFindings(checker)).violations).toEqual([]);
      await context.close();
    },
  );
});
