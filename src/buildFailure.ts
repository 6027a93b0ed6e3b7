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
  return error({
    file: 'views',
    message: `The site could not be rendered: ${err.message}`,
    fix: 'Undo the last change to views/ or public/, or correct it.',
  });
}
