/**
 * The static mirror (`npm run export -- DIR`) served by nginx with the repository's
 * configuration (deploy/nginx-mirror.conf), compared address by address with the live app:
 * the same status, body, security headers and cache rules, the compressed copies sent to
 * clients that take them, and a page in place of search that says it is not available.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/http/security.js';
import { mirrorNotices } from '../../src/routes.js';
import { startSharedApp } from '../support/app.js';
import { runToExit, programProcess } from '../support/process.js';
import { listenApp } from '../support/raw.js';
import { getRaw } from '../support/rawBody.js';
import type { Daemon } from './support/tools.js';
import { installed } from './support/tools.js';
import { NGINX, startNginx } from './support/nginx.js';

const run = installed(NGINX, 'nginx', 'the static mirror tests (test/deploy/mirror.test.ts)');

let exportDir: string;
let exported: { code: number | null; output: string };
let nginx: (Daemon & { port: number }) | undefined;
let live: Awaited<ReturnType<typeof listenApp>> | undefined;
let pagePaths: string[];
/** The addresses the route table has the mirror replace with a notice, with what each does. */
let notices: Map<string, string>;
/** Every address the mirror has a file for, from the files it wrote. */
let mirrored: string[];

beforeAll(async () => {
  if (!run) return;
  exportDir = await mkdtemp(join(tmpdir(), 'ot-mirror-'));
  exported = await runToExit(await programProcess('src/cli/export.ts', [exportDir], { NODE_ENV: 'production' }));
  if (exported.code !== 0) throw new Error(`npm run export failed:\n${exported.output}`);
  mirrored = await addressesIn(exportDir);
  const { build } = await startSharedApp();
  pagePaths = [...build.rendered.pages.keys()];
  notices = mirrorNotices(build);
  // The live site as the export builds it: with the phone number where the feedback form is.
  [nginx, live] = await Promise.all([startNginx(exportDir), listenApp({ forms: false })]);
}, 120_000);

afterAll(async () => {
  await nginx?.stop();
  await live?.close();
  if (exportDir) await rm(exportDir, { recursive: true, force: true });
});

/** The addresses of the files in the export: `index.html` → `/`, `referral.html` → `/referral`, rewrites from `_redirects`. */
async function addressesIn(dir: string): Promise<string[]> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !/\.(br|gz)$/.test(file) && !file.startsWith('_') && file !== '404.html');
  const rewrites = new Map<string, string>();
  const redirects = await readFile(join(dir, '_redirects'), 'utf8').catch(() => '');
  for (const line of redirects.split('\n').filter(Boolean)) {
    const [from, to] = line.split(' ');
    rewrites.set(to!.slice(1), from!);
  }
  return files.map((file) => rewrites.get(file) ?? (file === 'index.html' ? '/' : '/' + file.replace(/\.html$/, '')));
}

const get = (port: number, path: string, encoding = 'gzip') =>
  fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'accept-encoding': encoding }, redirect: 'manual' });

const SECURITY = Object.entries(SECURITY_HEADERS).map(([name]) => name.toLowerCase());

