/**
 * Content gaps: facts the service mentions without giving (declared in content/gaps.yml).
 * Each is a "to fill" warning until every page named has it; then staff are asked to
 * delete the entry. A gap naming a page that does not exist is an error.
 */
import { GAPS_FILE } from '../contentFiles.js';
import { error, warning, type Problem } from '../problem.js';
import type { Check } from './context.js';

/** How each "still to fill" warning starts (the report counts them by it). */
export const TO_FILL = 'To fill:';

export const checkGaps: Check = ({ gaps, sources, failed }) =>
  gaps.flatMap((gap): Problem[] => {
    const missingPages = gap.pages.filter((file) => !sources.has(file) && !failed.has(file));
    if (missingPages.length) {
      return [
        error({
          file: GAPS_FILE,
          message: `The gap "${gap.fact}" names ${missingPages.join(', ')}, which ${missingPages.length === 1 ? 'does' : 'do'} not exist.`,
          fix: 'Correct the file names under `pages:`.',
        }),
      ];
    }
    const pattern = new RegExp(gap.filledWhen);
    const unfilled = gap.pages.filter((file) => !pattern.test(withoutGapInsets(sources.get(file) ?? '')));
    if (unfilled.length === 0) {
      return [
        warning({
          file: GAPS_FILE,
          message: `Filled: "${gap.fact}" is now on ${gap.pages.join(', ')}.`,
          fix: 'Delete this entry from gaps.yml.',
        }),
      ];
    }
    return unfilled.map((file) =>
      warning({ file, line: gap.near ? lineContaining(sources.get(file) ?? '', gap.near) : undefined, message: `${TO_FILL} ${gap.fact}.`, fix: gap.fix }),
    );
  });

/**
 * A page's source without its `::: gap` insets: an inset lists what is still missing, often
 * in the words that would fill it ("if parents and carers can refer"), so it never fills a gap.
 */
function withoutGapInsets(source: string): string {
  return source.replace(/^::: *gap\b[\s\S]*?^:::[ \t]*$/gm, '');
}

/** The 1-based line of the first occurrence of `text`, if it is there. */
function lineContaining(source: string, text: string): number | undefined {
  const at = source.indexOf(text);
  return at < 0 ? undefined : source.slice(0, at).split('\n').length;
}
