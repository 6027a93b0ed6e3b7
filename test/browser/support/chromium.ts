/**
 * Where the browser tests find Chromium (Debian's package unless CHROMIUM_PATH says otherwise)
 * and what they tell the run's summary. Kept free of heavy imports: the summary reporter
 * reads it too.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The Chromium switches every browser test launches with: no sandbox user, no background
 * traffic, and no host name resolves, so only the loopback test server (an IP address) is
 * reached. The NHS font host is refused at once and the pages fall back to Arial, as they
 * would if it were down. Refusing here, not by intercepting each request, keeps the
 * browser's cache working from page to page, as it does for a family. The address bar's
 * suggestions popup is a web page of its own in this Chromium: one more renderer for each
 * context, and work at each navigation, for a bar no test uses.
 */
const CHROMIUM_ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup',
];

/**
 * How every browser test and benchmark starts Chromium: through chromium-launcher.sh, which
 * merges the --disable-features switches (Chromium keeps only the last one, and Playwright
 * passes its own list).
 */
export const CHROMIUM_LAUNCH = {
  executablePath: fileURLToPath(new URL('./chromium-launcher.sh', import.meta.url)),
  args: CHROMIUM_ARGS,
  env: { ...process.env, CHROMIUM_PATH },
};

declare module 'vitest' {
  interface TaskMeta {
    /** Set by the crawl: every page the browser suite checks, and the browser's version. */
    browserPages?: string[];
    browserVersion?: string;
  }
}

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `Chromium was not found at ${CHROMIUM_PATH}`;
}

/**
 * Whether to run: yes when Chromium is installed. Without it, skip with a loud warning on a
 * developer's machine, but fail in CI, where a missing browser means the checks never ran.
 */
export function chromiumAvailable(): boolean {
  const missing = chromiumMissing();
  if (!missing) return true;
  if (process.env.CI === 'true') {
    throw new Error(`CI: ${missing}, so the browser tests cannot run. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  const line = '!'.repeat(78);
  console.warn(
    [
      line,
      `!! BROWSER TESTS SKIPPED: ${missing}`,
      '!! The accessibility, reflow, keyboard, print and no-JavaScript checks did NOT run.',
      '!! Install it (apt-get install chromium) or set CHROMIUM_PATH, then run npm test again.',
      line,
    ].join('\n'),
  );
  return false;
}
