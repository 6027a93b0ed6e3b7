/**
 * What each kind of response tells caches (the rules in src/http/caching.ts), asked of the
 * real app. That a real shared cache obeys them is shown in cache.test.ts, through Varnish.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { cachingRules, DEFAULT_CACHING, DEFAULT_SHARED_MAX_AGE, STALE_IF_ERROR, STALE_WHILE_REVALIDATE } from '../../src/http/caching.js';
import { SiteHolder } from '../../src/http/siteHolder.js';
import { readConfig } from '../../src/config.js';
import { listen, startSharedApp } from '../support/app.js';

let started: Awaited<ReturnType<typeof startSharedApp>>;
beforeAll(async () => {
  started = await startSharedApp();
});

/** Cache-Control's directives as name → value (true for a directive without one). */
function directives(header: string | undefined): Map<string, string | true> {
  return new Map(
    (header ?? '')
      .split(',')
      .map((part) => part.trim().split('=') as [string, string?])
      .map(([name, value]) => [name, value ?? true]),
  );
}

describe('caching rules', () => {
  it('pages are kept by shared caches for the default lifetime, served stale while revalidating or when the origin fails, and revalidated by browsers', async () => {
    const res = await request(started.app).get('/referral');
    const cc = directives(res.headers['cache-control']);
    expect(cc.get('public')).toBe(true);
    expect(cc.get('max-age')).toBe('0');
    expect(cc.get('s-maxage')).toBe(String(DEFAULT_SHARED_MAX_AGE));
    expect(cc.get('stale-while-revalidate')).toBe(String(STALE_WHILE_REVALIDATE));
    expect(cc.get('stale-if-error')).toBe(String(STALE_IF_ERROR));
    expect(cc.has('no-cache') || cc.has('no-store') || cc.has('private') || cc.has('must-revalidate')).toBe(false);
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    const again = await request(started.app).get('/referral').set('If-None-Match', res.headers.etag!);
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe(res.headers['cache-control']);
  });

  it('the 404 page is cached like a page, so that misses cost the origin nothing', async () => {
    const res = await request(started.app).get('/no-such-page');
    expect(res.status).toBe(404);
    expect(res.headers['cache-control']).toBe(DEFAULT_CACHING.page);
    expect(res.headers.vary).toBe('Accept-Encoding');
  });

  it('search results are cached per full address for a fifth of a page’s lifetime, at most a minute', async () => {
    const res = await request(started.app).get('/search?q=referral');
    const cc = directives(res.headers['cache-control']);
    expect(cc.get('public')).toBe(true);
    expect(cc.get('s-maxage')).toBe('60');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(directives(cachingRules(100).queryAnswer).get('s-maxage')).toBe('20');
  });

  it('the feed’s list of services, answering a query string, is kept as briefly as search results', async () => {
    for (const path of ['/openreferral/services?search=sensory&page=1', '/openreferral/services?page=1']) {
      const res = await request(started.app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe(DEFAULT_CACHING.queryAnswer);
    }
    // Without one it is as fixed as a page (and the static mirror has it as a file), like the feed's other answers.
    for (const path of ['/openreferral/services', '/openreferral/']) {
      expect((await request(started.app).get(path)).headers['cache-control'], path).toBe(DEFAULT_CACHING.page);
    }
  });

  it('fingerprinted assets are immutable for a year; nhsuk-frontend’s fixed images for a day', async () => {
    const css = started.build.assets.stylesheets[0]!;
    expect((await request(started.app).get(css)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await request(started.app).get('/assets/images/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('probes and every error other than 404 are never stored', async () => {
    for (const path of ['/healthz', '/readyz'])
      expect((await request(started.app).get(path)).headers['cache-control'], path).toBe('no-store');
    const bad = await request(started.app).get('/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.headers['cache-control']).toBe('no-store');
    const tooLong = await request(started.app)
      .get('/search')
      .query({ q: 'a'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers['cache-control']).toBe('no-store');
    const post = await request(started.app).post('/referral');
    expect(post.status).toBe(405);
    expect(post.headers['cache-control']).toBe('no-store');
  });

  it('the redirect from a trailing slash is cached like the page it points to', async () => {
    const res = await request(started.app).get('/referral/');
    expect(res.status).toBe(301);
    expect(res.headers['cache-control']).toBe(DEFAULT_CACHING.page);
  });

  it('CACHE_MAX_AGE sets the shared lifetime; a value that is not whole seconds up to an hour stops startup with a reason', async () => {
    expect(readConfig({}).cacheMaxAge).toBe(DEFAULT_SHARED_MAX_AGE);
    const config = readConfig({ CACHE_MAX_AGE: '2' });
    const holder = new SiteHolder(started.build, cachingRules(config.cacheMaxAge));
    const server = await listen(holder);
    const res = await request(server.app).get('/');
    await server.close();
    expect(directives(res.headers['cache-control']).get('s-maxage')).toBe('2');
    // Served stale while revalidating for no longer than the lifetime itself.
    expect(directives(res.headers['cache-control']).get('stale-while-revalidate')).toBe('2');
    expect(() => readConfig({ CACHE_MAX_AGE: 'soon' })).toThrow(/CACHE_MAX_AGE must be a number of seconds/);
    expect(() => readConfig({ CACHE_MAX_AGE: '1.5' })).toThrow(/whole number/);
    expect(() => readConfig({ CACHE_MAX_AGE: '-1' })).toThrow(/cannot be negative/);
    expect(() => readConfig({ CACHE_MAX_AGE: '86400' })).toThrow(/at most 3600 seconds/);
  });
});
