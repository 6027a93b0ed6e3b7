/**
 * The mechanisms that make pages fast, asserted directly (timings live in bench/):
 * a page request renders no template and parses no Markdown; a matching If-None-Match
 * gets 304; a client that asks for brotli gets the brotli bytes made at startup.
 */
import MarkdownIt from 'markdown-it';
import nunjucks from 'nunjucks';
import request from 'supertest';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import { brotliDecompressSync } from 'node:zlib';
import { pino } from 'pino';
import { finishBuild } from '../../src/build.js';
import { startApp, startSharedApp } from '../support/app.js';
import { getRaw } from '../support/rawBody.js';

let started: Awaited<ReturnType<typeof startApp>>;
let handler: Awaited<ReturnType<typeof startApp>>['app'];
beforeAll(async () => {
  started = await startSharedApp();
  handler = started.app;
});
afterEach(() => vi.restoreAllMocks());

function spyOnRendering() {
  return [
    vi.spyOn(nunjucks.Environment.prototype, 'render'),
    vi.spyOn(nunjucks.Environment.prototype, 'renderString'),
    vi.spyOn(nunjucks.Template.prototype, 'render'),
    vi.spyOn(MarkdownIt.prototype, 'parse'),
    vi.spyOn(MarkdownIt.prototype, 'render'),
  ];
}
const calls = (spies: ReturnType<typeof spyOnRendering>) => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);

describe('prepared responses', () => {
  it('a page request renders no template and parses no Markdown', async () => {
    const spies = spyOnRendering();
    const paths = [...started.build.rendered.pages.keys()];
    for (const path of paths) {
      for (const encoding of ['br', 'gzip', 'identity']) {
        expect((await request(handler).get(path).set('Accept-Encoding', encoding)).status).toBe(200);
      }
    }
    expect((await request(handler).get('/no-such-page')).status).toBe(404);
    expect(calls(spies)).toBe(0);
  });

  it('the spies do see rendering', async () => {
    const spies = spyOnRendering();
    await startApp();
    expect(calls(spies)).toBeGreaterThan(0);
  });

  it('answers 304 with no body to a matching If-None-Match, and 200 to a stale one', async () => {
    const first = await request(handler).get('/referral');
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await request(handler).get('/referral').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    const stale = await request(handler).get('/referral').set('If-None-Match', '"not-this-one"');
    expect(stale.status).toBe(200);
  });

  it('sends the brotli bytes made at startup to a client that asks for brotli', async () => {
    const finished = started.build.rendered.pages.get('/contact')!;
    // node:http, because supertest would decompress the body before we could compare it.
    const res = await getRaw(handler, '/contact', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.equals(finished.br!)).toBe(true);
    expect(brotliDecompressSync(res.body).equals(finished.identity)).toBe(true);
  });

  it('fingerprinted assets are cached for a year and answer 304 too', async () => {
    const [url, file] = [...started.build.assets.fingerprinted][0]!;
    const res = await request(handler).get(url);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await request(handler).get(url).set('If-None-Match', file.etag);
    expect(again.status).toBe(304);
  });

  it("nhsuk-frontend's images are cached for a day, sent as they are, and answer 304 too", async () => {
    const png = await getRaw(handler, '/assets/images/nhsuk-icon-192.png', { 'accept-encoding': 'br, gzip' });
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['cache-control']).toBe('public, max-age=86400');
    const again = await request(handler).get('/assets/images/nhsuk-icon-192.png').set('If-None-Match', String(png.headers.etag));
    expect(again.status).toBe(304);
    const svg = await getRaw(handler, '/assets/images/favicon.svg', { 'accept-encoding': 'gzip' });
    expect(svg.headers['content-encoding']).toBe('gzip');
  });
});

describe("the server's first build, served before its pages are finished", () => {
  it('draws each page asked for, byte for byte the finished page, until finishBuild makes them all', async () => {
    const first = await startApp({ finish: 'least' });
    const paths = [...started.build.rendered.pages.keys()];
    // One of each layout (home, tier, page) proves the templates; the rest are drawn.
    expect(first.build.rendered.pages.size).toBe(3);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      const finished = started.build.rendered.pages.get(path)!;
      const drawn = await getRaw(first.app, path, { 'accept-encoding': 'identity' });
      expect(drawn.status, path).toBe(200);
      expect(drawn.headers.etag, path).toBe(finished.etag);
      expect(drawn.body.equals(finished.identity), path).toBe(true);
      expect(drawn.headers['cache-control'], path).toBe((await request(handler).get(path)).headers['cache-control']);
    }
    // A drawn page answers as the finished one does: 304, 412, the trailing-slash 301, 404.
    const drawn = paths.find((path) => path !== '/' && !first.build.rendered.pages.has(path))!;
    const etag = started.build.rendered.pages.get(drawn)!.etag;
    expect((await request(first.app).get(drawn).set('If-None-Match', etag)).status).toBe(304);
    expect((await request(first.app).get(drawn).set('If-Match', '"not-this-one"')).status).toBe(412);
    expect((await request(first.app).get(drawn).set('If-Match', etag)).status).toBe(200);
    expect((await request(first.app).get(`${drawn}/`)).headers.location).toBe(drawn);
    expect((await request(first.app).get('/no-such-page')).status).toBe(404);

    const finishedLater = await finishBuild(first.build);
    expect([...finishedLater.rendered.pages.keys()]).toEqual(paths);
    for (const path of paths) {
      const made = finishedLater.rendered.pages.get(path)!;
      expect(made.identity.equals(started.build.rendered.pages.get(path)!.identity), path).toBe(true);
      expect(brotliDecompressSync(made.br!).equals(made.identity), path).toBe(true);
    }
    await first.close();
  });
});

describe('the request log', () => {
  it('has one line per request, whatever answered it', async () => {
    const lines: Record<string, any>[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    const { app: logged, close } = await startSharedApp({}, pino({ level: 'info' }, sink));
    const paths = [
      '/referral',
      [...started.build.assets.fingerprinted.keys()][0]!,
      '/search?q=my+child',
      '/no-such-page',
      '/assets/images/favicon.svg',
    ];
    for (const path of paths) await request(logged).get(path);
    await new Promise((done) => setImmediate(done));
    const requestLines = lines.filter((line) => line.req);
    expect(requestLines.map((line) => [line.req.method, line.req.path, line.res.statusCode])).toEqual([
      ['GET', '/referral', 200],
      ['GET', paths[1], 200],
      ['GET', '/search', 200],
      ['GET', '/no-such-page', 404],
      ['GET', '/assets/images/favicon.svg', 200],
    ]);
    await close();
    for (const line of requestLines) expect(Object.keys(line.req).sort()).toEqual(['method', 'path', 'remoteAddress']);
  });
});
