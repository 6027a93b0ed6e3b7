/**
 * nginx serving a static export with the repository's configuration (deploy/nginx-mirror.conf),
 * inside the smallest nginx.conf that runs it unprivileged-safe in a temporary folder: the
 * export's folder and the port replace /srv/ot-mirror and 8080, as the README says to.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../support/app.js';
import { freePort, runDaemon, waitFor, type Daemon } from './tools.js';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/**
 * Runs nginx in `dir` (which must have a `temp` folder) with `site` (the server blocks of one
 * of deploy/'s configurations) inside the smallest nginx.conf that runs in a temporary folder.
 */
export async function runNginx(dir: string, site: string, workers: 'auto' | number): Promise<Daemon> {
  const temp = join(dir, 'temp');
  const conf = [
    'daemon off;',
    `pid ${join(dir, 'nginx.pid')};`,
    'error_log stderr;',
    `worker_processes ${workers};`,
    'events {}',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${temp};`),
    site,
    '}',
  ].join('\n');
  await writeFile(join(dir, 'nginx.conf'), conf);
  return runDaemon(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')]);
}

export async function startNginx(exportDir: string): Promise<Daemon & { port: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'ot-nginx-'));
  await mkdir(join(dir, 'temp'));
  // nginx's workers run as an unprivileged user when started as root: they must read the export.
  await chmod(exportDir, 0o755);
  const port = await freePort();
  const site = (await readFile(join(ROOT, 'deploy', 'nginx-mirror.conf'), 'utf8'))
    .replaceAll('/srv/ot-mirror', exportDir)
    .replace(/listen 8080;/, `listen 127.0.0.1:${port};`);
  const daemon = await runNginx(dir, site, 'auto');
  const state = await waitFor(`nginx to listen on port ${port}`, async () => {
    if (daemon.child.exitCode !== null) return 'exited';
    await fetch(`http://127.0.0.1:${port}/`);
    return 'listening';
  });
  if (state === 'exited') {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`nginx exited:\n${daemon.output()}`);
  }
  return {
    ...daemon,
    port,
    stop: async () => {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
