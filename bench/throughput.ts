/**
 * Throughput: requests per second and p50/p99 latency (autocannon, 50 connections,
 * loopback, a few seconds per case) for a tier page, the home page, a search, a 404 and an
 * asset — on our real server, and on a bare node:http server in its own process sending
 * the very same bytes (status line, headers and encoded body, captured from ours). Both are
 * measured in this run, in alternating rounds, so the ratio holds on a shared machine.
 * Each side's CPU time per request (from /proc) is printed too: it shows what a request
 * costs the server, which the machine's other load moves much less than requests/s.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { freePort, ROOT, settleCompression, spawnUntilServing, startOurServer, TMP, type Child, type Row, median } from './support.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 2);
const ROUNDS = 7;
const CONNECTIONS = 50;
const HEADERS = { 'accept-encoding': 'br, gzip' };

interface Case {
  name: string;
  path: string;
  target: number;
}

interface Captured {
  status: number;
  headers: [string, string][];
  body: string;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  /** The server's CPU time per request, in µs: what a request costs it, whoever else is busy. */
  cpuUs: number;
  errors: number;
}

/** Linux counts CPU time in /proc in ticks of 1/100 s (USER_HZ, `getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/** Milliseconds of CPU (user and system) the process has used so far, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

async function load(server: Child, path: string): Promise<Measured> {
  const cpuBefore = cpuMs(server.child.pid!);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${path}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: HEADERS,
  });
  const cpuUs = ((cpuMs(server.child.pid!) - cpuBefore) * 1000) / Math.max(result.requests.total, 1);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuUs, errors: result.errors + result.timeouts };
}

/** Mean requests per second over the rounds; the median round's latencies and CPU per request. */
function summarise(rounds: Measured[]): Measured {
  return {
    rps: rounds.reduce((sum, m) => sum + m.rps, 0) / rounds.length,
    p50: median(rounds.map((m) => m.p50)),
    p99: median(rounds.map((m) => m.p99)),
    cpuUs: median(rounds.map((m) => m.cpuUs)),
    errors: rounds.reduce((sum, m) => sum + m.errors, 0),
  };
}

/** Our exact response (status, headers, encoded body), for the baseline to repeat byte for byte. */
async function capture(port: number, path: string): Promise<Captured> {
  const { request } = await import('node:http');
  return new Promise<Captured>((done, fail) => {
    request({ host: '127.0.0.1', port, path, headers: HEADERS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        // Node adds Date, Connection and Keep-Alive itself, on both servers.
        const headers: [string, string][] = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          const name = response.rawHeaders[i]!;
          if (!/^(date|connection|keep-alive|transfer-encoding)$/i.test(name)) headers.push([name, response.rawHeaders[i + 1]!]);
        }
        done({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('base64') });
      });
    })
      .on('error', fail)
      .end();
  });
}

export async function throughput(): Promise<Row[]> {
  const ours = await startOurServer(resolve(ROOT, 'content'), process.env.BENCH_LOG_LEVEL ?? 'info');
  let bare: Child | undefined;
  try {
    // The baseline repeats our compressed bytes, not those sent before compression is done.
    const css = await settleCompression(ours.port);
    // Origin pages need only half a bare server (issue 22: simplicity first); a cache tier in
    // front serves them (bench/edge.ts).
    const cases: Case[] = [
      { name: 'tier page /targeted', path: '/targeted', target: 0.5 },
      { name: 'home page /', path: '/', target: 0.5 },
      { name: 'search /search?q=referral', path: '/search?q=referral', target: 0.15 },
      { name: '404 /no-such-page', path: '/no-such-page', target: 0.5 },
      { name: 'asset nhsuk-frontend.css', path: css, target: 0.5 },
    ];
    const manifest: Record<string, unknown> = {};
    for (const c of cases) manifest[c.path] = await capture(ours.port, c.path);
    await mkdir(TMP, { recursive: true });
    const manifestFile = resolve(TMP, 'bare-manifest.json');
    await writeFile(manifestFile, JSON.stringify(manifest));
    const barePort = await freePort();
    bare = await spawnUntilServing(
      ['--import', 'tsx', resolve(ROOT, 'bench', 'bare-server.ts'), manifestFile, String(barePort)],
      {},
      barePort,
      '/',
    );

    const rows: Row[] = [];
    for (const c of cases) {
      // Warm both (first-request compression, JIT); then alternate short rounds of ours and
      // bare, so that a burst of load from elsewhere on the machine hits both alike.
      await autocannon({ url: `http://127.0.0.1:${ours.port}${c.path}`, connections: CONNECTIONS, amount: 2000, headers: HEADERS });
      await autocannon({ url: `http://127.0.0.1:${bare.port}${c.path}`, connections: CONNECTIONS, amount: 2000, headers: HEADERS });
      const a: Measured[] = [];
      const b: Measured[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Which goes first swaps each round, so a drift in the machine's load favours neither.
        if (round % 2 === 0) {
          a.push(await load(ours, c.path));
          b.push(await load(bare, c.path));
        } else {
          b.push(await load(bare, c.path));
          a.push(await load(ours, c.path));
        }
      }
      const [sa, sb] = [summarise(a), summarise(b)];
      // The median of the rounds' ratios: one noisy round cannot swing it.
      const ratios = a.map((m, i) => m.rps / b[i]!.rps).sort((x, y) => x - y);
      const ratio = median(ratios);
      const fmt = (m: Measured) =>
        `${Math.round(m.rps)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${Math.round(m.cpuUs)} µs CPU/request${m.errors ? `, ${m.errors} errors` : ''}`;
      rows.push({
        bench: 'throughput',
        name: c.name,
        ours: fmt(sa),
        baseline: `bare node:http: ${fmt(sb)}`,
        ratio,
        target: `≥ ${c.target} × bare`,
        pass: ratio >= c.target && sa.errors === 0,
      });
      console.error(
        `throughput ${c.name}: ours ${fmt(sa)} | bare ${fmt(sb)} | ${ratio.toFixed(2)} (round ratios: ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
      );
    }
    return rows;
  } finally {
    await ours.stop();
    await bare?.stop();
  }
}

if (process.argv[1]?.endsWith('throughput.ts')) {
  const { printTable } = await import('./support.js');
  console.log(printTable(await throughput()));
}
