/** The home page's tasks (`tasks:` in front matter) must go to a page, a heading of it, or a question flow. */
import { error, type Problem } from '../problem.js';
import type { Check } from './context.js';

export const checkTaskLinks: Check = ({ pages, flowPaths }) => {
  const byPath = new Map(pages.map((page) => [page.path, page]));
  return pages.flatMap((page) =>
    (page.meta.tasks ?? []).flatMap((task, i): Problem[] => {
      const [path = '', anchor] = task.href.split('#', 2);
      if (flowPaths.has(path) && !anchor) return [];
      const target = byPath.get(path);
      const line = page.lineOf(['tasks', i, 'href']);
      if (!target) {
        return [
          error({
            file: page.file,
            line,
            field: `tasks.${i}.href`,
            message: `The task "${task.text}" goes to ${path}, which is not a page on this site.`,
            fix: `Change it to one of: ${[...byPath.keys(), ...flowPaths].join(', ')}.`,
          }),
        ];
      }
      if (anchor && !target.body.headings.some((heading) => heading.id === anchor)) {
        return [
          error({
            file: page.file,
            line,
            field: `tasks.${i}.href`,
            message: `The task "${task.text}" goes to #${anchor}, which is not a heading on ${target.path}.`,
            fix: `Use one of that page's headings: ${target.body.headings.map((h) => `#${h.id}`).join(', ')}.`,
          }),
        ];
      }
      return [];
    }),
  );
};
