/**
 * Gaps shown where people meet them. A `::: gap <ids>` block in a page (or in the question
 * flow) is an inset telling families that something is not online yet and how to ask
 * instead. It stays while at least one of the gaps it names is open, and disappears by
 * itself once staff fill them all: a gap is open while its `filledWhen` pattern is missing
 * from any of its pages (the same test as the gap check's "To fill" warnings).
 */
import { GAPS_FILE } from './contentFiles.js';
import type { GapBlock } from './markdown.js';
import { GAP_MARKERS } from './markdown.js';
import { error, type Problem } from './problem.js';
import type { Gap } from './schema.js';
import type { Check } from './checks/context.js';

/** The ids of the gaps still open: not yet filled on every page they name. */
export function openGapIds(gaps: readonly Gap[], sources: ReadonlyMap<string, string>): ReadonlySet<string> {
  const open = new Set<string>();
  for (const gap of gaps) {
    if (!gap.id) continue;
    const pattern = new RegExp(gap.filledWhen);
    if (gap.pages.some((file) => !pattern.test(sources.get(file) ?? ''))) open.add(gap.id);
  }
  return open;
}

/** The HTML with each gap inset kept while one of its gaps is open, removed otherwise. */
export function showOpenGaps(html: string, open: ReadonlySet<string>): string {
  return html.replace(GAP_MARKERS, (_all, ids: string, inset: string) =>
    ids.split(' ').some((id) => open.has(id)) ? inset : '',
  );
}

/**
 * Problems with the `::: gap` blocks of one file: each names known gaps and says how to ask
 * instead, with a phone link, unless the page already shows the number as its main action
 * (`hasPhoneAction`, a `::: phone` block): then the inset points to it, and the number is said once.
 */
export function gapBlockProblems(file: string, blocks: readonly GapBlock[], gaps: readonly Gap[], hasPhoneAction = false): Problem[] {
  const known = new Set(gaps.flatMap((gap) => (gap.id ? [gap.id] : [])));
  return blocks.flatMap((block): Problem[] => {
    const problems: Problem[] = [];
    if (block.ids.length === 0) {
      problems.push(
        error({ file, line: block.line, message: 'A `::: gap` inset names no gap.', fix: `Name the gap after the word gap, like \`::: gap ccc-email\`. Gaps: ${[...known].join(', ')}.` }),
      );
    }
    for (const id of block.ids.filter((id) => !known.has(id))) {
      problems.push(
        error({
          file,
          line: block.line,
          message: `The gap inset names "${id}", which is not an \`id:\` in gaps.yml.`,
          fix: `Use one of: ${[...known].join(', ')}. If the gap was filled and deleted from gaps.yml, delete this inset too.`,
        }),
      );
    }
    if (!block.hasPhoneLink && !hasPhoneAction) {
      problems.push(
        error({
          file,
          line: block.line,
          message: 'A gap inset must say how to ask instead, with the phone number as a link.',
          fix: 'Add a `::: phone` block near the top of the page (it shows the number once, as the main action), or add a line like: To ask for it, phone [0300 330 5777](tel:03003305777), 9am to 5pm, Monday to Friday.',
        }),
      );
    }
    return problems;
  });
}

// With gaps.yml unreadable, its own problem is the cause: the insets are not checked against it.
export const checkGapInsets: Check = ({ pages, gaps, failed }) =>
  failed.has(GAPS_FILE) ? [] : pages.flatMap((page) => gapBlockProblems(page.file, page.body.gapBlocks, gaps, page.body.phoneBlocks.length > 0));
