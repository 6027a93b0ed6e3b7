/**
 * Internal links must point at a page, and at a heading of that page when they name one.
 * A broken one suggests the nearest page or heading. A link to a file that could not be
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
    return [
      error({
        file,
        line: link.line,
        message: `The link "${link.text}" goes to ${pathPart}, which is not a page on this site.${guess ? ` Did you mean ${guess}?` : ''}`,
        fix: `${guess ? `Change it to ${guess}, or to another page: ` : 'Change it to one of: '}${[...byPath.keys()].join(', ')}.`,
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

const normalise = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);
const headingIds = (page: Page) => page.body.headings.map((heading) => `#${heading.id}`).join(', ');
