/**
 * The PostgreSQL store (DATABASE_URL=postgres://…): a `pg` pool under Kysely's Postgres
 * dialect, with the same migrations as the embedded store.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { OpenedDatabase } from './embedded.js';
import { migrate } from './migrations/index.js';
import type { Database } from './schema.js';

/** A server that does not answer fails a request within this, rather than holding the family's page. */
const CONNECT_TIMEOUT_MS = 3_000;
const STATEMENT_TIMEOUT_MS = 5_000;

export async function openPostgres(url: string): Promise<OpenedDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 1_000,
  });
  // An idle connection the server drops emits 'error' on the pool; unheard, it would stop the
  // process. The next query opens a new connection, or fails and is reported there.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db as Kysely<unknown>);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
  return { db, close: () => db.destroy() };
}
