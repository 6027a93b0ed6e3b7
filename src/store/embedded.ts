/**
 * The embedded store: PGlite (PostgreSQL compiled to WebAssembly, no server, nothing to
 * compile at install) in DATA_DIR/pglite. Kysely reaches it through Kysely's own Postgres
 * dialect over PGlite's node-postgres adapter (`@electric-sql/pglite/node-postgres`), so
 * both stores run the same dialect and no third-party dialect is needed (the published
 * ones either cap PGlite below 0.5 or bring a CLI's worth of dependencies).
 */
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { lockFolder } from './lock.js';
import { migrate } from './migrations/index.js';
import type { Database } from './schema.js';

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** The PGlite instance, for the embedded store only. */
  pglite?: PGlite;
  close: () => Promise<void>;
}

/**
 * A new database is made beside its place and moved there once complete, so a process stopped
 * while making it (the first start, a port in use) leaves no half-made database behind.
 */
async function makeDatabase(dataDir: string, database: string): Promise<void> {
  const making = join(dataDir, 'pglite.new');
  await rm(making, { recursive: true, force: true });
  const made = await PGlite.create(making);
  await made.close();
  await rename(making, database);
}

export async function openEmbedded(dataDir: string): Promise<OpenedDatabase> {
  await mkdir(dataDir, { recursive: true });
  const lock = await lockFolder(dataDir);
  let pglite: PGlite | undefined;
  try {
    const database = join(dataDir, 'pglite');
    if (!existsSync(database)) await makeDatabase(dataDir, database);
    pglite = await PGlite.create(database);
    // One connection: PGlite is one PostgreSQL session, so a transaction must have it alone.
    const pool = new pg.Pool(createPgConfig(pglite));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db as Kysely<unknown>);
    const opened = pglite;
    return {
      db,
      pglite,
      close: async () => {
        await db.destroy();
        await opened.close();
        await lock.release();
      },
    };
  } catch (err) {
    await pglite?.close().catch(() => undefined);
    await lock.release();
    throw err;
  }
}
