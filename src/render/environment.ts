/**
 * The Nunjucks environment: nhsuk-frontend's template and macros first, then our views.
 * Autoescape stays on; templates lay out what TypeScript has already decided.
 * Each build makes a new environment, so a template is loaded once per build: a reload still
 * reads the views afresh, and no page compiles the layout twice. What each compiles to is kept
 * for the next build and the next start (compiledTemplates.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { CompiledTemplateLoader, type CompileOptions } from './compiledTemplates.js';

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
  const options: CompileOptions = { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true };
  // No async filters or extensions here: compiledTemplates.ts compiles without them.
  return new nunjucks.Environment(new CompiledTemplateLoader(searchPaths, options), options);
}

/** Nunjucks' own autoescape, for HTML made outside a template (present at run time, missing from its types). */
export const escapeHtml: (text: string) => string = (nunjucks.lib as unknown as { escape: (text: string) => string }).escape;
