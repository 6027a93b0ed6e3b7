/**
 * The programs the deployment tests run (Debian's varnish and nginx): whether they are here.
 * Without one, its tests are skipped with a loud warning on a developer's machine, but fail
 * in CI (CI=true), where a missing program means the checks never ran.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';

export function installed(path: string, debianPackage: string, whatIsSkipped: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`CI: ${path} is missing, so ${whatIsSkipped} cannot run. Install it: apt-get install ${debianPackage}.`);
  }
  const line = '!'.repeat(78);
  console.warn(
    [
      line,
      `!! SKIPPED: ${path} was not found, so ${whatIsSkipped} did NOT run.`,
      `!! Install it (apt-get install ${debianPackage}), then run npm test again.`,
      line,
    ].join('\n'),
  );
  return false;
}

/** A port nothing listens on now (the benchmarks pick theirs the same way). */
export { freePort } from '../../../bench/support.js';

export interface Daemon {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Runs a program in the foreground and collects what it prints; `stop` ends it with
 * `stopSignal` (SIGTERM unless told) and waits. `options` may set its user and environment.
 */
export function runDaemon(
  path: string,
  args: string[],
  { stopSignal = 'SIGTERM', ...options }: Pick<SpawnOptions, 'uid' | 'gid' | 'env'> & { stopSignal?: NodeJS.Signals } = {},
): Daemon {
  const child = spawn(path, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(stopSignal);
      await exited;
    },
  };
}

/** Polls `check` every 100 ms until it returns a value, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Whether this process may listen on ports below 1024 (root, or a lowered
 * net.ipv4.ip_unprivileged_port_start): like `installed`, a loud skip on a developer's
 * machine and a failure in CI.
 */
export function lowPortsAllowed(whatIsSkipped: string): boolean {
  const firstUnprivileged = (() => {
    try {
      return Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
    } catch {
      return 1024;
    }
  })();
  if (process.getuid?.() === 0 || firstUnprivileged <= 80) return true;
  const problem = `only root may listen on ports 80 and 443 here, so ${whatIsSkipped} cannot run`;
  if (process.env.CI === 'true') throw new Error(`CI: ${problem}. Run CI as root.`);
  const line = '!'.repeat(78);
  console.warn([line, `!! SKIPPED: ${problem}.`, '!! Run the tests as root to run them.', line].join('\n'));
  return false;
}
