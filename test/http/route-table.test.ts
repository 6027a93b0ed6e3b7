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

/** A route someone added without thinking about caches: before the pages, which answer any path. */
const forgotten: Route = {
  method: 'GET',
  path: '/a-new-answer',
  handler: () => (_req, res) => void res.type('text/plain').send('made for one visitor\n'),
  mirror: 'left out',
};

let shared: Awaited<ReturnType<typeof startSharedApp>>;
let withForgotten: ReturnType<typeof createServer>;
beforeAll(async () => {
  shared = await startSharedApp();
  const routes = [...ROUTES.slice(0, -1), forgotten, ROUTES.at(-1)!];
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
    expect(disallowedPaths()).toEqual(['/search']);
    const robots = await request(shared.app).get('/robots.txt');
    expect(robots.text.split('\n').filter((line) => line.startsWith('Disallow:'))).toEqual(['Disallow: /search']);
  });

  it('the mirror writes every page and asset, and replaces search and the flow with a notice', () => {
    const notices = mirrorNotices(shared.build);
    expect([...notices.keys()]).toEqual(['/search', '/could-ot-help']);
    const served = mirroredAddresses(shared.build);
    for (const path of shared.build.rendered.pages.keys()) expect(served).toContain(path);
    for (const path of shared.build.assets.fingerprinted.keys()) expect(served).toContain(path);
    expect(served).toContain('/robots.txt');
    expect(served).not.toContain('/healthz');
  });
});
