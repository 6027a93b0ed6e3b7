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
  // A connection the server ends (a restart, a timeout) emits 'error': on the pool while the
  // connection is idle, on the connection itself while it is held between two queries. Unheard,
  // either would stop the process. The pool drops the connection; the next query opens a new
  // one, or fails and is reported there.
  pool.on('error', () => undefined);
  pool.on('connect', (connection) => connection.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db as Kysely<unknown>);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
  return { db, close: () => db.destroy() };
}
