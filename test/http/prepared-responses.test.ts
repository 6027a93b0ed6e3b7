/**
 * The mechanisms that make pages fast, asserted directly (timings live in bench/):
 * a page request renders no template and parses no Markdown; a matching If-None-Match
 * gets 304; a client that asks for brotli gets the brotli bytes prepared at startup.
 */
import MarkdownIt from 'markdown-it';
import nunjucks from 'nunjucks';
import request from 'supertest';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { once } from 'node:events';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { startApp } from '../support/app.js';

let started: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  started = await startApp();
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
        expect((await request(started.app).get(path).set('Accept-Encoding', encoding)).status).toBe(200);
      }
    }
    expect((await request(started.app).get('/no-such-page')).status).toBe(404);
    expect(calls(spies)).toBe(0);
  });

  it('the spies do see rendering: a search renders its results page', async () => {
    const spies = spyOnRendering();
    await request(started.app).get('/search?q=referral');
    expect(calls(spies)).toBeGreaterThan(0);
  });

  it('answers 304 with no body to a matching If-None-Match, and 200 to a stale one', async () => {
    const first = await request(started.app).get('/referral');
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await request(started.app).get('/referral').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    const stale = await request(started.app).get('/referral').set('If-None-Match', '"not-this-one"');
    expect(stale.status).toBe(200);
  });

  it('sends the brotli bytes prepared at startup to a client that asks for brotli', async () => {
    const prepared = started.build.rendered.pages.get('/contact')!;
    const server = started.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      // node:http, because supertest would decompress the body before we could compare it.
      const [res] = (await once(get({ host: '127.0.0.1', port, path: '/contact', headers: { 'accept-encoding': 'br, gzip' } }), 'response')) as [IncomingMessage];
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      expect(res.headers['content-encoding']).toBe('br');
      expect(body.equals(prepared.br)).toBe(true);
      expect(brotliDecompressSync(body).equals(prepared.identity)).toBe(true);
    } finally {
      server.close();
    }
  });

  it('fingerprinted assets are cached for a year and answer 304 too', async () => {
    const [url, file] = [...started.build.assets.files][0]!;
    const res = await request(started.app).get(url);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await request(started.app).get(url).set('If-None-Match', file.etag);
    expect(again.status).toBe(304);
  });
});
