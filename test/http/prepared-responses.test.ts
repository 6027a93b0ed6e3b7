/**
 * The mechanisms that make pages fast, asserted directly (timings live in bench/):
 * a page request renders no template and parses no Markdown; a matching If-None-Match
 * gets 304; a client that asks for brotli gets the brotli bytes prepared at startup.
 */
import MarkdownIt from 'markdown-it';
import nunjucks from 'nunjucks';
import request from 'supertest';
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, get, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { brotliDecompressSync } from 'node:zlib';
import { createApp } from '../../src/http/app.js';
import { pino } from 'pino';
import { withFastPath } from '../../src/http/fastPath.js';
import { startApp } from '../support/app.js';
import { rawBody } from '../support/rawBody.js';

let started: Awaited<ReturnType<typeof startApp>>;
/** What the server listens with: the fast path in front of the Express app. */
let handler: RequestListener;
let expressCalls = 0;
beforeAll(async () => {
  started = await startApp();
  const app: RequestListener = (req, res) => {
    expressCalls++;
    started.app(req, res);
  };
  handler = withFastPath(started.holder, app, pino({ level: 'silent' }));
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

  it('sends the brotli bytes prepared at startup to a client that asks for brotli', async () => {
    const prepared = started.build.rendered.pages.get('/contact')!;
    const server = createServer(handler).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      // node:http, because supertest would decompress the body before we could compare it.
      const [res] = (await once(
        get({ host: '127.0.0.1', port, path: '/contact', headers: { 'accept-encoding': 'br, gzip' } }),
        'response',
      )) as [IncomingMessage];
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
    const res = await request(handler).get(url);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await request(handler).get(url).set('If-None-Match', file.etag);
    expect(again.status).toBe(304);
  });
});

describe('the fast path', () => {
  const comparable = (res: request.Response) => {
    const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...headers } = res.headers;
    // A digest: deep equality over a 100 kB Buffer is slow. HEAD and 304 have no body to parse.
    return {
      status: res.status,
      headers,
      body: Buffer.isBuffer(res.body) ? createHash('sha256').update(res.body).digest('hex') : res.body,
    };
  };

  it('answers prepared pages, assets, searches and plain 404s without entering Express, and everything else through it', async () => {
    const before = expressCalls;
    for (const path of [...started.build.rendered.pages.keys(), ...started.build.assets.files.keys()]) await request(handler).get(path);
    expect(expressCalls).toBe(before);
    await request(handler).get('/search?q=referral');
    expect(expressCalls).toBe(before);
    await request(handler).get('/no-such-page');
    expect(expressCalls).toBe(before);
    await request(handler).post('/referral');
    await request(handler).get('/referral?from=leaflet');
    await request(handler).get('/referral/');
    await request(handler).get('/healthz');
    await request(handler).get('/assets/images/favicon.svg');
    await request(handler).get('/%E0%A4%A');
    expect(expressCalls).toBe(before + 6);
  });

  it('sends exactly what the Express app sends, header for header, byte for byte', async () => {
    const searches = ['/search?q=referral', '/search', '/search?q=%3Cb%3E', '/search?q=a&q=b', `/search?q=${'a'.repeat(201)}`];
    const missing = ['/no-such-page', '/.env', '/Referral', '/static/app.css', '/wp-login.php?x=1'];
    const paths = [...started.build.rendered.pages.keys(), ...started.build.assets.files.keys(), ...searches, ...missing];
    const variants: [string, Record<string, string>][] = [
      ['GET', { 'Accept-Encoding': 'br, gzip' }],
      ['GET', { 'Accept-Encoding': 'gzip' }],
      ['GET', { 'Accept-Encoding': 'identity' }],
      ['HEAD', { 'Accept-Encoding': 'br' }],
      ['HEAD', { 'Accept-Encoding': 'gzip' }],
    ];
    const listen = async (target: RequestListener) => {
      const server = createServer(target).listen(0, '127.0.0.1');
      await once(server, 'listening');
      return server;
    };
    const servers = [await listen(handler), await listen(started.app)];
    const [fastUrl, expressUrl] = servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    onTestFinished(() => servers.forEach((server) => server.close()));
    for (const path of paths) {
      const etag = started.build.rendered.pages.get(path)?.etag ?? started.build.assets.files.get(path)?.etag ?? '"none"';
      for (const [method, headers] of [...variants, ['GET', { 'If-None-Match': etag }] as [string, Record<string, string>]]) {
        const send = (target: string) => {
          const req = method === 'HEAD' ? request(target).head(path) : request(target).get(path);
          return req.set(headers).buffer(true).parse(rawBody);
        };
        const [fast, viaExpress] = await Promise.all([send(fastUrl!), send(expressUrl!)]);
        expect(comparable(fast), `${method} ${path} ${JSON.stringify(headers)}`).toEqual(comparable(viaExpress));
      }
    }
  });
});

describe('the request log', () => {
  it('has one line per request, the same on the fast path and through Express', async () => {
    const lines: Record<string, any>[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    const logger = pino({ level: 'info' }, sink);
    const logged = withFastPath(started.holder, createApp(started.holder, logger), logger);
    const paths = ['/referral', [...started.build.assets.files.keys()][0]!, '/search?q=my+child', '/no-such-page'];
    for (const path of paths) await request(logged).get(path);
    await new Promise((done) => setImmediate(done));
    const requestLines = lines.filter((line) => line.req);
    expect(requestLines.map((line) => [line.req.method, line.req.path, line.res.statusCode])).toEqual([
      ['GET', '/referral', 200],
      ['GET', paths[1], 200],
      ['GET', '/search', 200],
      ['GET', '/no-such-page', 404],
    ]);
    for (const line of requestLines) expect(Object.keys(line.req).sort()).toEqual(['method', 'path', 'remoteAddress']);
  });
});
