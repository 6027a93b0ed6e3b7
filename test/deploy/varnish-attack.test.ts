/**
 * The cache keeps its outage copies under attack. Behind deploy/varnish.vcl, every page the
 * cache has is what families get while the origins are down; these tests try, as an attacker
 * would (loopback only, a bounded number of requests), to take those copies away first:
 * warm the pages, attack, stop the origin, and every warmed page must still be a 200 from
 * the cache, byte for byte.
 *
 * - Requests the origin refuses (headers over its limit), sent once a page is stale: their
 *   refusal must not replace the stale copy.
 * - Floods of addresses anyone can invent (404s, query strings, Host names): they must not
 *   push the pages out of the store.
 *
 * And the relation the first rests on: Varnish accepts no request head the origins would
 * refuse for its size, read from where each is set (deploy/varnish-limits.cli and
 * src/http/limits.ts).
 */
import { readFile } from 'node:fs/promises';
import { Agent, request, type OutgoingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_LIMITS } from '../../src/http/limits.js';
import { CONTENT_DIR, startApp } from '../support/app.js';
import { startServer, type RunningServer } from '../support/process.js';
import { installed, waitFor } from './support/tools.js';
import { LIMITS_CLI, startVarnish, VARNISHD, type Stores, type Varnish } from './support/varnish.js';

const LIFETIME_S = 2;
/** What Varnish adds to a request on its way to an origin (X-Forwarded-For, Via, X-Varnish) is well under this. */
const VARNISH_ADDS_AT_MOST = 1024;
const ENCODINGS = ['br, gzip', 'gzip', 'identity'] as const;
const run = installed(VARNISHD, 'varnish', 'the cache attack tests (test/deploy/varnish-attack.test.ts)');

/** A varnishd setting from deploy/varnish-limits.cli, in bytes. */
async function varnishLimit(name: string): Promise<number> {
  const text = await readFile(LIMITS_CLI, 'utf8');
  const match = new RegExp(`^param\\.set ${name} (\\d+)(k?)$`, 'm').exec(text);
  if (!match) throw new Error(`deploy/varnish-limits.cli does not set ${name} in bytes`);
  return Number(match[1]) * (match[2] ? 1024 : 1);
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/**
 * GET through Varnish with any headers (fetch may not set Host). A connection Varnish closes
 * without answering (its way of refusing a request head over http_req_size) is status 0.
 */
function get(port: number, path: string, headers: OutgoingHttpHeaders = {}): Promise<Answer> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: headers.connection === 'close' ? false : agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', () => done({ status: 0, headers: {}, body: Buffer.alloc(0) }));
    });
    req.on('error', () => done({ status: 0, headers: {}, body: Buffer.alloc(0) }));
    req.end();
  });
}

