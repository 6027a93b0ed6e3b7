/**
 * Every migration, in order, for Kysely's Migrator. Listed here rather than read from a
 * folder, so they run the same from `src/` (tsx, tests) and `dist/` (npm start).
 * Add a migration: a new file with `up` (and `down`), then one line below; never edit one
 * that has shipped.
 */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as feedback from './001-feedback.js';
import * as endedStaffSessions from './002-ended-staff-sessions.js';

const MIGRATIONS: Record<string, Migration> = {
  '001-feedback': feedback,
  '002-ended-staff-sessions': endedStaffSessions,
};

/** Brings the database up to date; rejects with the failing migration's error. */
export async function migrate(db: Kysely<unknown>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
  const result = await migrator.migrateToLatest();
  if (result.error instanceof Error) throw result.error;
  if (result.error) throw new Error(`A migration failed: ${JSON.stringify(result.error)}`);
  return result;
}
