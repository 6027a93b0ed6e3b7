/**
 * NHS standard for creating health content: every page shows when it was last reviewed
 * and when it is next due. One within 30 days warns. A passed date fails the content
 * checker (and so CI) but only warns a server: a date must never take the site down.
 */
import { error, warning, type Problem } from '../problem.js';
import type { Check } from './context.js';

export const REVIEW_WARNING_DAYS = 30;
const OVERDUE = 'The review was due on';

/** A passed review date: an error for the checker, never a reason for a server to stop. */
export const isOverdueReview = (p: Problem): boolean => p.field === 'nextReview' && p.message.startsWith(OVERDUE);
const DAY = 24 * 60 * 60 * 1000;

export const checkReviewDates: Check = ({ pages, today, overdueReview }) => {
  const overdue = overdueReview === 'error' ? error : warning;
  const todayIso = today.toISOString().slice(0, 10);
  return pages.flatMap((page) => {
    const due = page.meta.nextReview;
    const daysLeft = Math.round((Date.parse(due) - Date.parse(todayIso)) / DAY);
    const at = { file: page.file, line: page.lineOf('nextReview'), field: 'nextReview' };
    if (daysLeft < 0) {
      return [
        overdue({
          ...at,
          message: `${OVERDUE} ${due}, ${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago.`,
          fix: 'Check the page with the service. Then set lastReviewed to today and nextReview to the next date it must be checked.',
        }),
      ];
    }
    if (daysLeft <= REVIEW_WARNING_DAYS) {
      return [
        warning({
          ...at,
          message: `The review is due on ${due}, in ${daysLeft} day${daysLeft === 1 ? '' : 's'}.`,
          fix: 'Plan the review with the service before that date.',
        }),
      ];
    }
    return [];
  });
};
