/**
 * The site behind a real shared cache: Varnish with the repository's configuration
 * (deploy/varnish.vcl) in front of two production servers, as the README's "several origins
 * behind one cache" describes. A page is served from the cache the second time; a content
 * reload (SIGHUP) reaches readers within the page lifetime; with every origin stopped, every
 * page is still served from the cache; the probes are never cached.
 *
 * The origins run with CACHE_MAX_AGE=2, so pages go stale within the test (and may be
 * served stale while revalidating for 2 s more).
 */
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, startApp } from '../support/app.js';
import { startServer, type RunningServer } from '../support/process.js';
import { installed, waitFor } from './support/tools.js';
import { startVarnish, VARNISHD, type Varnish } from './support/varnish.js';

const LIFETIME_S = 2;
const run = installed(VARNISHD, 'varnish', 'the shared cache tests (test/deploy/varnish.test.ts)');

let contentDir: string;
let origins: RunningServer[] = [];
let varnish: Varnish | undefined;
let paths: string[];

beforeAll(async () => {
  if (!run) return;
  contentDir = await mkdtemp(join(tmpdir(), 'ot-cache-content-'));
  await cp(CONTENT_DIR, contentDir, { recursive: true });
  paths = [...(await startApp({ contentDir })).build.rendered.pages.keys()];
  // Both origins serve one public address, as behind a real cache: the same pages, byte for byte.
  const env = { CONTENT_DIR: contentDir, CACHE_MAX_AGE: String(LIFETIME_S), NODE_ENV: 'production', SITE_URL: 'https://ot.example.nhs.uk' };
  origins = await Promise.all([startServer(env, 60_000), startServer(env, 60_000)]);
  varnish = await startVarnish(origins.map((origin) => origin.port));
}, 120_000);

afterAll(async () => {
  await varnish?.stop();
  await Promise.all(origins.map((origin) => origin.stop()));
  if (contentDir) await rm(contentDir, { recursive: true, force: true });
});

const get = (path: string) => fetch(`http://127.0.0.1:${varnish!.port}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });

describe.skipIf(!run)('behind Varnish (deploy/varnish.vcl)', () => {
  it('the second request for a page is answered from the cache', async () => {
    const hits = await varnish!.counter('MAIN.cache_hit');
    const first = await get('/referral');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const second = await get('/referral');
    expect(second.status).toBe(200);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await second.text()).toBe(await first.text());
    // Varnish's own count agrees (its workers publish their counters every so often).
    const counted = await waitFor('varnishstat to count the hit', async () => {
      const now = await varnish!.counter('MAIN.cache_hit');
      return now > hits ? now : undefined;
    });
    expect(counted).toBe(hits + 1);
  });

  it('each encoding is a copy of its own: brotli, gzip and plain clients each get what they can read, never one they refuse', async () => {
    for (const [accept, expected] of [
      ['br', 'br'],
      ['gzip, deflate', 'gzip'],
      ['identity', null],
      ['gzip, deflate, br, zstd', 'br'],
      // q=0 refuses an encoding (RFC 9110 §12.5.3); any other weight accepts it.
      ['gzip, br;q=0', 'gzip'],
      ['br;q=0.0, gzip;q=0', null],
      ['br;q=0.5, gzip', 'br'],
      ['GZIP', 'gzip'],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`http://127.0.0.1:${varnish!.port}/targeted`, { headers: { 'accept-encoding': accept } });
        expect(res.headers.get('content-encoding'), accept).toBe(expected);
        expect(await res.text(), accept).toContain('</html>');
      }
    }
  });

  it('a feedback form is never answered from the cache; the thank-you page it leads to is', async () => {
    const form = { page: '/referral', answer: 'no' };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`http://127.0.0.1:${varnish!.port}/feedback/useful`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${varnish!.port}` },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('x-cache')).toBe('MISS');
      expect(res.headers.get('location')).toBe('/feedback/thanks?page=%2Freferral&answer=no');
    }
    // Both reached an origin (its request log says so), and neither came back from the cache.
    const posts = () =>
      origins
        .flatMap((origin) => origin.output().split('\n'))
        .filter((line) => line.includes('"method":"POST"') && line.includes('/feedback/useful'));
    await expect.poll(() => posts().length).toBe(2);
    await get('/feedback/thanks?page=%2Freferral&answer=no');
    expect((await get('/feedback/thanks?page=%2Freferral&answer=no')).headers.get('x-cache')).toBe('HIT');
  });

  it('/healthz and /readyz are never answered from the cache', async () => {
    for (const path of ['/healthz', '/readyz']) {
      for (let i = 0; i < 3; i++) {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('x-cache'), path).toBe('MISS');
        expect(res.headers.get('cache-control'), path).toBe('no-store');
      }
    }
  });

  it(`a content reload (SIGHUP) reaches readers within the page lifetime (${LIFETIME_S} s)`, async () => {
    await get('/');
    const marker = `Changed by the cache test at ${Date.now()}.`;
    await appendFile(join(contentDir, 'index.md'), `\n${marker}\n`);
    for (const origin of origins) origin.child.kill('SIGHUP');
    await waitFor('both origins to reload', () =>
      Promise.resolve(origins.every((origin) => origin.output().includes('Content reloaded')) ? true : undefined),
    );
    const reloaded = Date.now();
    // The cached copy may be served until it is LIFETIME_S old, and once more while the new one is fetched.
    await waitFor(
      'the new page through the cache',
      async () => ((await (await get('/')).text()).includes(marker) ? true : undefined),
      (LIFETIME_S + 3) * 1000,
    );
    expect(Date.now() - reloaded).toBeLessThanOrEqual((LIFETIME_S + 3) * 1000);
  });

  it('with every origin stopped, every page (and the 404 page) is still served from the cache', async () => {
    const before = new Map<string, string>();
    for (const path of [...paths, '/no-such-page']) {
      await get(path);
      before.set(path, await (await get(path)).text());
    }
    // Past their lifetime and their stale-while-revalidate window (as long again): only the
    // origins' stale-if-error lets the cache serve them now.
    await new Promise((done) => setTimeout(done, (2 * LIFETIME_S + 1) * 1000));
    await Promise.all(origins.map((origin) => origin.stop()));
    await waitFor('Varnish to see every origin as sick', async () => {
      const list = await varnish!.adm('backend.list');
      return (list.match(/\bsick\b/g) ?? []).length >= origins.length ? list : undefined;
    });
    for (const path of [...paths, '/no-such-page']) {
      const res = await get(path);
      expect(res.status, path).toBe(path === '/no-such-page' ? 404 : 200);
      expect(res.headers.get('x-cache'), path).toBe('HIT');
      expect(Number(res.headers.get('age')), path).toBeGreaterThan(2 * LIFETIME_S);
      expect(await res.text(), path).toBe(before.get(path));
    }
    // Not cached, so not there: the probe says the origin is down, and so does a page never asked for.
    expect((await get('/healthz')).status).toBe(503);
    expect((await get('/never-asked-for')).status).toBe(503);
  });
});
