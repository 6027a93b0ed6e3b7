/**
 * Our stylesheets and scripts, fingerprinted by content hash so that browsers may cache
 * them for a year, and compressed once. nhsuk-frontend's CSS and JS come from the
 * installed package; its images and fonts stay at `/assets`, where its CSS expects them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NHSUK_DIST } from './environment.js';
import { ASSET_COMPRESSION, prepare, type Prepared } from './prepared.js';

export const ASSET_PREFIX = '/static/';
export const NHSUK_ASSETS_DIR = join(NHSUK_DIST, 'nhsuk', 'assets');

export interface AssetBundle {
  /** Fingerprinted URL → prepared bytes. */
  files: ReadonlyMap<string, Prepared>;
  stylesheets: string[];
  scripts: string[];
}

const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

function fingerprint(name: string, extension: string, body: string): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return `${ASSET_PREFIX}${name}.${hash}.${extension}`;
}

/** A script of our own, added to every page (the preview server adds its live reload this way). */
export interface ExtraScript {
  name: string;
  body: string;
}

/**
 * The previous build's files. The URL is a hash of the content, so an unchanged file's
 * compressed bytes are reused instead of compressed again (a reload then only compresses
 * what changed). Only the last build's files are kept.
 */
let previous: ReadonlyMap<string, Prepared> = new Map();

/** Reads and fingerprints every asset; the build then compresses them in the background. `extraStyles` are made by the build (print addresses). */
export function buildAssets(
  publicDir: string,
  extraScripts: readonly ExtraScript[] = [],
  extraStyles: readonly ExtraScript[] = [],
): AssetBundle {
  const files = new Map<string, Prepared>();
  const add = (name: string, extension: 'css' | 'js', body: string) => {
    const url = fingerprint(name, extension, body);
    files.set(url, previous.get(url) ?? prepare(body, extension === 'css' ? CSS : JS, 200, ASSET_COMPRESSION));
    return url;
  };

  const nhsukCss = add('nhsuk-frontend', 'css', readFileSync(join(NHSUK_DIST, 'nhsuk', 'nhsuk-frontend.min.css'), 'utf8'));
  const appCss = add('app', 'css', readFileSync(join(publicDir, 'css', 'app.css'), 'utf8'));
  const styles = extraStyles.map((style) => add(style.name, 'css', style.body));
  const nhsukJs = add('nhsuk-frontend', 'js', readFileSync(join(NHSUK_DIST, 'nhsuk', 'nhsuk-frontend.min.js'), 'utf8'));
  // The pages work without JavaScript; this only starts nhsuk-frontend's enhancements.
  const init = add('init', 'js', `import { initAll } from '${nhsukJs}';\ninitAll();\n`);

  const extra = extraScripts.map((script) => add(script.name, 'js', script.body));

  previous = files;
  return { files, stylesheets: [nhsukCss, appCss, ...styles], scripts: [init, ...extra] };
}
