/**
 * Load and soak: the production server (compiled, NODE_ENV=production, logging as it would in
 * production) as its own process, under a bounded loopback load from autocannon: every page
 * in turn on each of N keep-alive connections for S seconds. Reports errors, timeouts, non-2xx,
 * latency percentiles and the server's resident memory before and after.
 *
 *   npm run bench:load                                # 60 s at 100 connections
 *   LOAD_SECONDS=10 LOAD_CONNECTIONS=20 npm run bench:load
 *
 * Exits 1 if any request failed or was not 2xx, or if memory grew by more than
 * MAX_RSS_GROWTH_MB between the end of the warm-up and the end of the run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { build } from '../src/build.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.bench-tmp', 'load-dist');
const SECONDS = Math.min(Number(process.env.LOAD_SECONDS ?? 60), 120);
const CONNECTIONS = Math.min(Number(process.env.LOAD_CONNECTIONS ?? 100), 200);
const WARMUP_SECONDS = 5;
const MAX_RSS_GROWTH_MB = 20;

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

// The pages, from the content itself.
const built = await build({ contentDir: join(ROOT, 'content'), viewsDir: join(ROOT, 'views'), publicDir: join(ROOT, 'public') });
if (!built.build) throw new Error('the content does not build');
const pages = [...built.build.rendered.pages.keys()].sort();

// Compile as `npm run build` does, into a scratch folder, and start it as production does.
execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', OUT], { stdio: 'inherit' });
const server = spawn(process.execPath, [join(OUT, 'server.js')], {
  cwd: ROOT,
  env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((done, fail) => {
  let head = '';
  const timer = setTimeout(() => fail(new Error(`server did not start:\n${head}`)), 30_000);
  const onData = (chunk: Buffer) => {
    head += chunk;
    const match = /"port":(\d+)/.exec(head);
    if (!match) return;
    clearTimeout(timer);
    server.stdout.off('data', onData);
    server.stdout.resume(); // the request log is written and thrown away, as a log shipper would
    done(Number(match[1]));
  };
  server.stdout.on('data', onData);
  server.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${head}`)));
});

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

try {
  const rssStart = rssMb(server.pid!);
  await load(WARMUP_SECONDS);
  const rssBefore = rssMb(server.pid!);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(server.pid!))), 1_000);
  const result = await load(SECONDS);
  clearInterval(sampler);
  const rssAfter = rssMb(server.pid!);

  const growth = rssAfter - rssBefore;
  const ok = result.errors === 0 && result.timeouts === 0 && result.non2xx === 0 && growth <= MAX_RSS_GROWTH_MB;
  const mb = (n: number) => `${n.toFixed(1)} MB`;
  console.log(`
Load: ${SECONDS} s, ${CONNECTIONS} connections, ${pages.length} pages in turn (${pages.join(' ')}), production build
  requests        ${result.requests.total} (${Math.round(result.requests.average)}/s on average)
  errors          ${result.errors}
  timeouts        ${result.timeouts}
  non-2xx         ${result.non2xx}
  latency         p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms
  server RSS      ${mb(rssStart)} at start, ${mb(rssBefore)} after ${WARMUP_SECONDS} s warm-up, ${mb(rssPeak)} peak, ${mb(rssAfter)} after (${growth >= 0 ? '+' : ''}${mb(growth)})
  verdict         ${ok ? 'PASS' : 'FAIL'}: zero errors, timeouts and non-2xx; memory growth within ${MAX_RSS_GROWTH_MB} MB`);
  process.exitCode = ok ? 0 : 1;
} finally {
  const exited = new Promise((done) => server.once('exit', done));
  server.kill('SIGTERM');
  await exited;
}
