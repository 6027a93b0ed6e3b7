/**
 * What an error thrown by a build is about. Bad content never throws (it comes back as
 * problems), so a thrown error is a file that could not be read (moved, deleted or locked
 * while the build was reading it) or a template or stylesheet that could not be rendered.
 * The path it names, if any, says which folder it belongs to.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { BuildOptions } from './build.js';
import { error, type Problem } from './content/problem.js';

type Folders = Pick<BuildOptions, 'contentDir' | 'viewsDir' | 'publicDir'>;

/** `path` relative to `dir`, or undefined when it is not inside it. */
function inside(dir: string, path: string): string | undefined {
  const rel = relative(dir, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
}

function whyUnreadable(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'it was moved or deleted while the site was being built';
    case 'EACCES':
    case 'EPERM':
      return 'the server is not allowed to read it';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return err.message;
  }
}

export function thrownBuildProblem(thrown: unknown, folders: Folders): Problem {
  const err: NodeJS.ErrnoException = thrown instanceof Error ? thrown : new Error(String(thrown));
  const content = err.path === undefined ? undefined : inside(folders.contentDir, err.path);
  if (content !== undefined) {
    return error({
      file: content || '.',
      message: `The content file could not be read: ${whyUnreadable(err)}.`,
      fix: 'If it was moved or deleted on purpose, reload again; if not, put it back.',
    });
  }
  for (const [name, dir] of [
    ['views', folders.viewsDir],
    ['public', folders.publicDir],
  ] as const) {
    const file = err.path === undefined ? undefined : inside(dir, err.path);
    if (file !== undefined) {
      return error({
        file: file ? `${name}/${file}` : name,
        message: `A file the pages need could not be read: ${whyUnreadable(err)}.`,
        fix: `Put it back in ${name}/, or undo the last change there.`,
      });
    }
  }
  const template = templateMistake(err.message);
  if (template) {
    const file = inside(folders.viewsDir, template.path);
    return error({
      file: file === undefined ? template.path : `views/${file}`,
      line: template.line,
      message: `The template could not be drawn: ${template.mistake}.`,
      fix: 'Undo the last change to views/, or correct it.',
    });
  }
  return error({
    file: 'views',
    message: `The site could not be rendered: ${err.message}`,
    fix: 'Undo the last change to views/ or public/, or correct it.',
  });
}

/**
 * A template's mistake, from Nunjucks' message: it names each template the drawing went
 * through, outermost first, as "(path) [Line L, Column C]" (L counted from 0), and ends with
 * the mistake itself. The innermost template with a line is where to look.
 */
function templateMistake(message: string): { path: string; line?: number; mistake: string } | undefined {
  const places = [...message.matchAll(/\(([^()\n]+\.njk)\)(?: \[Line (\d+), Column \d+\])?/g)];
  const place = places.filter((found) => found[2] !== undefined).at(-1) ?? places.at(-1);
  if (!place) return undefined;
  const mistake = message
    .trim()
    .split('\n')
    .at(-1)!
    .trim()
    .replace(/^Error: /, '');
  return { path: place[1]!, line: place[2] === undefined ? undefined : Number(place[2]) + 1, mistake };
}
