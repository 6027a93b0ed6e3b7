/**
 * The one query layer: FeedbackStore over a Kysely database, whichever store is under it
 * (PGlite or PostgreSQL speak the same SQL). Counts are upserts into one row per day, so a
 * busy page adds to a number rather than a row per answer.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { dayOf, daysBefore, firstDayOf } from './days.js';
import type { Database } from './schema.js';
import type {
  AnswerInput,
  FeedbackStore,
  Grouping,
  ProblemInput,
  ProblemQuery,
  ProblemReport,
  SearchCount,
  SearchInput,
  StoreHealth,
  UsefulnessRow,
} from './types.js';

/** A `date` column as `YYYY-MM-DD` text: pg would otherwise make it a Date in the server's zone. */
const asDayText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

function toReport(row: Selectable<Database['problem_reports']>): ProblemReport {
  return {
    id: row.id,
    page: row.page,
    tryingToDo: row.trying_to_do,
    wentWrong: row.went_wrong,
    flagged: row.flagged,
    createdAt: row.created_at,
    dealtWithBy: row.dealt_with_by,
    dealtWithAt: row.dealt_with_at,
  };
}

export class KyselyFeedbackStore implements Omit<FeedbackStore, 'health' | 'close' | 'kind'> {
  constructor(readonly db: Kysely<Database>) {}

  async recordAnswer({ page, answer, at = new Date() }: AnswerInput): Promise<void> {
    const yes = answer === 'yes' ? 1 : 0;
    await this.db
      .insertInto('useful_answers')
      .values({ page, day: dayOf(at), yes, no: 1 - yes })
      .onConflict((c) =>
        c.columns(['page', 'day']).doUpdateSet({
          yes: sql`useful_answers.yes + excluded.yes`,
          no: sql`useful_answers.no + excluded.no`,
        }),
      )
      .execute();
  }

  async recordProblem({ page, tryingToDo, wentWrong, flagged, at = new Date() }: ProblemInput): Promise<number> {
    const row = await this.db
      .insertInto('problem_reports')
      .values({ page, trying_to_do: tryingToDo, went_wrong: wentWrong, flagged, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async recordSearch({ query, found, at = new Date(), count = 1 }: SearchInput): Promise<void> {
    await this.db
      .insertInto('search_counts')
      .values({ day: dayOf(at), query, found, count })
      .onConflict((c) => c.columns(['day', 'query', 'found']).doUpdateSet({ count: sql`search_counts.count + excluded.count` }))
      .execute();
  }

  async usefulness({ days, by, now = new Date() }: { days: number; by: Grouping; now?: Date }): Promise<UsefulnessRow[]> {
    const since = firstDayOf(days, now);
    const from =
      by === 'day'
        ? asDayText('day')
        : by === 'week'
          ? sql<string>`to_char(date_trunc('week', day), 'YYYY-MM-DD')`
          : sql<string>`${since}::text`;
    const rows = await this.db
      .selectFrom('useful_answers')
      .select(['page', from.as('from'), sql<number>`sum(yes)::int`.as('yes'), sql<number>`sum(no)::int`.as('no')])
      .where('day', '>=', since)
      .where('day', '<=', dayOf(now))
      .groupBy(['page', from])
      .orderBy('page')
      .orderBy('from')
      .execute();
    return rows;
  }

  async problemReports({ days, open, limit = 100, offset = 0, now = new Date() }: ProblemQuery = {}): Promise<ProblemReport[]> {
    let query = this.db.selectFrom('problem_reports').selectAll();
    if (days !== undefined) query = query.where('created_at', '>=', new Date(`${firstDayOf(days, now)}T00:00:00Z`));
    if (open === true) query = query.where('dealt_with_at', 'is', null);
    if (open === false) query = query.where('dealt_with_at', 'is not', null);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    return rows.map(toReport);
  }

  async problemReport(id: number): Promise<ProblemReport | undefined> {
    if (!Number.isSafeInteger(id) || id < 1 || id > 2 ** 31 - 1) return undefined;
    const row = await this.db.selectFrom('problem_reports').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toReport(row);
  }

  async markDealtWith(id: number, by: string, at = new Date()): Promise<boolean> {
    if (!Number.isSafeInteger(id) || id < 1 || id > 2 ** 31 - 1) return false;
    const marked = await this.db
      .updateTable('problem_reports')
      .set({ dealt_with_by: by, dealt_with_at: at })
      .where('id', '=', id)
      .where('dealt_with_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return marked !== undefined || (await this.problemReport(id)) !== undefined;
  }

  async endStaffSession(sessionId: string, until: Date, now = new Date()): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('ended_staff_sessions').where('until', '<', now).execute();
      await trx
        .insertInto('ended_staff_sessions')
        .values({ session_id: sessionId, until })
        .onConflict((conflict) => conflict.column('session_id').doNothing())
        .execute();
    });
  }

  async staffSessionEnded(sessionId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('ended_staff_sessions')
      .select('session_id')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async zeroResultSearches({ days, limit = 50, now = new Date() }: { days: number; limit?: number; now?: Date }): Promise<SearchCount[]> {
    return this.db
      .selectFrom('search_counts')
      .select(['query', sql<number>`sum(count)::int`.as('count'), sql<string>`to_char(max(day), 'YYYY-MM-DD')`.as('lastSearched')])
      .where('found', '=', false)
      .where('day', '>=', firstDayOf(days, now))
      .where('day', '<=', dayOf(now))
      .groupBy('query')
      .orderBy('count', 'desc')
      .orderBy('lastSearched', 'desc')
      .orderBy('query')
      .limit(limit)
      .execute();
  }

  async deleteTextOlderThan(days: number, now = new Date()): Promise<number> {
    const result = await this.db
      .updateTable('problem_reports')
      .set({ trying_to_do: null, went_wrong: null, text_deleted_at: now })
      .where('created_at', '<', daysBefore(days, now))
      .where((eb) => eb.or([eb('trying_to_do', 'is not', null), eb('went_wrong', 'is not', null)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}

export type { StoreHealth };
