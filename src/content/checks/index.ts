/**
 * Every content check, run together. The server refuses to start (or reload) on any
 * error; `npm run content:check` and the preview print the errors and the warnings.
 */
import type { Problem } from '../problem.js';
import type { Check, CheckContext } from './context.js';
import { checkGapInsets } from '../gapInsets.js';
import { checkGaps } from './gaps.js';
import { checkLinks } from './links.js';
import { checkReadability } from './readability.js';
import { checkReservedPaths } from './reserved.js';
import { checkReviewDates } from './reviewDates.js';
import { checkBlocks } from './blocks.js';
import { checkTaskLinks } from './taskLinks.js';
import { checkEmptyPages, checkHeadings, checkImages, checkSiteShape } from './structure.js';

export type { CheckContext } from './context.js';

/** Checks that can find errors (some warn too). */
export const CHECKS: readonly Check[] = [
  checkSiteShape,
  checkReservedPaths,
  checkHeadings,
  checkImages,
  checkEmptyPages,
  checkBlocks,
  checkLinks,
  checkReviewDates,
  checkGaps,
  checkGapInsets,
  checkTaskLinks,
];

/** Checks that only ever warn: advice for editors, which never decides whether the site starts. */
export const ADVICE: readonly Check[] = [checkReadability];

/** `advice: false` leaves out the checks that only warn (the server reports errors only). */
export function runChecks(context: CheckContext, { advice = true } = {}): Problem[] {
  return [...CHECKS, ...(advice ? ADVICE : [])].flatMap((check) => check(context));
}
