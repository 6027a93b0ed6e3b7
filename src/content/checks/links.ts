/**
 * Internal links must point at a page, and at a heading of that page when they name one.
 * A broken one suggests the nearest page or heading; a link with both wrong says both at
 * once (its heading checked on the page it most likely meant). A link to a file that could not be
 * read is left out: that file's own problem is the cause, reported once.
 */
import { urlPathFor, type Page } from '../page.js';
import { error, type Problem } from '../problem.js';
import type { Check } from './context.js';
import { nearest } from './nearest.js';

export const checkLinks: Check = ({ pages, failed }) => {
  const targets = linkTargets(pages, failed);
  return pages.flatMap((page) => page.body.links.flatMap((link) => linkProblems(link, page.file, targets, page)));
};

export interface LinkTargets {
  byPath: ReadonlyMap<string, Page>;
  /** Addresses of files that could not be read: links to them are not reported again. */
  failedPaths: ReadonlySet<string>;
}

export function linkTargets(pages: readonly Page[], failed: ReadonlySet<string>): LinkTargets {
  return { byPath: new Map(pages.map((page) => [page.path, page])), failedPaths: new Set([...failed].map(urlPathFor)) };
}

/** The problem with one internal link written in `file` (on `from`, which a bare `#anchor` refers to), if any. */
export function linkProblems(
  link: { href: string; text: string; line: number },
  file: string,
  { byPath, failedPaths }: LinkTargets,
  from?: Page,
): Problem[] {
  if (!link.href.startsWith('/') && !(from && link.href.startsWith('#'))) return [];
  const [pathPart = '', anchor] = link.href.split('#', 2);
  const path = normalise(pathPart);
  const target = pathPart === '' ? from : byPath.get(path);
  if (!target && failedPaths.has(path)) return [];
  if (!target) {
    const guess = nearest(path.replace(/\.md$/, ''), byPath.keys());
    // The heading is checked on the page it probably meant, so both mistakes are fixed in one round.
    const heading = anchor && guess ? headingOn(byPath.get(guess)!, anchor) : undefined;
    const headingWords = heading
      ? ` Its #${anchor} is not a heading on ${guess} either.${heading.guess ? ` Did you mean #${heading.guess}?` : ''}`
      : '';
    const corrected = guess && `${guess}${anchor ? `#${heading?.guess ?? anchor}` : ''}`;
    const headingFix = heading && !heading.guess ? ` Its headings: ${headingIds(byPath.get(guess!)!) || '(it has none)'}.` : '';
    return [
      error({
        file,
        line: link.line,
        message: `The link "${link.text}" goes to ${pathPart}, which is not a page on this site.${guess ? ` Did you mean ${guess}?` : ''}${headingWords}`,
        fix: `${corrected ? `Change it to ${corrected}, or to another page: ` : 'Change it to one of: '}${[...byPath.keys()].join(', ')}.${headingFix}`,
      }),
    ];
  }
  const ids = target.body.headings.map((heading) => heading.id);
  if (anchor && !ids.includes(anchor)) {
    const guess = nearest(anchor, ids);
    const where = target === from ? 'this page' : target.path;
    return [
      error({
        file,
        line: link.line,
        message: `The link "${link.text}" goes to #${anchor}, which is not a heading on ${where}.${guess ? ` Did you mean #${guess}?` : ''}`,
        fix: `${guess ? `Change it to #${guess}, or to another of that page's headings: ` : "Use one of that page's headings: "}${headingIds(target) || '(it has none)'}.`,
      }),
    ];
  }
  return [];
}

/** Whether `anchor` is a heading of `page`, and the nearest one if not. */
function headingOn(page: Page, anchor: string): { guess?: string } | undefined {
  const ids = page.body.headings.map((heading) => heading.id);
  return ids.includes(anchor) ? undefined : { guess: nearest(anchor, ids) };
}

const normalise = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);
const headingIds = (page: Page) => page.body.headings.map((heading) => `#${heading.id}`).join(', ');
