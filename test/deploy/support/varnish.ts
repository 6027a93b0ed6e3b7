/**
 * Varnish with the repository's configuration (deploy/varnish.vcl, copied unchanged, and the
 * limits in deploy/varnish-limits.cli) in front of origins on loopback ports. Beside it goes
 * deploy/origins.vcl with its one backend repeated for each port: the edit the README
 * describes for running several origins (Varnish looks for an included file next to the
 * file that includes it). Its two stores are as the README starts them, smaller.
 */
import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from '../../support/app.js';
import { freePort, runDaemon, waitFor, type Daemon } from './tools.js';

export const VARNISHD = process.env.VARNISHD_PATH ?? '/usr/sbin/varnishd';
const VARNISHADM = resolve(VARNISHD, '..', '..', 'bin', 'varnishadm');
const VARNISHSTAT = resolve(VARNISHD, '..', '..', 'bin', 'varnishstat');
const DEPLOY = resolve(ROOT, 'deploy');
/** The settings VCL cannot hold, run by `varnishd -I`. */
export const LIMITS_CLI = join(DEPLOY, 'varnish-limits.cli');

/** The sizes of the two stores (varnishd's `-s` sizes, such as `64m`). */
export interface Stores {
  /** The site's own pages and files (`storage.pages` in the VCL). */
  pages: string;
  /** 404s, redirects and answers to query strings (`storage.junk` in the VCL). */
  junk: string;
}

export interface Varnish extends Daemon {
  port: number;
  /** varnishadm's answer to a CLI command, such as `backend.list`. */
  adm: (...command: string[]) => Promise<string>;
  /** One of varnishstat's counters, such as `MAIN.cache_hit`. */
  counter: (name: string) => Promise<number>;
}

/** deploy/origins.vcl with its backend repeated for each port. */
export async function originsVcl(ports: number[]): Promise<string> {
  const template = await readFile(join(DEPLOY, 'origins.vcl'), 'utf8');
  const backend = /backend origin_1 \{[^}]*\}/.exec(template)?.[0];
  const add = /origins\.add_backend\(origin_1\);/.exec(template)?.[0];
  if (!backend || !add) throw new Error('deploy/origins.vcl no longer has backend origin_1 added to the director');
  const backends = ports.map((port, i) => backend.replace('origin_1', `origin_${i + 1}`).replace('"3000"', `"${port}"`)).join('\n\n');
  const adds = ports.map((_port, i) => add.replace('origin_1', `origin_${i + 1}`)).join('\n    ');
  return template.replace(backend, backends).replace(add, adds);
}

export async function startVarnish(originPorts: number[], stores: Stores = { pages: '64m', junk: '16m' }): Promise<Varnish> {
  const dir = await mkdtemp(join(tmpdir(), 'ot-varnish-'));
  // varnishd reads the configuration as its own unprivileged user when started as root.
  await chmod(dir, 0o755);
  await writeFile(join(dir, 'origins.vcl'), await originsVcl(originPorts));
  await copyFile(join(DEPLOY, 'varnish.vcl'), join(dir, 'varnish.vcl'));
  const port = await freePort();
  const workDir = join(dir, 'work');
  const daemon = runDaemon(VARNISHD, [
    ...['-F', '-a', `127.0.0.1:${port}`, '-f', join(dir, 'varnish.vcl'), '-I', LIMITS_CLI, '-n', workDir],
    ...['-s', `pages=malloc,${stores.pages}`, '-s', `junk=malloc,${stores.junk}`],
  ]);
  const adm = async (...command: string[]) => (await promisify(execFile)(VARNISHADM, ['-n', workDir, ...command])).stdout;
  const counter = async (name: string) => {
    const { stdout } = await promisify(execFile)(VARNISHSTAT, ['-n', workDir, '-1', '-f', name]);
    return Number(new RegExp(`^${name.replace('.', '\\.')}\\s+(\\d+)`, 'm').exec(stdout)?.[1] ?? NaN);
  };
  const state = await waitFor(`varnishd to listen on port ${port}`, async () => {
    if (daemon.child.exitCode !== null) return 'exited';
    await fetch(`http://127.0.0.1:${port}/healthz`);
    return 'listening';
  });
  if (state === 'exited') {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`varnishd exited:\n${daemon.output()}`);
  }
  return {
    ...daemon,
    port,
    adm,
    counter,
    stop: async () => {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
