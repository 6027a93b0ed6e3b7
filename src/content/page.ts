/**
 * One content file, parsed and validated: its front matter, its URL path and its rendered body.
 */
import { ZodError } from 'zod';
import { splitFile } from './frontMatter.js';
import type { MarkdownRenderer, RenderedMarkdown } from './markdown.js';
import { error, type Problem } from './problem.js';
import { fieldHelp, frontMatterSchema, type FrontMatter } from './schema.js';

export interface Page {
  /** Path relative to the content folder, like `referral.md`. */
  file: string;
  /** URL path, like `/referral`; `index.md` is `/`. */
  path: string;
  meta: FrontMatter;
  body: RenderedMarkdown;
  /** Line of the file that holds a front matter field, or a value within one (`['tasks', 0, 'href']`). */
  lineOf(field: string | readonly PropertyKey[]): number;
}

const FILE_NAME = /^([a-z0-9]+(-[a-z0-9]+)*\/)*[a-z0-9]+(-[a-z0-9]+)*\.md$/;

/** `index.md` → `/`, `referral.md` → `/referral`, `guides/index.md` → `/guides`. */
export function urlPathFor(file: string): string {
  const withoutExtension = file.replace(/\.md$/, '');
  const path = withoutExtension === 'index' ? '' : withoutExtension.replace(/\/index$/, '');
  return `/${path}`;
}

export function parsePage(
  file: string,
  source: string,
  renderMarkdown: MarkdownRenderer,
): { page?: Page; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!FILE_NAME.test(file)) {
    problems.push(
      error({
        file,
        message: 'The file name can only use lower-case letters, numbers and hyphens.',
        fix: `Rename it, for example to \`${suggestFileName(file)}\`. The file name becomes the page's web address.`,
      }),
    );
  }

  const split = splitFile(file, source);
  problems.push(...split.problems);
  if (split.problems.length) return { problems };

  const result = frontMatterSchema.safeParse(split.data);
  if (!result.success) {
    problems.push(...schemaProblems(file, result.error, split.lineOf));
    return { problems };
  }

  const page: Page = {
    file,
    path: urlPathFor(file),
    meta: result.data,
    body: renderMarkdown(split.body, split.bodyLine),
    lineOf: (field) => split.lineOf(typeof field === 'string' ? [field] : field),
  };
  return { page, problems };
}

function schemaProblems(file: string, zodError: ZodError, lineOf: (path: readonly PropertyKey[]) => number): Problem[] {
  return zodError.issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        error({
          file,
          line: lineOf([...issue.path, key]),
          field: [...issue.path, key].join('.'),
          message: `\`${key}\` is not a field this site knows.`,
          fix: 'Check the spelling, or delete the line. CONTENT.md lists every field.',
        }),
      );
    }
    const field = issue.path.join('.');
    const top = String(issue.path[0] ?? '');
    const help = fieldHelp(top);
    return [
      error({
        file,
        line: lineOf(issue.path),
        field,
        message: `\`${field}\` ${issue.message}.`,
        fix: help ? `${help.description} For example: \`${help.example.split('\n')[0]}\`` : 'See CONTENT.md for the fields a page can have.',
      }),
    ];
  });
}

function suggestFileName(file: string): string {
  return file
    .toLowerCase()
    .replace(/\.md$/i, '')
    .replace(/[^a-z0-9/]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .concat('.md');
}
