/**
 * Feedback and search counts (issue 23). The same statements run on PGlite and PostgreSQL.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('useful_answers')
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('yes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('no', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('useful_answers_pk', ['page', 'day'])
    .execute();
  await db.schema.createIndex('useful_answers_day').on('useful_answers').column('day').execute();

  await db.schema
    .createTable('problem_reports')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('trying_to_do', 'text')
    .addColumn('went_wrong', 'text')
    .addColumn('flagged', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('text_deleted_at', 'timestamptz')
    .addColumn('dealt_with_by', 'text')
    .addColumn('dealt_with_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('problem_reports_created').on('problem_reports').column('created_at').execute();

  await db.schema
    .createTable('search_counts')
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('found', 'boolean', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('search_counts_pk', ['day', 'query', 'found'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['search_counts', 'problem_reports', 'useful_answers']) await db.schema.dropTable(table).execute();
}
