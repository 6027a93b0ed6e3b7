/**
 * Every content check, run together. The server refuses to start (or reload) on any
 * error; `npm run content:check` prints the errors and the warnings.
 */
import type { Problem } from '../problem.js';
import type { Check, CheckContext } from './context.js';
import { checkGaps } from './gaps.js';
import { checkLinks } from './links.js';
import { checkReadability } from './readability.js';
import { checkReviewDates } from './reviewDates.js';
import { checkBlocks, checkEmptyPages, checkHeadings, checkImages, checkSiteShape } from './structure.js';

export type { CheckContext } from './context.js';

export const CHECKS: readonly Check[] = [
  checkSiteShape,
  checkHeadings,
  checkImages,
  checkEmptyPages,
  checkBlocks,
  checkLinks,
  checkReviewDates,
  checkGaps,
  checkReadability,
];

export function runChecks(context: CheckContext): Problem[] {
  return CHECKS.flatMap((check) => check(context));
}
