/**
 * One next step, said once: a page shows the phone number as its main action in one
 * `::: phone` block, and then gives no other phone link (each would repeat the number).
 * Warnings: they guide editors, they never stop the site.
 */
import { warning } from '../problem.js';
import type { Check } from './context.js';

export const checkPhoneAction: Check = ({ pages }) =>
  pages.flatMap((page) => {
    const { phoneBlocks, phoneLinks } = page.body;
    if (phoneBlocks.length === 0) return [];
    return [
      ...phoneBlocks.slice(1).map((line) =>
        warning({
          file: page.file,
          line,
          message: 'The page has more than one `::: phone` block: the number should be the main action once.',
          fix: `Keep the one near the top (line ${phoneBlocks[0]}) and delete this one.`,
        }),
      ),
      ...phoneLinks.map((line) =>
        warning({
          file: page.file,
          line,
          message: 'The page already shows the phone number as its main action (`::: phone`): this phone link says it again.',
          fix: 'Say "phone the Care Coordination Centre" without the number, or point to the number at the top of the page.',
        }),
      ),
    ];
  });
