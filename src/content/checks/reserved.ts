/**
 * A content page may not take an address the site keeps for itself: live, the site's own
 * answer would hide the page or the page would hide it (a `search.md` instead of search), and
 * in the mirror a `404.md` would silently replace the not-found page. The reserved addresses
 * come from the route table (`reservedPaths` in src/routes.ts); this module only compares.
 */
import { error } from '../problem.js';
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

export const checkReservedPaths: Check = ({ pages, reserved = [] }) =>
  pages.flatMap((page) => {
    const taken = reservedFor(page.path, reserved);
    if (!taken) return [];
    const what = taken.path === page.path ? `the site's own address ${taken.path}` : `an address under ${taken.path}, which the site answers itself`;
    return [
      error({
        file: page.file,
        wholeFile: true,
        message: `This page's web address ${page.path} is ${what}: the page would hide it or be hidden by it.`,
        fix: 'Rename the file (or its folder): the file name becomes the web address.',
      }),
    ];
  });
