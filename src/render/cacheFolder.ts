/**
 * The folder where builds keep what they made for the next build and the next start: the
 * compressed copies of our stylesheets and scripts (compressionStore.ts) and the compiled
 * templates (compiledTemplates.ts). It is `node_modules/.cache/childrens-ot-site`, or
 * `$CACHE_DIR/childrens-ot-site`; undefined when there is nowhere writable (a read-only
 * install), and then every build makes everything afresh, and nothing else changes.
 */
import findCacheDirectory from 'find-cache-dir';

let found: { folder: string | undefined } | undefined;

export function cacheFolder(): string | undefined {
  found ??= { folder: findCacheDirectory({ name: 'childrens-ot-site' }) };
  return found.folder;
}
