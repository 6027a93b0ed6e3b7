/**
 * The tables as Kysely sees them (the migrations in ./migrations make them). Dates are kept
 * as UTC calendar days (`date`) where only counts are kept, so no row records a moment a
 * person did something.
 */
import type { Generated } from 'kysely';

export interface Database {
  /** "Is this page useful?": yes and no counts per page per day. */
  useful_answers: {
    page: string;
    day: string;
    yes: number;
    no: number;
  };
  /** "Report a problem with this page", redacted before it gets here. */
  problem_reports: {
    id: Generated<number>;
    page: string;
    trying_to_do: string | null;
    went_wrong: string | null;
    flagged: boolean;
    created_at: Date;
    /** When the free text was deleted at the end of the retention period. */
    text_deleted_at: Date | null;
    dealt_with_by: string | null;
    dealt_with_at: Date | null;
  };
  /** Staff sessions ended by signing out, kept until they would have ended anyway. */
  ended_staff_sessions: {
    session_id: string;
    until: Date;
  };
  /** Searches per day by normalised query and whether they found anything. */
  search_counts: {
    day: string;
    query: string;
    found: boolean;
    count: number;
  };
}
