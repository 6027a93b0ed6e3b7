/** The shape of each page and of the site: headings in order, pictures, no empty pages, one home, one page per tier. */
import { imageProblems, misnamedImages } from '../images.js';
import { error, type Problem } from '../problem.js';
import type { Check } from './context.js';

export const checkHeadings: Check = ({ pages }) =>
  pages.flatMap((page) => {
    const problems: Problem[] = [];
    let previous = 1; // the page title is the h1
    for (const heading of page.body.headings) {
      if (heading.level === 1) {
        problems.push(
          error({
            file: page.file,
            line: heading.line,
            message: `"${heading.text}" is a top-level heading (#), but the page title is already the top-level heading.`,
            fix: 'Start headings in the page with ## and use ### under them.',
          }),
        );
      } else if (heading.level > previous + 1) {
        problems.push(
          error({
            file: page.file,
            line: heading.line,
            message: `The heading "${heading.text}" skips a level (h${previous} then h${heading.level}).`,
            fix: `Use ${'#'.repeat(previous + 1)} for this heading, so screen reader users can follow the page's outline.`,
          }),
        );
      }
      previous = heading.level;
    }
    return problems;
  });

/** Each picture a page uses: the file is there and can be shown, its alt text says what it shows, it is light enough for a phone. */
export const checkImages: Check = ({ pages, images }) => [
  ...pages.flatMap((page) => imageProblems(page.file, page.body.images, images)),
  ...misnamedImages(images),
];

export const checkEmptyPages: Check = ({ pages }) =>
  pages
    .filter((page) => page.meta.layout !== 'home' && page.body.textBlocks.join('').trim() === '')
    .map((page) =>
      error({
        file: page.file,
        line: page.lineOf('title'),
        message: 'The page has a title but no text.',
        fix: 'Write the page below the closing --- line, or set `draft: true` until it is ready.',
      }),
    );

export const checkSiteShape: Check = ({ pages, failed }) => {
  const problems: Problem[] = [];
  // An index.md that could not be read is reported as itself, not as a missing home page.
  if (!pages.some((page) => page.path === '/') && !failed.has('index.md')) {
    problems.push(error({ file: 'index.md', message: 'There is no home page.', fix: 'Create content/index.md with `layout: home`.' }));
  }
  const byTier = new Map<string, string[]>();
  for (const page of pages) {
    if (page.meta.tier) byTier.set(page.meta.tier, [...(byTier.get(page.meta.tier) ?? []), page.file]);
  }
  for (const [tier, files] of byTier) {
    if (files.length > 1) {
      problems.push(
        ...files.map((file) =>
          error({ file, message: `More than one page describes the ${tier} tier: ${files.join(' and ')}.`, fix: 'Keep one page per tier.' }),
        ),
      );
    }
  }
  return problems;
};
