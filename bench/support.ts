/**
 * Shared pieces of the benchmarks: free ports, our real server as a child process (the
 * compiled `dist/server.js`, as `npm start` runs it), and a bounded wait for it to answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const TMP = resolve(ROOT, '.bench-tmp');
export const SERVER = resolve(ROOT, 'dist', 'server.js');

/** The middle value (the upper middle of an even count): what a round-robin benchmark reports. */
export const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface Child {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** Spawns a process and resolves once `GET path` on its port answers 200 (or fails after `timeoutMs`). */
export async function spawnUntilServing(
  args: string[],
  env: Record<string, string>,
  port: number,
  path = '/',
  timeoutMs = 300_000,
): Promise<Child & { msToFirst200: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  };
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}:\n${stderr}`);
    const status = await fetch(`http://127.0.0.1:${port}${path}`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { child, port, stop, msToFirst200: performance.now() - started };
    await new Promise((done) => setTimeout(done, 10));
  }
  await stop();
  throw new Error(`${args.join(' ')} did not answer within ${timeoutMs} ms:\n${stderr}`);
}

/** Our real server on a content folder, production settings. */
export function startOurServer(contentDir: string, logLevel = 'info') {
  return freePort().then((port) =>
    spawnUntilServing([SERVER], { NODE_ENV: 'production', CONTENT_DIR: contentDir, LOG_LEVEL: logLevel }, port),
  );
}

/**
 * The server serves as soon as its content is loaded and swaps in every rendered and
 * compressed response at once when they are made (serve.ts): this waits until the stylesheet
 * comes compressed, so that what is measured, or captured for a baseline, is what a warm
 * server sends.
 * Returns the stylesheet's address.
 */
export async function settleCompression(port: number, timeoutMs = 120_000): Promise<string> {
  const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
  const css = /href="(\/static\/nhsuk-frontend\.[0-9a-f]+\.css)"/.exec(home)?.[1];
  if (!css) throw new Error('no nhsuk-frontend stylesheet on the home page');
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const res = await fetch(`http://127.0.0.1:${port}${css}`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    if (res.headers.get('content-encoding') === 'br') return css;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the server had not compressed its responses after ${timeoutMs} ms`);
}

/** Resident set size now and at its peak, in MB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

export interface Row {
  bench: string;
  name: string;
  ours: string;
  baseline: string;
  ratio: number | undefined;
  target: string;
  pass: boolean;
}

export function printTable(rows: Row[]): string {
  const header = ['Benchmark', 'Case', 'Ours', 'Baseline', 'Ratio', 'Target', 'Result'];
  const lines = rows.map((r) => [
    r.bench,
    r.name,
    r.ours,
    r.baseline,
    r.ratio === undefined ? '–' : r.ratio.toFixed(2),
    r.target,
    r.pass ? 'pass' : 'MISS',
  ]);
  const table = [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  return table;
}
