/**
 * Runs the real server as a separate process, the way `npm start` does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'vitest';
import { freePort } from '../../bench/support.js';
import { ROOT } from './app.js';
import { compiledProgram } from './compiled.js';
import { oncePerRun } from './oncePerRun.js';
import { openStore } from '../../src/store/open.js';

/** An embedded store with its tables and nothing in them, made once per run (in `data/`). */
export function emptyStore(): Promise<string> {
  return oncePerRun('empty-store', 'Making an empty embedded store', async (dir) => {
    const store = openStore({ dataDir: join(dir, 'data') });
    await store.ready;
    const { available, problem } = store.status();
    await store.close();
    if (!available) throw new Error(`the empty store could not be made: ${problem}`);
  });
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** The server, started as `npm start` starts it (the compiled program, under `node`). */
export function serverProcess(env: Record<string, string>) {
  return programProcess('src/server.ts', [], env);
}

/**
 * Runs one of our programs (`src/server.ts`, `src/cli/check.ts`, …), compiled as
 * `npm run build` compiles it (compiled.ts), from the checkout's folder.
 */
export async function programProcess(script: string, args: string[] = [], env: Record<string, string> = {}) {
  // A store of its own in a temporary folder, removed when it exits, unless the test gives one:
  // never the checkout's ./data, and never one another process holds.
  const dataDir = env.DATA_DIR ? undefined : await mkdtemp(join(tmpdir(), 'ot-data-'));
  // A copy of one empty store made once per run: opening it costs a fraction of making one.
  if (dataDir) await cp(join(await emptyStore(), 'data'), dataDir, { recursive: true });
  const child = spawn(process.execPath, [await compiledProgram(script), ...args], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...(dataDir ? { DATA_DIR: dataDir } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (dataDir) child.once('exit', () => void rm(dataDir, { recursive: true, force: true }));
  return child;
}

/** Resolves with the exit code and everything printed, once the process ends. */
export function runToExit(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((done) => child.on('exit', (code) => done({ code, output })));
}

/**
 * Starts the server (which logs `"port":N` when listening) or the preview (which says "open
 * http://host:N") on a free port, unless `env` names one.
 */
export async function startServer(env: Record<string, string> = {}, timeoutMs = 20_000, script = 'src/server.ts'): Promise<RunningServer> {
  // A free port is found before the server listens on it, and another process the tests
  // started (a server, PostgreSQL, nginx) can take it in between: the server then says the
  // port is in use and stops, and another port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce({ PORT: String(await freePort()), ...env }, timeoutMs, script);
    } catch (err) {
      const taken = / is already in use on /.test((err as Error).message);
      if (!taken || env.PORT !== undefined || attempt === 3) throw err;
    }
  }
}

async function startOnce(env: Record<string, string>, timeoutMs: number, script: string): Promise<RunningServer> {
  const child = await programProcess(script, [], env);
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started server behind
      fail(new Error(`server did not start:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+)|The preview is ready: open http:\/\/[^\s:]+:(\d+) /.exec(output);
      if (match) {
        clearTimeout(timer);
        done(Number(match[1] ?? match[2]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', () => fail(new Error(`server exited:\n${output}`)));
  });
  return {
    child,
    port,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * `startServer`, stopped when the test that started it ends: for tests that run at the same
 * time (`describe.concurrent`), each with a process of its own.
 */
export async function startServerForTest({ onTestFinished }: TestContext, ...args: Parameters<typeof startServer>): Promise<RunningServer> {
  const server = await startServer(...args);
  onTestFinished(async () => void (await server.stop()));
  return server;
}
