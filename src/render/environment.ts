/**
 * The Nunjucks environment: nhsuk-frontend's template and macros first, then our views.
 * Autoescape stays on; templates lay out what TypeScript has already decided.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

export const NHSUK_DIST = join(dirname(fileURLToPath(import.meta.resolve('nhsuk-frontend/package.json'))), 'dist');
export const NHSUK_TEMPLATE = join(NHSUK_DIST, 'nhsuk', 'template.njk');

export function createEnvironment(viewsDir: string): nunjucks.Environment {
  const searchPaths = [
    join(NHSUK_DIST, 'nhsuk', 'components'),
    join(NHSUK_DIST, 'nhsuk', 'macros'),
    join(NHSUK_DIST, 'nhsuk'),
    NHSUK_DIST,
    viewsDir,
  ];
  return new nunjucks.Environment(new nunjucks.FileSystemLoader(searchPaths, { noCache: true }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
}
