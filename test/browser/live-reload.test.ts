/**
 * In a real browser: an editor has a page open in the preview, saves a change, and the
 * page shows it without anyone pressing refresh, under the site's strict CSP.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureSite } from '../support/fixtureSite.js';
import { startServer, type RunningServer } from '../support/process.js';
import { sharedBrowser } from './support/browser.js';
import { chromiumAvailable } from './support/chromium.js';

const hasChromium = chromiumAvailable();

let server: RunningServer | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await browser?.close();
  await server?.stop();
  browser = undefined;
  server = undefined;
});

describe.skipIf(!hasChromium)('the preview in a browser', () => {
  it('reloads the open page by itself when a file is saved', async () => {
    const dir = await fixtureSite();
    const about = join(dir, 'about.md');
    server = await startServer({ CONTENT_DIR: dir }, 20_000, 'src/cli/dev.ts');
    browser = await sharedBrowser();
    const page = await browser.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${server.port}/about`);
    await expect.poll(() => page.locator('.app-prose').innerText()).toContain('We are a test.');
    // The event stream is open before the file changes.
    await page.waitForSelector('html[data-live-reload="connected"]', { timeout: 10_000 });

    const text = (await readFile(about, 'utf8')).replace('We are a test.', 'Saved in the editor.');
    await writeFile(`${about}.tmp`, text);
    await rename(`${about}.tmp`, about);

    await page.waitForFunction(() => document.body.innerText.includes('Saved in the editor.'), undefined, { timeout: 20_000 });
    expect(cspErrors).toEqual([]);
  }, 60_000);
});
