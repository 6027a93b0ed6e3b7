/**
 * A content page may not take an address the site keeps for itself: live, the site's own
 * answer would hide the page or the page would hide it (a `search.md` instead of search), and
 * in the mirror a `404.md` would silently replace the not-found page. The reserved addresses
 * come from the route table (`reservedPaths` in src/routes.ts); this module only compares.
 */
import { error, type Problem } from '../problem.js';
import type { Check } from './context.js';

/** An address the site answers itself: `path` alone, or (`andBelow`) with everything under it. */
export interface ReservedPath {
  path: string;
  andBelow: boolean;
}

/** The reserved address a page's address falls on, if any. */
export function reservedFor(path: string, reserved: readonly ReservedPath[]): ReservedPath | undefined {
  return reserved.find((r) => path === r.path || (r.andBelow && path.startsWith(r.path.endsWith('/') ? r.path : `${r.path}/`)));
}

/** A problem for each content file (a page, or a question flow) whose address is reserved. */
export function reservedAddressProblems(files: readonly { file: string; path: string }[], reserved: readonly ReservedPath[], kind = 'page'): Problem[] {
  return files.flatMap(({ file, path }) => {
    const taken = reservedFor(path, reserved);
    if (!taken) return [];
    const what = taken.path === path ? `the site's own address ${taken.path}` : `an address under ${taken.path}, which the site answers itself`;
    return [
      error({
        file,
        wholeFile: true,
        message: `This ${kind}'s web address ${path} is ${what}: the ${kind} would hide it or be hidden by it.`,
        fix: 'Rename the file (or its folder): the file name becomes the web address.',
      }),
    ];
  });
}

export const checkReservedPaths: Check = ({ pages, reserved = [] }) =>
  reservedAddressProblems(
    pages.map((page) => ({ file: page.file, path: page.path })),
    reserved,
  );
