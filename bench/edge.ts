/**
 * Edge: pages through the shared cache against the physical limit of this machine. Varnish
 * with deploy/varnish.vcl in front of our server (`node dist/server.js`, the real content),
 * against nginx with deploy/nginx-mirror.conf serving the static export (`npm run export`)
 * from its precompressed files. Both are loaded in this run with autocannon (50 connections,
 * loopback), in alternating rounds, swapping which goes first each round; the ratio is the
 * median of the rounds' ratios. Clients ask for `br, gzip`: Varnish sends the origin's
 * brotli copy, Debian's nginx (no brotli module) the gzip file.
 */
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { NGINX, startNginx } from '../test/deploy/support/nginx.js';
import { startVarnish, VARNISHD } from '../test/deploy/support/varnish.js';
import { ROOT, startOurServer, type Row, median } from './support.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 2);
const ROUNDS = 7;
const CONNECTIONS = 50;
const HEADERS = { 'accept-encoding': 'br, gzip' };
/** Varnish answers a cached page from memory; nginx from a file the kernel has cached. Both are C; a cache hit should cost about as much. */
const TARGET = 0.8;

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(port: number, path: string): Promise<Measured> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: HEADERS,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function summarise(rounds: Measured[]): Measured {
  return {
    rps: rounds.reduce((sum, m) => sum + m.rps, 0) / rounds.length,
    p50: median(rounds.map((m) => m.p50)),
    p99: median(rounds.map((m) => m.p99)),
    errors: rounds.reduce((sum, m) => sum + m.errors, 0),
    non2xx: rounds.reduce((sum, m) => sum + m.non2xx, 0),
  };
}

const fmt = (m: Measured) =>
  `${Math.round(m.rps)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms${m.errors ? `, ${m.errors} errors` : ''}${m.non2xx ? `, ${m.non2xx} not 2xx` : ''}`;

async function exportMirror(dir: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src', 'cli', 'export.ts'), dir], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`npm run export exited with ${code}`);
}

export async function edge(): Promise<Row[]> {
  const cases = [
    { name: 'tier page /targeted', path: '/targeted' },
    { name: 'home page /', path: '/' },
  ];
  const missing = [VARNISHD, NGINX].filter((path) => !existsSync(path));
  if (missing.length) {
    return cases.map((c) => ({
      bench: 'edge',
      name: c.name,
      ours: `not measured: ${missing.join(' and ')} not installed (apt-get install varnish nginx)`,
      baseline: '–',
      ratio: undefined,
      target: `≥ ${TARGET} × nginx`,
      pass: false,
    }));
  }

  const exportDir = await mkdtemp(join(tmpdir(), 'ot-bench-mirror-'));
  const ours = await startOurServer(resolve(ROOT, 'content'), process.env.BENCH_LOG_LEVEL ?? 'info');
  let varnish: Awaited<ReturnType<typeof startVarnish>> | undefined;
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    await exportMirror(exportDir);
    varnish = await startVarnish([ours.port]);
    nginx = await startNginx(exportDir);
    const rows: Row[] = [];
    for (const c of cases) {
      for (const port of [varnish.port, nginx.port]) {
        await autocannon({ url: `http://127.0.0.1:${port}${c.path}`, connections: CONNECTIONS, amount: 2000, headers: HEADERS });
      }
      const a: Measured[] = [];
      const b: Measured[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2 === 0) {
          a.push(await load(varnish.port, c.path));
          b.push(await load(nginx.port, c.path));
        } else {
          b.push(await load(nginx.port, c.path));
          a.push(await load(varnish.port, c.path));
        }
      }
      const [sa, sb] = [summarise(a), summarise(b)];
      const ratios = a.map((m, i) => m.rps / b[i]!.rps).sort((x, y) => x - y);
      const ratio = median(ratios);
      rows.push({
        bench: 'edge',
        name: c.name,
        ours: `through Varnish (cache hits): ${fmt(sa)}`,
        baseline: `nginx, static export: ${fmt(sb)}`,
        ratio,
        target: `≥ ${TARGET} × nginx`,
        pass: ratio >= TARGET && sa.errors + sa.non2xx === 0 && sb.errors + sb.non2xx === 0,
      });
      console.error(
        `edge ${c.name}: varnish ${fmt(sa)} | nginx ${fmt(sb)} | ${ratio.toFixed(2)} (round ratios: ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
      );
    }
    return rows;
  } finally {
    await varnish?.stop();
    await nginx?.stop();
    await ours.stop();
    await rm(exportDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('edge.ts')) {
  const { printTable } = await import('./support.js');
  console.log(printTable(await edge()));
}
