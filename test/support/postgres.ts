/**
 * A real PostgreSQL from Debian's `postgresql` package, started by the tests in a temporary
 * folder on a free loopback port (as test/deploy/support/varnish.ts starts Varnish), and
 * removed when stopped. PostgreSQL refuses to run as root, so as root the server (and
 * initdb) run as the package's `postgres` user (spawned with its uid and gid, so signals
 * reach the server itself). Missing binaries skip the
 * PostgreSQL half of the store tests with a warning, and fail them in CI (CI=true).
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, installed, runDaemon, waitFor, type Daemon } from '../deploy/support/tools.js';

export const PG_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
const RUN_AS = 'postgres';

/** True when PostgreSQL is here; otherwise warns (or throws in CI) naming what is skipped. */
export function postgresInstalled(whatIsSkipped: string): boolean {
  return installed(join(PG_BIN, 'postgres'), 'postgresql', whatIsSkipped);
}

export interface Postgres extends Daemon {
  port: number;
  /** `postgres://…` for a new, empty database of its own. */
  newDatabase: () => Promise<string>;
  /** Stops the server with a fast shutdown (as a failing database would vanish), keeping its files. */
  halt: () => Promise<void>;
  /** Starts it again on the same port and files. */
  restart: () => Promise<void>;
}

/** The `postgres` user's ids when we are root (PostgreSQL will not run as root); none otherwise. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const id = async (flag: string) => Number((await promisify(execFile)('id', [flag, RUN_AS])).stdout);
  return { uid: await id('-u'), gid: await id('-g') };
}

/** Runs a PostgreSQL program as the server user, collecting what it prints. */
function run(path: string, args: string[], user: { uid: number; gid: number } | undefined): Daemon {
  // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect.
  return runDaemon(path, args, { ...user, env: { ...process.env, HOME: tmpdir() }, stopSignal: 'SIGINT' });
}

export async function startPostgres(): Promise<Postgres> {
  const dir = await mkdtemp(join(tmpdir(), 'ot-postgres-'));
  const dataDir = join(dir, 'data');
  const user = await serverUser();
  if (user) await chown(dir, user.uid, user.gid);
  const initdb = run(join(PG_BIN, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], user);
  const [code] = (await once(initdb.child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`initdb failed:\n${initdb.output()}`);
  const port = await freePort();
  let daemon: Daemon;
  const start = async () => {
    // fsync off: a test server's files are thrown away, and the machine is shared.
    const args = ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'max_connections=50'];
    daemon = run(join(PG_BIN, 'postgres'), args, user);
    const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitFor(`PostgreSQL to accept connections on port ${port}`, async () => {
      if (daemon.child.exitCode !== null) throw new Error(`postgres exited:\n${daemon.output()}`);
      const client = new pg.Client(admin);
      await client.connect();
      await client.end();
      return true;
    });
  };
  await start();
  await writeFile(join(dir, 'port'), String(port));
  let databases = 0;
  return {
    get child() {
      return daemon.child;
    },
    output: () => daemon.output(),
    port,
    newDatabase: async () => {
      const name = `test_${++databases}`;
      const client = new pg.Client(`postgres://postgres@127.0.0.1:${port}/postgres`);
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    halt: () => daemon.stop(),
    restart: start,
    stop: async () => {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
