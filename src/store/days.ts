/**
 * UTC calendar days as `YYYY-MM-DD`, the way both stores keep and compare them (never the
 * server's time zone, so PGlite and PostgreSQL count the same day).
 */
const DAY_MS = 86_400_000;

/** The UTC day of a moment, such as `2026-12-04`. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first day of a period of `days` days ending on the day of `now` (today counts as one). */
export function firstDayOf(days: number, now: Date): string {
  return dayOf(new Date(now.getTime() - (Math.max(1, Math.floor(days)) - 1) * DAY_MS));
}

/** The moment `days` days before `now`. */
export function daysBefore(days: number, now: Date): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
