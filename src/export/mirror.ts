/**
 * The static mirror: every address the site answers with a file, fetched from the real app
 * (the same server as production, in this process, on a loopback port) and written as files
 * a static host can serve, each with precompressed `.br` and `.gz` copies beside it.
 *
 * What is fetched: every address of the routes the route table (src/routes.ts) marks
 * `served`, kept if it answers 200, the 404 page, and whatever those link to on this site.
 * Routes marked `notice` answer from the query string, which a static host cannot do: a page
 * saying so stands in.
 */
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { pino } from 'pino';
import type { Build } from '../build.js';
import type { CachingRules } from '../http/caching.js';
import { createServer } from '../http/createServer.js';
import { SiteHolder } from '../http/siteHolder.js';
import { chromeRenderer } from '../render/chrome.js';
import { createEnvironment } from '../render/environment.js';
import { renderMirrorNotice } from '../render/mirrorNotice.js';
import { HTML } from '../render/finishedResponse.js';
import { mirroredAddresses, mirrorNotices } from '../routes.js';
import { headersFile, nginxHeaders } from './headersFile.js';

/** An address that is no page, for the 404 page (static hosts serve `404.html` for every miss). */
const MISSING = '/this-page-does-not-exist';

export interface MirrorOptions {
  outDir: string;
  viewsDir: string;
  siteUrl: string;
  caching: CachingRules;
}

export interface MirroredFile {
  /** The address on the site. */
  path: string;
  /** Where it was written, relative to the mirror's folder. */
  file: string;
  status: number;
  contentType: string;
  cacheControl: string;
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export async function exportMirror(build: Build, options: MirrorOptions): Promise<MirroredFile[]> {
  const holder = new SiteHolder(build, options.caching);
  const server = createServer({ holder, logger: pino({ level: 'silent' }) });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const written: MirroredFile[] = [];
    const write = async (entry: MirroredFile, body: Buffer) => {
      written.push(entry);
      await writeWithCompressed(join(options.outDir, entry.file), body, entry.contentType);
    };

    const env = createEnvironment(options.viewsDir);
    const chrome = chromeRenderer(env, build.rendered.site, build.assets, options.siteUrl);
    const seen = new Set<string>();
    const notices = mirrorNotices(build);
    const queue = [...notices.keys(), ...mirroredAddresses(build)];
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      if (seen.has(path)) continue;
      seen.add(path);
      const what = notices.get(path);
      if (what) {
        const html = renderMirrorNotice(env, chrome(path), build.rendered.site, what);
        await write(
          { path, file: fileFor(path, HTML), status: 200, contentType: HTML, cacheControl: options.caching.page },
          Buffer.from(html),
        );
        continue;
      }
      const res = await fetch(origin + path, { headers: { 'accept-encoding': 'identity' }, redirect: 'manual' });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) continue;
      const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
      await write(
        { path, file: fileFor(path, contentType), status: 200, contentType, cacheControl: res.headers.get('cache-control') ?? '' },
        body,
      );
      if (isText(contentType)) queue.push(...linksIn(body.toString('utf8'), options.siteUrl));
    }

    const missing = await fetch(origin + MISSING, { headers: { 'accept-encoding': 'identity' } });
    const contentType = missing.headers.get('content-type') ?? HTML;
    await write(
      { path: MISSING, file: '404.html', status: 404, contentType, cacheControl: missing.headers.get('cache-control') ?? '' },
      Buffer.from(await missing.arrayBuffer()),
    );

    await writeFile(join(options.outDir, '_headers'), headersFile(written));
    await writeFile(join(options.outDir, '_headers.nginx'), nginxHeaders());
    const rewrites = written.filter(
      (entry) => entry.status === 200 && entry.path !== '/' && `/${entry.file}` !== entry.path && !entry.file.endsWith('.html'),
    );
    if (rewrites.length)
      await writeFile(join(options.outDir, '_redirects'), rewrites.map((entry) => `${entry.path} /${entry.file} 200\n`).join(''));
    return written;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/**
 * Where an address is written: `/` → `index.html`, a page `/referral` → `referral.html` (the
 * name every static host serves `/referral` from), JSON without an extension → `.json`;
 * anything else as it is.
 */
export function fileFor(path: string, contentType: string): string {
  const name = decodeURIComponent(path).replace(/^\/+/, '');
  if (name.split('/').some((part) => part === '..' || part === '.')) throw new Error(`refusing to write outside the mirror: ${path}`);
  const type = mediaType(contentType);
  if (name === '') return 'index.html';
  if (type === 'text/html' && extname(name) !== '.html') return `${name}.html`;
  if (type === 'application/json' && extname(name) !== '.json') return `${name}.json`;
  return name;
}

const mediaType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

function isText(contentType: string): boolean {
  const type = mediaType(contentType);
  return type.startsWith('text/') || /\+?(json|xml)$|javascript|svg/.test(type);
}

/**
 * Addresses on this site that a body links to: `href` and `src` attributes that start with
 * `/`, and absolute addresses on the site's own address (sitemap, robots, JSON). Queries and
 * fragments are dropped: a static host serves one file per path.
 */
export function linksIn(text: string, siteUrl: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\b(?:href|src)="(\/(?!\/)[^"]*)"/g)) found.push(match[1]!);
  const own = new RegExp(`${siteUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/[^\\s"'<>]*)`, 'g');
  for (const match of text.matchAll(own)) found.push(match[1]!);
  return found.map((link) => link.replace(/[?#].*$/, '').replace(/&amp;/g, '&')).filter((link) => link.length > 0);
}

async function writeWithCompressed(file: string, body: Buffer, contentType: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, body);
  if (!isText(contentType)) return;
  const [br, gz] = await Promise.all([
    brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzipAsync(body, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
}
