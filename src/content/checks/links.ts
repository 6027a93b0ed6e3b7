/** Internal links must point at a page, and at a heading of that page when they name one. */
import type { Page } from '../page.js';
import { error, type Problem } from '../problem.js';
import type { Check } from './context.js';

export const checkLinks: Check = ({ pages }) => {
  const byPath = new Map(pages.map((page) => [page.path, page]));
  return pages.flatMap((page) =>
    page.body.links.flatMap((link): Problem[] => {
      if (!link.href.startsWith('/') && !link.href.startsWith('#')) return [];
      const [pathPart = '', anchor] = link.href.split('#', 2);
      const target = pathPart === '' ? page : byPath.get(normalise(pathPart));
      if (!target) {
        return [
          error({
            file: page.file,
            line: link.line,
            message: `The link "${link.text}" goes to ${pathPart}, which is not a page on this site.`,
            fix: `Change it to one of: ${[...byPath.keys()].join(', ')}.`,
          }),
        ];
      }
      if (anchor && !target.body.headings.some((heading) => heading.id === anchor)) {
        return [
          error({
            file: page.file,
            line: link.line,
            message: `The link "${link.text}" goes to #${anchor}, which is not a heading on ${target.path}.`,
            fix: `Use one of that page's headings: ${headingIds(target) || '(it has none)'}.`,
          }),
        ];
      }
      return [];
    }),
  );
};

const normalise = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);
const headingIds = (page: Page) => page.body.headings.map((heading) => `#${heading.id}`).join(', ');