/** Runs `count` requests, `concurrency` at a time. */
async function flood(count: number, concurrency: number, send: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await send(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let origin: RunningServer | undefined;
let varnish: Varnish | undefined;
afterEach(async () => {
  await varnish?.stop();
  await origin?.stop();
  [origin, varnish] = [undefined, undefined];
});

/** One origin (pages live LIFETIME_S) behind Varnish; every page's address. */
async function startTier(stores?: Stores) {
  const paths = [...(await startApp({ contentDir: CONTENT_DIR })).build.rendered.pages.keys()];
  origin = await startServer({ CACHE_MAX_AGE: String(LIFETIME_S), NODE_ENV: 'production', SITE_URL: 'https://ot.example.nhs.uk' }, 60_000);
  varnish = await startVarnish([origin.port], stores);
  return { paths, port: varnish.port };
}

/** Every page in every encoding, through the cache: what it must go on serving. */
async function warm(port: number, paths: string[]): Promise<Map<string, Buffer>> {
  const copies = new Map<string, Buffer>();
  for (const path of paths) {
    for (const encoding of ENCODINGS) {
      const res = await get(port, path, { 'accept-encoding': encoding });
      expect(res.status, `${path} (${encoding})`).toBe(200);
      copies.set(`${path} (${encoding})`, res.body);
    }
  }
  return copies;
}

/** The origin stopped and seen as sick: every warmed copy is still served, from the cache. */
async function expectServedWithOriginDown(port: number, copies: Map<string, Buffer>): Promise<void> {
  await origin!.stop();
  await waitFor('Varnish to see the origin as sick', async () =>
    (await varnish!.adm('backend.list')).includes('sick') ? true : undefined,
  );
  const lost: string[] = [];
  for (const [key, body] of copies) {
    const [, path, encoding] = /^(\S+) \((.+)\)$/.exec(key)!;
    const res = await get(port, path!, { 'accept-encoding': encoding });
    if (res.status !== 200 || res.headers['x-cache'] !== 'HIT' || !res.body.equals(body)) lost.push(`${key}: ${res.status}`);
  }
  expect(lost, 'pages the cache no longer has').toEqual([]);
}

describe.skipIf(!run)('the cache under attack (deploy/varnish.vcl)', () => {
  it('Varnish refuses every request head too big for the origins itself, and passes on the largest it accepts', async () => {
    const reqSize = await varnishLimit('http_req_size');
    const headerLine = await varnishLimit('http_req_hdr_len');
    expect(reqSize + VARNISH_ADDS_AT_MOST).toBeLessThanOrEqual(SERVER_LIMITS.maxHeaderSize);
    expect(headerLine).toBeLessThanOrEqual(reqSize);

    const { port } = await startTier();
    /** Headers of 4,000 bytes (under http_req_hdr_len) making a request head of about `size` bytes. */
    const headersOf = (size: number) => {
      const headers: OutgoingHttpHeaders = {};
      for (let n = 0, left = size - 200; left > 0; n++, left -= 4020) headers[`x-filler-${n}`] = 'x'.repeat(Math.min(4000, left));
      return headers;
    };
    // The largest request Varnish accepts reaches the origin and is answered.
    expect((await get(port, '/referral', headersOf(reqSize - 400))).status).toBe(200);
    // One the origin would refuse for its size is refused by Varnish (it closes the
    // connection, or answers 400): the origin's 431 never comes back through the cache.
    const refused = await get(port, '/referral', { ...headersOf(SERVER_LIMITS.maxHeaderSize + 100), connection: 'close' });
    expect([0, 400]).toContain(refused.status);
  });

  it('requests the origin refuses, sent once the pages are stale, leave every page to be served through an outage', async () => {
    const { paths, port } = await startTier();
    const copies = await warm(port, paths);
    const warmed = Date.now();
    const attack = async () => {
      let sent = 0;
      for (const path of paths) {
        for (const encoding of ENCODINGS) {
          // Three 7,000-byte headers: over the origin's 16 kB.
          const big = Object.fromEntries([1, 2, 3].map((n) => [`x-big-${n}`, 'b'.repeat(7000)]));
          await get(port, path, { 'accept-encoding': encoding, ...big, connection: 'close' });
          sent += 1;
        }
      }
      return sent;
    };
    // Stale, within stale-while-revalidate: each refused request sets off a background fetch.
    await sleep(Math.max(0, warmed + LIFETIME_S * 1000 + 300 - Date.now()));
    let sent = await attack();
    // Past stale-while-revalidate, the origin up: each is fetched now, in front of the client.
    await sleep(Math.max(0, warmed + 2 * LIFETIME_S * 1000 + 300 - Date.now()));
    sent += await attack();
    expect(sent).toBe(2 * paths.length * ENCODINGS.length);

    await expectServedWithOriginDown(port, copies);
  }, 120_000);

  it('a flood of invented addresses cannot push the pages out of the cache', async () => {
    // A small page store, so that a bounded flood overfills it several times over.
    const stores = { pages: '4m', junk: '2m' };
    const storeBytes = 4 * 1024 * 1024;
    const { paths, port } = await startTier(stores);
    const copies = await warm(port, paths);
    const pagesBytes = [...copies.values()].reduce((sum, body) => sum + body.length, 0);
    expect(pagesBytes, 'the pages fit the store with room to spare').toBeLessThan(storeBytes / 2);

    // Each answer is kept plain (identity), the largest form: the 404 page is the smallest of them.
    const notFound = await get(port, '/junk-size', { 'accept-encoding': 'identity' });
    expect(notFound.status).toBe(404);
    const count = Math.ceil((3 * storeBytes) / notFound.body.length);
    expect(count, 'a bounded flood').toBeLessThan(5_000);
    const nukedBefore = await varnish!.counter('MAIN.n_lru_nuked');
    const started = Date.now();
    const kinds = [
      (i: number) => get(port, `/junk-${i}`, { 'accept-encoding': 'identity' }),
      (i: number) => get(port, `${paths[i % paths.length]}?junk=${i}`, { 'accept-encoding': 'identity' }),
      (i: number) => get(port, `/search?q=junk${i}`, { 'accept-encoding': 'identity' }),
      (i: number) => get(port, paths[i % paths.length]!, { 'accept-encoding': 'identity', host: `junk-${i}.example` }),
    ];
    await flood(count, 16, (i) => kinds[i % kinds.length]!(i));
    const seconds = (Date.now() - started) / 1000;
    console.log(`cache flood: ${count} requests in ${seconds.toFixed(1)} s`);
    // The flood did overfill a store: Varnish pushed answers out to make room.
    const nuked = await waitFor('varnishstat to count evictions', async () => {
      const now = await varnish!.counter('MAIN.n_lru_nuked');
      return now > nukedBefore ? now : undefined;
    });
    expect(nuked).toBeGreaterThan(nukedBefore);

    await expectServedWithOriginDown(port, copies);
  }, 120_000);
});
