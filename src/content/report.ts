/**
 * The content checker's report, for a person at a terminal: problems grouped by file,
 * each with its file:line, what is wrong and how to fix it; then the reading age of each
 * page and the counts. A file that could not be read comes first: it is the cause of
 * whatever else is wrong. The preview server prints the same report (its errors only,
 * with every problem counted).
 *
 * The facts still to fill (content/gaps.yml) are the same list at every run, so by default
 * they are one line with their count, and a new warning is not buried under them; `--gaps`
 * lists them.
 */
import { readingAge, READING_AGE } from './checks/readability.js';
import { isOverdueReview } from './checks/reviewDates.js';
import type { Page } from './page.js';
import { location, sortProblems, type Problem } from './problem.js';
import { TO_FILL } from './checks/gaps.js';

export interface ReportInput {
  problems: readonly Problem[];
  pages: readonly Page[];
}

export interface Counts {
  errors: number;
  warnings: number;
  gaps: number;
}

/** A fact from gaps.yml still missing from a page (checks/gaps.ts). */
export const isToFill = (p: Problem): boolean => p.severity === 'warning' && p.message.startsWith(TO_FILL);

export function countProblems(problems: readonly Problem[]): Counts {
  return {
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    gaps: problems.filter(isToFill).length,
  };
}

/** Problems by file, files in name order. */
export function groupByFile(problems: readonly Problem[]): Map<string, Problem[]> {
  const groups = new Map<string, Problem[]>();
  for (const problem of sortProblems(problems)) groups.set(problem.file, [...(groups.get(problem.file) ?? []), problem]);
  return groups;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "1 error, 21 warnings (5 facts still to fill) in 9 pages." */
export function summaryLine(problems: readonly Problem[], pageCount = 0): string {
  const counts = countProblems(problems);
  return `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} (${plural(counts.gaps, 'fact')} still to fill)${pageCount ? ` in ${plural(pageCount, 'page')}` : ''}.`;
}

/** The command that lists the facts still to fill, as the summary names it. */
export const LIST_GAPS = 'npm run content:check -- --gaps';

/** "21 facts still to fill: `npm run content:check -- --gaps` lists them." */
export function gapsLine(count: number): string {
  return `${plural(count, 'fact')} still to fill: \`${LIST_GAPS}\` lists ${count === 1 ? 'it' : 'them'}.`;
}

/**
 * `listWarnings: false` lists the errors alone (the preview, on a broken save) but still counts
 * everything. `listGaps: true` lists the facts still to fill too, which are otherwise one line.
 */
export function formatReport({ problems, pages }: ReportInput, { listWarnings = true, listGaps = false } = {}): string {
  const lines: string[] = [];
  const listed = problems.filter((p) => (p.severity === 'error' || listWarnings) && (listGaps || !isToFill(p)));
  for (const [file, group] of groupByFile(listed)) {
    const counts = countProblems(group);
    lines.push(`${file} (${[counts.errors && plural(counts.errors, 'error'), counts.warnings && plural(counts.warnings, 'warning')].filter(Boolean).join(', ')})`);
    for (const p of group) {
      const field = p.field ? ` [${p.field}]` : '';
      lines.push(`  ${location(p)}${field} ${p.severity === 'error' ? 'ERROR' : 'warning'}: ${p.message}`);
      lines.push(`      How to fix: ${p.fix}`);
      if (p.detail) lines.push(`      Detail: ${p.detail}`);
    }
    lines.push('');
  }

  const ages = pages.map((page) => ({ file: page.file, age: readingAge(page) })).filter((p) => p.age !== undefined);
  if (ages.length) {
    lines.push(`Reading age of each page (the NHS aims for ${READING_AGE.min} to ${READING_AGE.max}):`);
    for (const { file, age } of ages) lines.push(`  ${file.padEnd(24)} ${age}${age! > READING_AGE.max ? '  (above the aim)' : ''}`);
    lines.push('');
  }

  const counts = countProblems(problems);
  lines.push(summaryLine(problems, pages.length));
  if (!listWarnings && counts.warnings) lines.push('The warnings are not listed here: `npm run content:check -- --drafts` lists them.');
  else if (!listGaps && counts.gaps) lines.push(gapsLine(counts.gaps));
  const stopping = problems.filter((p) => p.severity === 'error' && !isOverdueReview(p)).length;
  lines.push(
    stopping
      ? 'The content has errors: the site will not start or reload until they are fixed.'
      : counts.errors
        ? 'The content has errors: a passed review date fails this check and CI. The site still starts and serves it, with a warning in its log.'
        : 'No errors: the content can be published. Warnings are advice and do not stop the site.',
  );
  return lines.join('\n');
}
