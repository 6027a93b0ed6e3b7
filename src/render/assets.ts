/**
 * Our stylesheets and scripts, fingerprinted by content hash so that browsers may cache
 * them for a year, and compressed once. nhsuk-frontend's CSS and JS come from the
 * installed package; its images and fonts stay at `/assets`, where its CSS expects them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NHSUK_DIST } from './environment.js';
import { ASSET_COMPRESSION, compressInBackground, prepare, type Prepared } from './prepared.js';

export const ASSET_PREFIX = '/static/';
export const NHSUK_ASSETS_DIR = join(NHSUK_DIST, 'nhsuk', 'assets');

export interface AssetBundle {
  /** Fingerprinted URL → prepared bytes. */
  files: ReadonlyMap<string, Prepared>;
  /**
   * Starts making every asset's best encodings (brotli 11, gzip 9) in the thread pool;
   * settles when they are done. Called once the build is done, so that the compression
   * does not hold up the file reads of the build, which share that thread pool.
   */
  compress(): Promise<void>;
  stylesheets: string[];
  scripts: string[];
}

const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

function fingerprint(name: string, extension: string, body: string): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return `${ASSET_PREFIX}${name}.${hash}.${extension}`;
}

/** Reads and fingerprints every asset; `compress()` then makes the best encodings. */
export function buildAssets(publicDir: string): AssetBundle {
  const files = new Map<string, Prepared>();
  const add = (name: string, extension: 'css' | 'js', body: string) => {
    const url = fingerprint(name, extension, body);
    files.set(url, prepare(body, extension === 'css' ? CSS : JS, 200, ASSET_COMPRESSION));
    return url;
  };

  const nhsukCss = add('nhsuk-frontend', 'css', readFileSync(join(NHSUK_DIST, 'nhsuk', 'nhsuk-frontend.min.css'), 'utf8'));
  const appCss = add('app', 'css', readFileSync(join(publicDir, 'css', 'app.css'), 'utf8'));
  const nhsukJs = add('nhsuk-frontend', 'js', readFileSync(join(NHSUK_DIST, 'nhsuk', 'nhsuk-frontend.min.js'), 'utf8'));
  // The pages work without JavaScript; this only starts nhsuk-frontend's enhancements.
  const init = add('init', 'js', `import { initAll } from '${nhsukJs}';\ninitAll();\n`);

  let compressing: Promise<void> | undefined;
  const compress = () => (compressing ??= Promise.all([...files.values()].map(compressInBackground)).then(() => undefined));
  return { files, compress, stylesheets: [nhsukCss, appCss], scripts: [init] };
}
