/**
 * Weight: bytes over the wire (headers and compressed bodies) for a first visit, with an
 * empty cache, to the home page and to a tier page, as Chromium loads them: the HTML and
 * every request it leads to (CSS, JS, icons, images). Requests to other hosts are listed,
 * and blocked (there is no internet here); whether each is render-blocking is reported.
 */
import { chromium, type Request } from 'playwright-core';
import { resolve } from 'node:path';
import { CHROMIUM_LAUNCH } from '../test/browser/support/chromium.js';
import { ROOT, settleCompression, startOurServer, type Row } from './support.js';

const TARGET_KB = 50;

interface Visit {
  bytes: number;
  requests: { url: string; bytes: number; type: string }[];
  otherHosts: { url: string; type: string }[];
}

export async function weight(): Promise<Row[]> {
  const server = await startOurServer(resolve(ROOT, 'content'), 'warn');
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    await settleCompression(server.port);
    const rows: Row[] = [];
    for (const [name, path] of [
      ['home page', '/'],
      ['tier page', '/targeted'],
    ] as const) {
      const visit = await firstVisit(browser, `http://127.0.0.1:${server.port}${path}`);
      const kb = visit.bytes / 1000;
      const parts = visit.requests
        .map((r) => `${new URL(r.url).pathname.replace(/\.[0-9a-f]{12}\./, '.')} ${(r.bytes / 1000).toFixed(1)}`)
        .join(', ');
      const others = visit.otherHosts.length
        ? `; not counted: ${visit.otherHosts.length} requests to other hosts, blocked here (no internet): ${visit.otherHosts.map((r) => `${r.type} ${r.url}`).join(', ')}`
        : '; none to other hosts';
      rows.push({
        bench: 'weight',
        name: `first visit, ${name} ${path}`,
        ours: `${kb.toFixed(1)} kB in ${visit.requests.length} requests (${parts} kB)${others}`,
        baseline: `${TARGET_KB} kB budget`,
        ratio: kb / TARGET_KB,
        target: `≤ ${TARGET_KB} kB`,
        pass: kb <= TARGET_KB,
      });
      console.error(`weight ${path}: ${kb.toFixed(1)} kB, ${visit.requests.length} requests${others}`);
    }
    return rows;
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function firstVisit(browser: import('playwright-core').Browser, url: string): Promise<Visit> {
  // A fresh context is an empty cache. Chromium only offers brotli over HTTPS, which a
  // loopback benchmark has not got; ask for it as a browser on the live (HTTPS) site would.
  const context = await browser.newContext({ extraHTTPHeaders: { 'accept-encoding': 'br, gzip' } });
  const origin = new URL(url).origin;
  const visit: Visit = { bytes: 0, requests: [], otherHosts: [] };
  const finished: Promise<void>[] = [];
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    const request = route.request();
    if (new URL(request.url()).origin === origin) return route.continue();
    visit.otherHosts.push({ url: request.url(), type: request.resourceType() });
    return route.abort('blockedbyclient');
  });
  page.on('requestfinished', (request: Request) => {
    finished.push(
      request.sizes().then((sizes) => {
        const bytes = sizes.responseHeadersSize + sizes.responseBodySize;
        visit.bytes += bytes;
        visit.requests.push({ url: request.url(), bytes, type: request.resourceType() });
      }),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle', timeout: 30_000 });
  await Promise.all(finished);
  await context.close();
  return visit;
}

if (process.argv[1]?.endsWith('weight.ts')) {
  const { printTable } = await import('./support.js');
  console.log(printTable(await weight()));
}
