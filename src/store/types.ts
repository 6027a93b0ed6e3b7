/**
 * The store interface: everything the site keeps between requests (feedback, search counts,
 * staff marks) goes through this one small interface. Two implementations share one query
 * layer and one set of migrations: the embedded store (PGlite under DATA_DIR, the default)
 * and PostgreSQL (DATABASE_URL). Nothing here identifies a person: answers and searches are
 * counts per day, and problem reports hold only redacted text (src/features/feedback/redact.ts),
 * deleted after the retention period.
 *
 * Days and weeks are UTC calendar days; a week starts on Monday (PostgreSQL's
 * `date_trunc('week', …)`). A period of N days is today and the N − 1 days before it.
 *
 * @example
 *   const store = await openStore(config.store); // src/store/open.ts: never rejects; an unreachable store rejects each call instead
 *   await store.recordAnswer({ page: '/referrals', answer: 'no' });
 *   const rows = await store.usefulness({ days: 30, by: 'week' });
 */

/** The answer to "Is this page useful?". */
export type UsefulAnswer = 'yes' | 'no';

/** The periods the report and the staff dashboard offer, in days. */
export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];

/** How answers are grouped over a period: by UTC day, by week (from Monday), or one total. */
export type Grouping = 'day' | 'week' | 'total';

/** One "Is this page useful?" answer. */
export interface AnswerInput {
  /** The page's path, as in the route table, such as `/referrals`. */
  page: string;
  answer: UsefulAnswer;
  /** When it was given; now when left out (tests pass a time). */
  at?: Date;
}

/** A "Report a problem with this page" submission, already redacted. */
export interface ProblemInput {
  page: string;
  /** "What were you trying to do?", with personal details replaced by `[removed]`. */
  tryingToDo: string;
  /** "What went wrong?", with personal details replaced by `[removed]`. */
  wentWrong: string;
  /** True when redaction removed anything, so staff read it with care. */
  flagged: boolean;
  at?: Date;
}

/** A problem report as staff see it, newest first. */
export interface ProblemReport {
  id: number;
  page: string;
  /** Null once the retention period has passed (the report itself, page and dates stay). */
  tryingToDo: string | null;
  wentWrong: string | null;
  flagged: boolean;
  createdAt: Date;
  /** Who marked it dealt with (a staff member's name or sign-in id), or null. */
  dealtWithBy: string | null;
  dealtWithAt: Date | null;
}

/** Yes and no counts for one page in one group (a day, a week, or the whole period). */
export interface UsefulnessRow {
  page: string;
  /** The group's first day, `YYYY-MM-DD` (UTC); for `total`, the period's first day. */
  from: string;
  yes: number;
  no: number;
}

/** One search, counted: the normalised query and whether it found anything. */
export interface SearchInput {
  /** Normalised by `normaliseQuery` (src/features/feedback/searchCounts.ts): lower case, single spaces. */
  query: string;
  found: boolean;
  at?: Date;
  /** How many such searches (default 1): the site counts in memory and adds them in batches. */
  count?: number;
}

/** A query searched for in the period, with how many times. */
export interface SearchCount {
  query: string;
  count: number;
  /** The last day (`YYYY-MM-DD`) it was searched for in the period. */
  lastSearched: string;
}

/** Which store is in use, and whether it answers; for /readyz, the log and the report. */
export interface StoreHealth {
  kind: 'embedded' | 'postgresql';
  /** False when the store could not be opened or its last use failed; pages still serve. */
  available: boolean;
  /** Why it is unavailable, in words for the log (never a password or a full address). */
  problem?: string;
}

/** Options for listing problem reports. */
export interface ProblemQuery {
  /** Only reports from the last N days; all when left out. */
  days?: number;
  /** Only those not yet dealt with (true), only those dealt with (false), or both. */
  open?: boolean;
  /** At most this many (default 100), after skipping `offset`. */
  limit?: number;
  offset?: number;
  now?: Date;
}

export interface FeedbackStore {
  readonly kind: StoreHealth['kind'];

  /** Counts one yes or no for a page on its day. Rejects when the store cannot be written. */
  recordAnswer(input: AnswerInput): Promise<void>;
  /** Keeps a problem report; resolves with its id once it is committed. */
  recordProblem(input: ProblemInput): Promise<number>;
  /** Counts one search on its day. */
  recordSearch(input: SearchInput): Promise<void>;

  /** Yes and no counts per page over the last `days`, grouped by day, week or in total; by page, then `from`. */
  usefulness(options: { days: number; by: Grouping; now?: Date }): Promise<UsefulnessRow[]>;
  /** Problem reports, newest first. */
  problemReports(options?: ProblemQuery): Promise<ProblemReport[]>;
  /** One report, or undefined when there is no such id. */
  problemReport(id: number): Promise<ProblemReport | undefined>;
  /**
   * Marks a report dealt with, by whom and when (now when left out). Resolves false when
   * there is no such report; marking it again keeps the first mark.
   */
  markDealtWith(id: number, by: string, at?: Date): Promise<boolean>;
  /** Searches that found nothing over the last `days`, most frequent first (ties: most recent, then A–Z). */
  zeroResultSearches(options: { days: number; limit?: number; now?: Date }): Promise<SearchCount[]>;

  /**
   * Records that a staff session was signed out, until `until` (when it would have ended
   * anyway), so a copy of its cookie is refused; forgets those already past their end.
   */
  endStaffSession(sessionId: string, until: Date, now?: Date): Promise<void>;
  /** True when the staff session was signed out (src/features/staff/session.ts). */
  staffSessionEnded(sessionId: string): Promise<boolean>;

  /**
   * Deletes the free text of reports older than `days` (FEEDBACK_RETENTION_DAYS); the reports'
   * page, flag and dates, the yes/no counts and the search counts stay. Resolves with how
   * many reports lost their text.
   */
  deleteTextOlderThan(days: number, now?: Date): Promise<number>;

  /** Asks the database a trivial question; never rejects. */
  health(): Promise<StoreHealth>;
  /** Finishes what is being written and closes; later calls reject. */
  close(): Promise<void>;
}

/**
 * What every store method rejects with when the database cannot be reached or written (down,
 * full, locked by another process). Callers answer the family with a "not saved" page; the
 * store keeps trying to reopen in the background, so it recovers without a restart.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
