/**
 * Where the browser tests find Chromium (Debian's package unless CHROMIUM_PATH says otherwise)
 * and what they tell the run's summary. Kept free of heavy imports: the summary reporter
 * reads it too.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The Chromium switches every browser test launches with (no sandbox user, no network chatter). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
