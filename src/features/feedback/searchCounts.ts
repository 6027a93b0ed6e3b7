/**
 * Searches are counted, not people: each search adds one to its normalised query's count for
 * the day, found or not. No address, no cookie, no time of day; personal details typed into
 * the search box are removed first (redact.ts). Only searches that reach the site are
 * counted: those a cache (Varnish, a CDN) answers from its copy are not.
 *
 * Counts are gathered in memory and added to the store every few seconds, one write per
 * distinct search: a flood of searches costs the store a bounded number of writes, and a
 * search never waits for the store. At most `maxDistinct` different searches are kept
 * between writes; more are dropped (and said once in the log).
 */
import type { FeedbackStore } from '../../store/types.js';
import { redact } from './redact.js';

/** Longer queries are cut to this: enough for any real search, and a bound on what is kept. */
export const MAX_COUNTED_LENGTH = 100;

/** Lower case, single spaces, no personal details: `  Sensory   DIET ` → `sensory diet`. */
export function normaliseQuery(query: string): string {
  const plain = query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return redact(plain).text.slice(0, MAX_COUNTED_LENGTH).trim();
}

export class SearchCounter {
  #pending = new Map<string, { query: string; found: boolean; count: number }>();
  #dropped = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly store: Pick<FeedbackStore, 'recordSearch'>,
    private readonly logger: { warn(fields: object, message: string): void },
    { everyMs = 5_000, maxDistinct = 5_000 } = {},
  ) {
    this.maxDistinct = maxDistinct;
    this.#timer = setInterval(() => void this.flush(), everyMs);
    this.#timer.unref();
  }

  private readonly maxDistinct: number;

  /** Counts one search; never waits. */
  count(query: string, found: boolean): void {
    const normalised = normaliseQuery(query);
    if (!normalised) return;
    const key = `${found ? 1 : 0}${normalised}`;
    const entry = this.#pending.get(key);
    if (entry) entry.count++;
    else if (this.#pending.size < this.maxDistinct) this.#pending.set(key, { query: normalised, found, count: 1 });
    else this.#dropped++;
  }

  /** Adds what has been counted to the store (at the interval, and before the site stops). */
  async flush(): Promise<void> {
    const batch = [...this.#pending.values()];
    this.#pending = new Map();
    if (this.#dropped) {
      this.logger.warn({ dropped: this.#dropped }, `${this.#dropped} searches were not counted: too many different searches at once`);
      this.#dropped = 0;
    }
    const at = new Date();
    // One at a time: a batch never takes the store from the forms for long.
    for (const search of batch) await this.store.recordSearch({ ...search, at }).catch(() => undefined); // the store logs once when unavailable
  }

  /** Stops the interval and adds what is left. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
