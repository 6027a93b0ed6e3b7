/**
 * Load and soak: the production server (compiled, NODE_ENV=production, logging as it would in
 * production) as its own process, under a bounded loopback load from autocannon: every page
 * in turn on each of N keep-alive connections for S seconds. Reports errors, timeouts, non-2xx,
 * latency percentiles and the server's resident memory before and after.
 *
 *   npm run bench:load                                # 60 s at 100 connections
 *   LOAD_SECONDS=10 LOAD_CONNECTIONS=20 npm run bench:load
 *
 * Exits 1 if any request failed or was not 2xx, or if memory did not stay flat: RSS alone
 * cannot tell (V8 grows its heap under load and gives it back lazily), so the server runs with
 * --trace-gc and the live heap left by full collections is compared between the first and the
 * last third of the run (or, when the server allocates so little that V8 runs no full
 * collection in a third, the heap after minor ones, an upper bound).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { build } from '../src/build.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.bench-tmp', 'load-dist');
const SECONDS = Math.min(Number(process.env.LOAD_SECONDS ?? 60), 120);
const CONNECTIONS = Math.min(Number(process.env.LOAD_CONNECTIONS ?? 100), 200);
const WARMUP_SECONDS = 5;
const REST_SECONDS = 10;
const MAX_LIVE_HEAP_GROWTH = 0.25;
const LOG = join(ROOT, '.bench-tmp', 'load-server.log');

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

async function waitUntilReady(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error('the server did not become ready within 30 s');
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

// The pages, from the content itself.
const built = await build({
  siteUrl: 'http://localhost:3000',
  contentDir: join(ROOT, 'content'),
  viewsDir: join(ROOT, 'views'),
  publicDir: join(ROOT, 'public'),
});
if (!built.build) throw new Error('the content does not build');
const pages = [...built.build.rendered.pages.keys()].sort();
mkdirSync(join(ROOT, '.bench-tmp'), { recursive: true });

// Compile as `npm run build` does, into a scratch folder, and start it as production does.
execFileSync(
  process.execPath,
  [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', OUT],
  { stdio: 'inherit' },
);
// Its output (the request log, and V8's line per garbage collection from --trace-gc) goes to a
// file: written in full, never held up by a slow reader, and read afterwards for the heap.
const port = await freePort();
const spawnedAt = performance.now();
const server = spawn(process.execPath, ['--trace-gc', join(OUT, 'server.js')], {
  cwd: ROOT,
  env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  stdio: ['ignore', openSync(LOG, 'w'), 'inherit'],
});
await waitUntilReady(port);

function load(seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    headers: { 'accept-encoding': 'br, gzip', accept: 'text/html' },
    requests: pages.map((path) => ({ method: 'GET' as const, path })),
  });
}

/**
 * The heap left by each garbage collection, from --trace-gc: [ms since the server started,
 * MB, whether it was a full collection]. A full collection leaves only the live heap; a minor
 * one (Scavenge) leaves the live heap plus garbage not yet collected, so it is an upper bound.
 */
function heapAfterGcs(): { at: number; mb: number; full: boolean }[] {
  const line = /^\[\d+:0x[0-9a-f]+\]\s+(\d+) ms: (Scavenge|Mark-Compact)[^>]*-> ([\d.]+) \(/gm;
  return [...readFileSync(LOG, 'utf8').matchAll(line)].map((m) => ({ at: Number(m[1]), mb: Number(m[3]), full: m[2] === 'Mark-Compact' }));
}

const since = () => performance.now() - spawnedAt;
const mb = (n: number | undefined) => (n === undefined ? 'none' : `${n.toFixed(1)} MB`);
try {
  const rssStart = rssMb(server.pid!);
  await load(WARMUP_SECONDS);
  const rssBefore = rssMb(server.pid!);
  const loadStart = since();
  const rssSamples: number[] = [];
  const sampler = setInterval(() => rssSamples.push(rssMb(server.pid!)), 1_000);
  const result = await load(SECONDS);
  clearInterval(sampler);
  const loadEnd = since();
  const rssAfter = rssMb(server.pid!);
  await new Promise((rest) => setTimeout(rest, REST_SECONDS * 1_000));
  const rssRested = rssMb(server.pid!);

  // A leak shows as a live heap that keeps rising; a heap V8 simply has not collected does not.
  // The live heap is read from full collections. A server that allocates little under load may
  // run none at all; then the heap after minor ones, an upper bound, must stay flat instead.
  const gcs = heapAfterGcs();
  const third = (loadEnd - loadStart) / 3;
  const maxIn = (from: number, to: number, full: boolean) => {
    const inside = gcs.filter((gc) => gc.at >= from && gc.at < to && gc.full === full).map((gc) => gc.mb);
    return inside.length ? Math.max(...inside) : undefined;
  };
  const fullInBoth = maxIn(loadStart, loadStart + third, true) !== undefined && maxIn(loadEnd - third, loadEnd, true) !== undefined;
  const measuredBy = fullInBoth ? 'after full GCs' : 'after minor GCs (no full GC in a third: an upper bound)';
  const liveFirst = maxIn(loadStart, loadStart + third, fullInBoth);
  const liveLast = maxIn(loadEnd - third, loadEnd, fullInBoth);
  const liveRested = gcs.filter((gc) => gc.at >= loadEnd).at(-1)?.mb;
  const flat = liveFirst !== undefined && liveLast !== undefined && liveLast <= liveFirst * (1 + MAX_LIVE_HEAP_GROWTH);
  const clean = result.errors === 0 && result.timeouts === 0 && result.non2xx === 0;
  const tenths = (values: number[]) =>
    values
      .filter((_, i) => i % 10 === 9)
      .map((v) => v.toFixed(0))
      .join(', ');

  console.log(`
Load: ${SECONDS} s, ${CONNECTIONS} connections, ${pages.length} pages in turn (${pages.join(' ')}), production build
  requests        ${result.requests.total} (${Math.round(result.requests.average)}/s on average)
  errors          ${result.errors}
  timeouts        ${result.timeouts}
  non-2xx         ${result.non2xx}
  latency         p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms
  server RSS      ${mb(rssStart)} at start, ${mb(rssBefore)} after ${WARMUP_SECONDS} s warm-up, ${mb(Math.max(...rssSamples))} peak, ${mb(rssAfter)} at the end, ${mb(rssRested)} after ${REST_SECONDS} s rest
                  every 10 s of the run: ${tenths(rssSamples)} MB
  heap            ${measuredBy}: ${mb(liveFirst)} at most in the first third, ${mb(liveLast)} in the last third, ${mb(liveRested)} after the rest (${gcs.filter((gc) => gc.full).length} full GCs, ${gcs.filter((gc) => !gc.full).length} minor)
  verdict         ${clean ? 'PASS' : 'FAIL'}: zero errors, timeouts and non-2xx
                  ${flat ? 'PASS' : 'FAIL'}: heap in the last third within ${MAX_LIVE_HEAP_GROWTH * 100}% of the first third`);
  process.exitCode = clean && flat ? 0 : 1;
} finally {
  const exited = new Promise((done) => server.once('exit', done));
  server.kill('SIGTERM');
  await exited;
  rmSync(LOG, { force: true });
}
