/**
 * /referral printed as Chromium prints it (page.pdf, A4): one sheet a professional can file,
 * with the full address of each link, even with a long public address.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness } from './support/browser.js';
import { chromiumAvailable } from './support/chromium.js';

const SITE_URL = 'https://childrens-occupational-therapy.bromleyhealthcare.nhs.uk';
const harness = chromiumAvailable() ? await startHarness({ siteUrl: SITE_URL }) : undefined;
afterAll(async () => {
  await harness?.close();
});

/** The tab both tests print from: page.pdf prints with print styles whatever media is emulated. */
const page = harness ? await (await harness.newContext()).newPage() : undefined;

/** The number of pages in a PDF: its page objects. */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;

describe.skipIf(!harness)('printing', () => {
  it('/referral prints on one A4 sheet, with the full address of each link', async () => {
    await page!.goto(`${harness!.origin}/referral`);
    const pdf = await page!.pdf({ format: 'A4' });
    expect(pageCount(pdf)).toBe(1);
    await page!.emulateMedia({ media: 'print' });
    expect(
      await page!
        .locator('main a[href="/universal"]')
        .first()
        .evaluate((link) => getComputedStyle(link, '::after').content),
    ).toContain(`${SITE_URL}/universal`);
  });

  it('counts pages: a long page prints on more than one sheet', async () => {
    await page!.goto(`${harness!.origin}/accessibility`);
    expect(pageCount(await page!.pdf({ format: 'A4' }))).toBeGreaterThan(1);
  });
});
