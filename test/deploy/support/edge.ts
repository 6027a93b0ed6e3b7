/**
 * nginx with the repository's TLS edge configuration (deploy/nginx-edge.conf) in front of a
 * Varnish on loopback, inside the smallest nginx.conf that runs it in a temporary folder. As
 * the configuration's own header says to: the site's name becomes `localhost`, the
 * certificate files the test's own, and Varnish's address the test's Varnish. It listens on
 * 127.0.0.1 only, on ports 80 and 443 unless told others.
 */
import { connect } from 'node:net';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../support/app.js';
import type { Certificates } from './certificates.js';
import { runNginx } from './nginx.js';
import { waitFor, type Daemon } from './tools.js';

export const EDGE_CONF = join(ROOT, 'deploy', 'nginx-edge.conf');

export interface EdgeOptions {
  varnishPort: number;
  certificates: Certificates;
  httpPort?: number;
  httpsPort?: number;
  /** The configuration's text, when a test changes it; deploy/nginx-edge.conf otherwise. */
  config?: string;
}

/** deploy/nginx-edge.conf with the changes its header lists, for this machine's loopback. */
export function localEdgeConfig(config: string, { varnishPort, certificates, httpPort = 80, httpsPort = 443 }: EdgeOptions): string {
  const local = config
    .replaceAll('ot.example.nhs.uk', 'localhost')
    .replaceAll('/etc/ssl/ot/fullchain.pem', certificates.fullchain)
    .replaceAll('/etc/ssl/ot/privkey.pem', certificates.privkey)
    .replaceAll('/var/www/acme', join(certificates.dir, 'acme'))
    .replaceAll('127.0.0.1:6081', `127.0.0.1:${varnishPort}`)
    // Loopback only: never every address of the machine.
    .replace(/^\s*listen \[::\]:\d+[^;]*;\n/gm, '')
    .replace(/listen 80;/g, `listen 127.0.0.1:${httpPort};`)
    .replace(/listen 443 /g, `listen 127.0.0.1:${httpsPort} `);
  for (const expected of [
    'localhost',
    certificates.fullchain,
    `127.0.0.1:${varnishPort}`,
    `127.0.0.1:${httpPort};`,
    `127.0.0.1:${httpsPort} `,
  ]) {
    if (!local.includes(expected)) throw new Error(`deploy/nginx-edge.conf changed shape: could not set ${expected} in it`);
  }
  return local;
}

/** Whether something answers a TCP connection on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

export async function startEdge(options: EdgeOptions): Promise<Daemon & { accessLog: string }> {
  const { httpPort = 80, httpsPort = 443 } = options;
  for (const port of [httpPort, httpsPort]) {
    if (await listening(port))
      throw new Error(`port ${port} on 127.0.0.1 is taken already: the edge test needs it (stop what listens there)`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'ot-edge-'));
  await mkdir(join(dir, 'temp'));
  const accessLog = join(dir, 'access.log');
  const site = localEdgeConfig(options.config ?? (await readFile(EDGE_CONF, 'utf8')), options).replaceAll(
    '/var/log/nginx/access.log',
    accessLog,
  );
  const daemon = await runNginx(dir, site, 1);
  const state = await waitFor(`nginx to listen on ports ${httpPort} and ${httpsPort}`, async () => {
    if (daemon.child.exitCode !== null) return 'exited';
    return (await listening(httpPort)) && (await listening(httpsPort)) ? 'listening' : undefined;
  });
  if (state === 'exited') {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`nginx exited:\n${daemon.output()}`);
  }
  return {
    ...daemon,
    accessLog,
    stop: async () => {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