describe.skipIf(!run)('the static mirror, served by nginx (deploy/nginx-mirror.conf)', () => {
  it('has every published page, the search page and the assets', () => {
    for (const path of [...pagePaths, ...notices.keys()]) expect(mirrored, path).toContain(path);
    expect(mirrored.some((path) => path.startsWith('/static/') && path.endsWith('.css'))).toBe(true);
    expect(mirrored).toContain('/assets/images/favicon.svg');
    expect(exported.output).toMatch(/Wrote \d+ files/);
  });

  it('answers every address as the live site does: status, body, security headers and cache rules', async () => {
    const compared = mirrored.filter((path) => !notices.has(path));
    expect(compared.length).toBeGreaterThanOrEqual(pagePaths.length);
    for (const path of [...compared, '/no-such-page']) {
      const [fromMirror, fromLive] = await Promise.all([get(nginx!.port, path), get(live!.port, path)]);
      expect(fromMirror.status, path).toBe(fromLive.status);
      expect(Buffer.from(await fromMirror.arrayBuffer()).equals(Buffer.from(await fromLive.arrayBuffer())), `${path}: body`).toBe(true);
      for (const name of SECURITY) expect(fromMirror.headers.get(name), `${path}: ${name}`).toBe(fromLive.headers.get(name));
      expect(fromMirror.headers.get('cache-control'), `${path}: cache-control`).toBe(fromLive.headers.get('cache-control'));
      expect(fromMirror.headers.get('content-type'), `${path}: content-type`).toBe(fromLive.headers.get('content-type'));
    }
  });

  it('sends the precompressed gzip copy to clients that take gzip, and keeps a brotli copy beside every text file', async () => {
    for (const path of [...pagePaths, '/no-such-page']) {
      const res = await get(nginx!.port, path);
      expect(res.headers.get('content-encoding'), path).toBe('gzip');
      expect(res.headers.get('vary'), path).toBe('Accept-Encoding');
      await res.arrayBuffer();
    }
    const referral = await readFile(join(exportDir, 'referral.html'));
    expect(gunzipSync(await readFile(join(exportDir, 'referral.html.gz'))).equals(referral)).toBe(true);
    expect(brotliDecompressSync(await readFile(join(exportDir, 'referral.html.br'))).equals(referral)).toBe(true);
    const plain = await get(nginx!.port, '/referral', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(referral)).toBe(true);
  });

  it('the compressed copies are the bytes the live server sends, not compressed again', async () => {
    for (const encoding of ['br', 'gzip'] as const) {
      const sent = await getRaw(live!.app, '/referral', { 'accept-encoding': encoding });
      expect(sent.headers['content-encoding']).toBe(encoding);
      const written = await readFile(join(exportDir, `referral.html.${encoding === 'br' ? 'br' : 'gz'}`));
      expect(written.equals(sent.body), encoding).toBe(true);
    }
  });

  it('pages give the phone number where the live site asks "Is this page useful?" with a form', async () => {
    const mirrorPage = await (await get(nginx!.port, '/referral')).text();
    expect(mirrorPage).toContain('Is this page useful?');
    expect(mirrorPage).not.toContain('<form method="post"');
    expect(mirrorPage).toMatch(/To tell us about this page, phone the .+ on <a href="tel:\d+">0300\u00a0330\u00a05777<\/a>/);
    const { app } = await startSharedApp();
    expect((await getRaw(app, '/referral', { 'accept-encoding': 'identity' })).body.toString()).toContain(
      '<form method="post" action="/feedback/useful"',
    );
  });

  it('the search page says search is not available on this copy and links to every page', async () => {
    for (const [path, what] of notices) {
      const res = await get(nginx!.port, path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<h1>${what} is not available on this copy of the website</h1>`);
      for (const page of pagePaths) expect(html, `${path} links to ${page}`).toContain(`href="${page}"`);
      for (const name of SECURITY) expect(res.headers.get(name), `${path}: ${name}`).toBe((await get(live!.port, '/')).headers.get(name));
    }
  });

  it('_headers gives static hosts the same security headers and each file’s cache rule', async () => {
    const headers = await readFile(join(exportDir, '_headers'), 'utf8');
    expect(headers).toMatch(/^\/\*$/m);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers).toContain(`  ${name}: ${value}\n`);
    for (const path of pagePaths) {
      const cacheControl = (await get(live!.port, path)).headers.get('cache-control');
      expect(headers, path).toContain(`\n${path}\n  Cache-Control: ${cacheControl}\n`);
    }
    expect(headers).toMatch(/^\/static\/\*\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
    // The export's own files are not published as pages.
    expect((await get(nginx!.port, '/_headers')).status).toBe(404);
  });
});
