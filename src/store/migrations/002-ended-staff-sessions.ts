/**
 * Staff sessions ended by signing out (issue 24). The staff session lives in a signed cookie
 * (src/features/staff/session.ts); signing out records its id here until the time it would
 * have ended anyway, so a copy of the cookie kept from before cannot be used again.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ended_staff_sessions')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('until', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ended_staff_sessions').execute();
}
