/**
 * The static mirror: every address the site answers with a file, fetched from the real app
 * (the server `npm start` runs, in this process, on a loopback port) and written as files a
 * static host can serve, each text file with the `.br` and `.gz` copies the server sends
 * beside it: the bytes on disk are the bytes the live site sends.
 *
 * What is fetched: every address of the routes the route table (src/routes.ts) marks
 * `served`, kept if it answers 200, the 404 page, and whatever those link to on this site.
 * Routes marked `notice` answer from the query string, which a static host cannot do: a page
 * saying so stands in, finished like every page.
 */
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join } from 'node:path';
import type { Build } from '../build.js';
import type { CachingRules } from '../http/caching.js';
import { chromeRenderer } from '../render/chrome.js';
import { finishResponse, HTML, PAGE_COMPRESSION } from '../render/finishedResponse.js';
import { renderMirrorNotice } from '../render/mirrorNotice.js';
import { mirroredAddresses, mirrorNotices } from '../routes.js';
import { headersFile, nginxHeaders } from './headersFile.js';

/** An address that is no page, for the 404 page (static hosts serve `404.html` for every miss). */
const MISSING = '/this-page-does-not-exist';

export interface MirrorOptions {
  outDir: string;
  siteUrl: string;
  /** The server's cache rules: a notice is cached like a page. */
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

interface Fetched {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One GET, its body as sent (not decompressed). */
function fetchRaw(origin: string, path: string, encoding: string): Promise<Fetched> {
  return new Promise((done, fail) => {
    get(origin + path, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    }).on('error', fail);
  });
}

/** `server`: the site's server (startup.ts), not yet listening; it is closed when done. */
export async function exportMirror(server: Server, build: Build, options: MirrorOptions): Promise<MirroredFile[]> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const written: MirroredFile[] = [];
    const write = async (entry: MirroredFile, copies: { identity: Buffer; br?: Buffer; gzip?: Buffer }) => {
      written.push(entry);
      const file = join(options.outDir, entry.file);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, copies.identity);
      if (copies.br) await writeFile(`${file}.br`, copies.br);
      if (copies.gzip) await writeFile(`${file}.gz`, copies.gzip);
    };
    /** The address as the server sends it: plain, and in each encoding it offers (it says so with Vary). */
    const fetchAll = async (path: string) => {
      const plain = await fetchRaw(origin, path, 'identity');
      if (plain.status !== 200 && plain.status !== 404) return { plain };
      if (!String(plain.headers.vary ?? '').includes('Accept-Encoding')) return { plain, copies: { identity: plain.body } };
      const [br, gzip] = await Promise.all([fetchRaw(origin, path, 'br'), fetchRaw(origin, path, 'gzip')]);
      const encoded = (res: Fetched, name: string) => (res.headers['content-encoding'] === name ? res.body : undefined);
      return { plain, copies: { identity: plain.body, br: encoded(br, 'br'), gzip: encoded(gzip, 'gzip') } };
    };

    const chrome = chromeRenderer(build.rendered.site, build.assets, options.siteUrl);
    const notices = mirrorNotices(build);
    const seen = new Set<string>();
    const queue = [...notices.keys(), ...mirroredAddresses(build)];
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      if (seen.has(path)) continue;
      seen.add(path);
      const what = notices.get(path);
      if (what) {
        const html = renderMirrorNotice(build.rendered.views, chrome(path), build.rendered.site, what);
        const page = await finishResponse(html, HTML, { compression: PAGE_COMPRESSION });
        await write({ path, file: fileFor(path, HTML), status: 200, contentType: HTML, cacheControl: options.caching.page }, page);
        continue;
      }
      const { plain, copies } = await fetchAll(path);
      if (plain.status !== 200 || !copies) continue;
      const contentType = plain.headers['content-type'] ?? 'application/octet-stream';
      const cacheControl = String(plain.headers['cache-control'] ?? '');
      await write({ path, file: fileFor(path, contentType), status: 200, contentType, cacheControl }, copies);
      if (isText(contentType)) queue.push(...linksIn(plain.body.toString('utf8'), options.siteUrl));
    }

    const missing = await fetchAll(MISSING);
    const contentType = missing.plain.headers['content-type'] ?? HTML;
    await write(
      { path: MISSING, file: '404.html', status: 404, contentType, cacheControl: String(missing.plain.headers['cache-control'] ?? '') },
      missing.copies ?? { identity: missing.plain.body },
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
