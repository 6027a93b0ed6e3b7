/**
 * Runs the real server as a separate process, the way `npm start` does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../bench/support.js';
import { ROOT } from './app.js';

export interface RunningServer {
  child: ChildProcess;
  port: number;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

const TSX = resolve(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

export function serverProcess(env: Record<string, string>) {
  return tsxProcess('src/server.ts', [], env);
}

/** Runs one of our TypeScript entry points (`src/server.ts`, `src/cli/check.ts`, …) from the source. */
export function tsxProcess(script: string, args: string[] = [], env: Record<string, string> = {}) {
  return spawn(process.execPath, ['--import', TSX, resolve(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the exit code and everything printed, once the process ends. */
export function runToExit(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((done) => child.on('exit', (code) => done({ code, output })));
}

/**
 * Starts the server (or another entry point that prints `"port":N` when listening, like the
 * preview) on a free port, unless `env` names one.
 */
export async function startServer(env: Record<string, string> = {}, timeoutMs = 20_000, script = 'src/server.ts'): Promise<RunningServer> {
  const child = tsxProcess(script, [], { PORT: String(await freePort()), ...env });
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started server behind
      fail(new Error(`server did not start:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(Number(match[1]));
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
