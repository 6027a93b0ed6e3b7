/**
 * The files pages load besides themselves, finished once per build like the pages:
 * - our stylesheets and scripts, and nhsuk-frontend's CSS and JS, fingerprinted by content
 *   hash (so browsers may keep them for a year) under /static/;
 * - nhsuk-frontend's images, icons and manifest at /assets, where its CSS expects them.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { NHSUK_DIST } from './environment.js';
import { ASSET_COMPRESSION, finishResponse, type Compression, type FinishedResponse } from './finishedResponse.js';

export const ASSET_PREFIX = '/static/';
export const NHSUK_ASSETS_MOUNT = '/assets';
const NHSUK_ASSETS_DIR = join(NHSUK_DIST, 'nhsuk', 'assets');

export interface AssetBundle {
  /** Fingerprinted URL → stylesheet or script. */
  fingerprinted: ReadonlyMap<string, FinishedResponse>;
  /** URL under /assets → nhsuk-frontend's image, icon or manifest. */
  nhsuk: ReadonlyMap<string, FinishedResponse>;
  stylesheets: string[];
  scripts: string[];
}

/** A script of our own, added to every page (the preview server adds its live reload this way). */
export interface ExtraScript {
  name: string;
  body: string;
}

const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

const NHSUK_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/vnd.microsoft.icon',
};

function fingerprint(name: string, extension: string, body: string): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return `${ASSET_PREFIX}${name}.${hash}.${extension}`;
}

/**
 * Reads, fingerprints and compresses every asset (unless `compression` is false). `extras`
 * are made by the build: the preview's live reload script, and CSS added to the end of our
 * stylesheet (the print addresses), so that a first visit fetches one stylesheet of ours: a
 * second file cost about 1.4 kB, most of it its response headers.
 */
export async function buildAssets(
  publicDir: string,
  { scripts: extraScripts = [], css: extraCss = [] }: { scripts?: readonly ExtraScript[]; css?: readonly string[] } = {},
  compression: Compression | false = ASSET_COMPRESSION,
): Promise<AssetBundle> {
  const pending: Promise<[string, FinishedResponse]>[] = [];
  const add = (name: string, extension: 'css' | 'js', body: string) => {
    const url = fingerprint(name, extension, body);
    pending.push(finishResponse(body, extension === 'css' ? CSS : JS, { compression }).then((response) => [url, response]));
    return url;
  };

  const nhsukCss = add('nhsuk-frontend', 'css', readFileSync(join(NHSUK_DIST, 'nhsuk', 'nhsuk-frontend.min.css'), 'utf8'));
  const appCss = add('app', 'css', [readFileSync(join(publicDir, 'css', 'app.css'), 'utf8'), ...extraCss].join('\n'));
  const nhsukJs = add('nhsuk-frontend', 'js', readFileSync(join(NHSUK_DIST, 'nhsuk', 'nhsuk-frontend.min.js'), 'utf8'));
  // The pages work without JavaScript; this only starts nhsuk-frontend's enhancements.
  const init = add('init', 'js', `import { initAll } from '${nhsukJs}';\ninitAll();\n`);
  const extra = extraScripts.map((script) => add(script.name, 'js', script.body));

  const [fingerprinted, nhsuk] = await Promise.all([Promise.all(pending), nhsukAssets(compression)]);
  return { fingerprinted: new Map(fingerprinted), nhsuk, stylesheets: [nhsukCss, appCss], scripts: [init, ...extra] };
}

/** Every file of nhsuk-frontend's assets folder that has a known type, by its URL. */
async function nhsukAssets(compression: Compression | false): Promise<ReadonlyMap<string, FinishedResponse>> {
  const files = readdirSync(NHSUK_ASSETS_DIR, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && !entry.name.startsWith('.') && NHSUK_TYPES[extname(entry.name)],
  );
  const entries = await Promise.all(
    files.map(async (entry): Promise<[string, FinishedResponse]> => {
      const path = join(entry.parentPath, entry.name);
      const url = `${NHSUK_ASSETS_MOUNT}/${relative(NHSUK_ASSETS_DIR, path).split(sep).join('/')}`;
      return [url, await finishResponse(readFileSync(path), NHSUK_TYPES[extname(entry.name)]!, { compression })];
    }),
  );
  return new Map(entries);
}
