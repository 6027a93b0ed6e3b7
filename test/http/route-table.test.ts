/**
 * The route table (src/routes.ts) decides what each address tells caches: a route given no
 * rule, and anything no route answers, is never stored; the question flow's redirects carry
 * the flow's own rule; robots.txt and the static mirror read the same table.
 */
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CACHING } from '../../src/http/caching.js';
import { createServer } from '../../src/http/createServer.js';
import { SiteHolder } from '../../src/http/siteHolder.js';
import { disallowedPaths, mirrorNotices, mirroredAddresses, ROUTES, type Route } from '../../src/routes.js';
import { startSharedApp } from '../support/app.js';
import { rawRequest } from '../support/raw.js';
import { parseCsp } from '../support/security.js';

/** A route someone added without thinking about caches: before the pages, which answer any path. */
const forgotten: Route = {
  method: 'GET',
  path: '/a-new-answer',
  handler: () => (_req, res) => void res.type('text/plain').send('made for one visitor\n'),
  mirror: 'left out',
};

/** A page that may be shown in a frame of this site, and posts its form to one other address. */
const framed: Route = {
  method: 'GET',
  path: '/framed',
  handler: () => (_req, res) => void res.type('text/plain').send('framed\n'),
  mirror: 'left out',
  security: {
    xFrameOptions: { action: 'sameorigin' },
    contentSecurityPolicy: { directives: { frameAncestors: ["'self'"], formAction: ["'self'", 'https://forms.example'] } },
  },
};

/** A handler that sets the headers itself. */
const ownHeaders: Route = {
  method: 'GET',
  path: '/own-headers',
  handler: () => (_req, res) => {
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'");
    res.type('text/plain').send('own\n');
  },
  mirror: 'left out',
};

/** A form: POSTed to with a body, then sends the visitor on (post/redirect/get). */
const form: Route = {
  method: 'POST',
  path: '/a-form',
  handler: () => (req, res) => {
    req.resume();
    req.once('end', () => res.redirect(303, '/referral'));
  },
  mirror: 'left out',
};

let shared: Awaited<ReturnType<typeof startSharedApp>>;
let withForgotten: ReturnType<typeof createServer>;
beforeAll(async () => {
  shared = await startSharedApp();
  const routes = [...ROUTES.slice(0, -1), forgotten, framed, ownHeaders, form, ROUTES.at(-1)!];
  withForgotten = createServer({ holder: new SiteHolder(shared.build), logger: pino({ level: 'silent' }), routes });
  await new Promise<void>((done) => withForgotten.listen(0, '127.0.0.1', done));
});
afterAll(() => withForgotten?.close());

describe('the route table', () => {
  it('a route nobody gave a cache rule answers no-store', async () => {
    const port = (withForgotten.address() as AddressInfo).port;
    const res = await request(`http://127.0.0.1:${port}`).get('/a-new-answer');
    expect(res.status).toBe(200);
    expect(res.text).toBe('made for one visitor\n');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a page route after it still gets the page rule', async () => {
    const port = (withForgotten.address() as AddressInfo).port;
    const res = await request(`http://127.0.0.1:${port}`).get('/referral');
    expect(res.headers['cache-control']).toBe(DEFAULT_CACHING.page);
  });

  it('the question flow’s 303s carry the flow’s cache rule', async () => {
    const moved = await request(shared.app).get('/could-ot-help?age=under-5&asked=age');
    expect(moved.status).toBe(303);
    expect(moved.headers.location).toBe('/could-ot-help?age=under-5');
    expect(moved.headers['cache-control']).toBe(DEFAULT_CACHING.queryAnswer);
  });

  it('a trailing slash is sent on to the page with the page rule', async () => {
    const moved = await request(shared.app).get('/referral/');
    expect(moved.status).toBe(301);
    expect(moved.headers['cache-control']).toBe(DEFAULT_CACHING.page);
  });

  it('robots.txt keeps crawlers out of exactly the routes the table marks', async () => {
    expect(disallowedPaths()).toEqual(['/feedback/thanks', '/search']);
    const robots = await request(shared.app).get('/robots.txt');
    expect(robots.text.split('\n').filter((line) => line.startsWith('Disallow:'))).toEqual([
      'Disallow: /feedback/thanks',
      'Disallow: /search',
    ]);
  });

  it('the mirror writes every page and asset, and replaces search and the flow with a notice', () => {
    const notices = mirrorNotices(shared.build);
    expect([...notices.keys()]).toEqual(['/feedback/thanks', '/search', '/could-ot-help']);
    const served = mirroredAddresses(shared.build);
    for (const path of shared.build.rendered.pages.keys()) expect(served).toContain(path);
    for (const path of shared.build.assets.fingerprinted.keys()) expect(served).toContain(path);
    expect(served).toContain('/robots.txt');
    expect(served).not.toContain('/healthz');
  });

  it('a route can change X-Frame-Options and the CSP, and each is still sent once', async () => {
    const port = (withForgotten.address() as AddressInfo).port;
    const res = await rawRequest(port, 'GET /framed HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(200);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const csp = parseCsp(res.headers['content-security-policy']);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'", 'https://forms.example']);
    expect(csp.get('default-src')).toEqual(["'self'"]); // the rest is the site's
    for (const name of ['content-security-policy', 'x-frame-options'])
      expect(res.headerLines.filter((line) => line.toLowerCase().startsWith(`${name}:`))).toHaveLength(1);
    const page = await rawRequest(port, 'GET /referral HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(page.headers['x-frame-options']).toBe('DENY'); // other routes keep the site's
  });

  it('a handler can set X-Frame-Options and the CSP itself, and each is still sent once', async () => {
    const port = (withForgotten.address() as AddressInfo).port;
    const res = await rawRequest(port, 'GET /own-headers HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'self'");
    for (const name of ['content-security-policy', 'x-frame-options'])
      expect(res.headerLines.filter((line) => line.toLowerCase().startsWith(`${name}:`))).toHaveLength(1);
  });

  it('a POST route takes a form with a body and answers 303, never stored; other addresses still refuse both', async () => {
    const origin = `http://127.0.0.1:${(withForgotten.address() as AddressInfo).port}`;
    const posted = await request(origin).post('/a-form').type('form').send({ words: 'useful' });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe('/referral');
    expect(posted.headers['cache-control']).toBe('no-store');
    const onPage = await request(origin).post('/referral').type('form').send({ words: 'useful' });
    expect(onPage.status).toBe(405);
    expect(onPage.headers.allow).toBe('GET, HEAD');
    const deleted = await request(origin).delete('/a-form');
    expect(deleted.status).toBe(405);
    expect(deleted.headers.allow).toBe('GET, HEAD, POST');
    expect((await request(origin).get('/referral').type('form').send({ words: 'useful' })).status).toBe(413);
  });
});
