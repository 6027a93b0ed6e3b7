/**
 * Searches are counted, not people: each search adds one to its normalised query's count for
 * the day, found or not. No address, no cookie, no time of day; personal details typed into
 * the search box are removed first (redact.ts). Only searches that reach the site are
 * counted: those a cache (Varnish, a CDN) answers from its copy are not.
 */
import type { Logger } from 'pino';
import type { FeedbackStore } from '../../store/types.js';
import { redact } from './redact.js';

/** Longer queries are cut to this: enough for any real search, and a bound on what is kept. */
export const MAX_COUNTED_LENGTH = 100;

/** Lower case, single spaces, no personal details: `  Sensory   DIET ` → `sensory diet`. */
export function normaliseQuery(query: string): string {
  const plain = query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return redact(plain).text.slice(0, MAX_COUNTED_LENGTH).trim();
}

/** A function that counts one search without waiting; a failed count is dropped (the store logs once). */
export function searchCounter(store: FeedbackStore, logger: Pick<Logger, 'error'>) {
  return (query: string, found: boolean): void => {
    const normalised = normaliseQuery(query);
    if (!normalised) return;
    store.recordSearch({ query: normalised, found }).catch((err: unknown) => {
      if ((err as Error).name !== 'StoreUnavailableError') logger.error({ err }, 'A search could not be counted');
    });
  };
}
