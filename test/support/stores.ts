/**
 * The two stores every store test runs on (`describe.each(STORES)`): the embedded one in a
 * temporary DATA_DIR, and a real PostgreSQL (test/support/postgres.ts), one server per test
 * file with a new database for each store asked for.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../../src/store/open.js';
import { postgresInstalled, startPostgres, type Postgres } from './postgres.js';
import { emptyStore } from './process.js';

export interface StoreBackend {
  name: 'embedded' | 'PostgreSQL';
  /** False (after a warning; an error in CI) when its program is missing. */
  available: boolean;
  /**
   * A configuration for a new, empty store of this kind. An embedded one is a copy of one
   * made once per run, unless `fresh` (opening a copy costs a fraction of making one).
   */
  newStore: (options?: { fresh?: boolean }) => Promise<StoreConfig>;
  /** The PostgreSQL server, once started (for the tests that stop it). */
  server: () => Postgres | undefined;
  /** Removes every folder and server made: call in afterAll. */
  cleanUp: () => Promise<void>;
}

function embedded(): StoreBackend {
  const dirs: string[] = [];
  return {
    name: 'embedded',
    available: true,
    newStore: async ({ fresh = false } = {}) => {
      const dir = await mkdtemp(join(tmpdir(), 'ot-store-'));
      dirs.push(dir);
      if (!fresh) await cp(join(await emptyStore(), 'data'), join(dir, 'data'), { recursive: true });
      return { dataDir: join(dir, 'data'), retryMs: 200 };
    },
    server: () => undefined,
    cleanUp: async () => {
      await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

function postgresql(): StoreBackend {
  let server: Promise<Postgres> | undefined;
  let started: Postgres | undefined;
  const embeddedPart = embedded();
  return {
    name: 'PostgreSQL',
    available: postgresInstalled('the store tests on PostgreSQL'),
    newStore: async () => {
      server ??= startPostgres().then((s) => (started = s));
      const { dataDir } = await embeddedPart.newStore({ fresh: true }); // a DATA_DIR that must stay unused
      return { databaseUrl: await (await server).newDatabase(), dataDir, retryMs: 200 };
    },
    server: () => started,
    cleanUp: async () => {
      await (await server)?.stop();
      server = started = undefined;
      await embeddedPart.cleanUp();
    },
  };
}

/** A fresh pair for one test file. */
export function storeBackends(): StoreBackend[] {
  return [embedded(), postgresql()];
}
