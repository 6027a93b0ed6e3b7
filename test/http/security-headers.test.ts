/**
 * The same security headers on every kind of response of the production server: pages, our
 * assets, nhsuk-frontend's assets, redirects, health probes, each error page, and the
 * answers to requests Node handles below Express (unparseable, CONNECT, Expect).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NHSUK_DIST } from '../../src/render/environment.js';
import { FONT_HOST } from '../../src/http/security.js';
import { startApp, startSharedApp } from '../support/app.js';
import { rawRequest } from '../support/raw.js';
import { expectSecurityHeaders, parseCsp } from '../support/security.js';

let server: Awaited<ReturnType<typeof startApp>>;
let app: Awaited<ReturnType<typeof startApp>>['app'];
let stylesheet: string;
beforeAll(async () => {
  server = await startSharedApp();
  app = server.app;
  stylesheet = server.holder.current.assets.stylesheets[0]!;
});
afterAll(() => server?.close());

const RESPONSES: [kind: string, send: () => request.Test, status: number][] = [
  ['a page', () => request(app).get('/referral'), 200],
  ['a page, compressed', () => request(app).get('/').set('Accept-Encoding', 'br'), 200],
  ['a page, not modified', () => request(app).get('/').set('If-None-Match', '*'), 304],
  ['a HEAD request', () => request(app).head('/contact'), 200],
  ['our fingerprinted stylesheet', () => request(app).get(stylesheet), 200],
  ["nhsuk-frontend's image", () => request(app).get('/assets/images/nhsuk-icon-cross.svg'), 200],
  ['a redirect', () => request(app).get('/referral/'), 301],
  ['liveness', () => request(app).get('/healthz'), 200],
  ['readiness', () => request(app).get('/readyz'), 200],
  ['404 page', () => request(app).get('/no-such-page'), 404],
  ['404 under /assets', () => request(app).get('/assets/no-such-file.png'), 404],
  ['400 page', () => request(app).get('/%zz'), 400],
  ['405 page', () => request(app).delete('/'), 405],
  ['413 page', () => request(app).get('/').set('Content-Type', 'text/plain').send('a body'), 413],
  ['414 page', () => request(app).get('/' + 'x'.repeat(3000)), 414],
  ['412 page, for a page', () => request(app).get('/referral').set('If-Match', '"nope"'), 412],
  ['412 page, for a fingerprinted asset', () => request(app).get(stylesheet).set('If-Match', '"nope"'), 412],
  ['412 page, for an /assets file', () => request(app).get('/assets/images/favicon.svg').set('If-Match', '"nope"'), 412],
];

describe('security headers', () => {
  it.each(RESPONSES)('on %s', async (kind, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expectSecurityHeaders(res.headers, kind);
  });

  it('on the 500 page, when serving a page fails', async () => {
    const { app: failing, holder: broken } = await startApp();
    const pages = broken.current.rendered.pages as Map<string, unknown>;
    pages.get = () => {
      throw new Error('simulated failure with a secret detail');
    };
    const res = await request(failing).get('/referral');
    expect(res.status).toBe(500);
    expect(res.text).toContain('Sorry, there is a problem with the service');
    expect(res.text).not.toContain('secret detail');
    expect(res.text).not.toMatch(/\n\s+at /);
    expectSecurityHeaders(res.headers, '500 page');
  });

  it('even if the error page itself fails, the answer is a plain 500 with no stack trace', async () => {
    const { app: failing, holder: broken } = await startApp();
    const fail = () => {
      throw new Error('simulated failure with a secret detail');
    };
    (broken.current.rendered.pages as Map<string, unknown>).get = fail;
    (broken.current.rendered.errors as Map<number, unknown>).get = fail;
    const res = await request(failing).get('/referral');
    expect(res.status).toBe(500);
    expect(res.text).toBe('Sorry, there is a problem with the service. Try again later.');
    expectSecurityHeaders(res.headers, 'last-resort 500');
  });

  it('on the answers Node would otherwise write bare: 431 for oversized headers, 400 for a bad request', async () => {
    const big = await rawRequest(server.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    expect(big.status).toBe(431);
    expectSecurityHeaders(big.headers, '431');
    const bad = await rawRequest(server.port, 'NOT-HTTP\r\n\r\n');
    expect(bad.status).toBe(400);
    expectSecurityHeaders(bad.headers, 'raw 400');
    for (const res of [big, bad]) expect(res.headerLines.filter((line) => /^content-security-policy:/i.test(line))).toHaveLength(1);
  });

  it('on the 417 to an Expect other than 100-continue, which Node would otherwise answer bare', async () => {
    const res = await rawRequest(server.port, 'GET / HTTP/1.1\r\nHost: localhost\r\nExpect: bogus\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(417);
    expectSecurityHeaders(res.headers, '417');
  });

  it('on the 405 to CONNECT, which Node would otherwise drop without a word', async () => {
    const res = await rawRequest(server.port, 'CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expectSecurityHeaders(res.headers, 'CONNECT');
  });

  it('the CSP allows scripts only from us and by the hash of the one inline script the pages really have', async () => {
    const served = new Set<string>();
    for (const path of [...server.build.rendered.pages.keys(), '/no-such-page', '/search?q=referral']) {
      const html = (await request(app).get(path)).text;
      // JSON-LD is a data block, not a script: the CSP does not apply to it (a browser test checks).
      for (const match of html.matchAll(/<script(?![^>]*\b(?:src=|type="application\/ld\+json"))[^>]*>([^]*?)<\/script>/g))
        served.add(match[1]!);
    }
    expect(served.size).toBe(1);
    const hash = createHash('sha256')
      .update([...served][0]!)
      .digest('base64');
    const csp = parseCsp((await request(app).get('/')).headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'", `'sha256-${hash}'`]);
  });

  it('the only other host in the CSP is the font host nhsuk-frontend’s CSS really uses', async () => {
    const css = readFileSync(join(NHSUK_DIST, 'nhsuk', 'nhsuk-frontend.min.css'), 'utf8');
    const hosts = new Set([...css.matchAll(/url\((?:["']?)(https?:\/\/[^/"')]+)/g)].map((m) => m[1]));
    expect([...hosts]).toEqual([FONT_HOST]);
    const header = String((await request(app).get('/')).headers['content-security-policy']);
    expect(parseCsp(header).get('font-src')).toEqual([FONT_HOST]);
    expect(header.match(/https?:\/\/[^\s;]+/g)).toEqual([FONT_HOST]);
  });

  it('the Permissions-Policy turns off every powerful feature the site does not use', async () => {
    const policy = String((await request(app).get('/')).headers['permissions-policy']);
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'fullscreen', 'display-capture']) {
      expect(policy).toContain(`${feature}=()`);
    }
  });
});
