/**
 * Free text in problem reports is deleted once it is older than FEEDBACK_RETENTION_DAYS:
 * once the store is open after a start, and then every 6 hours while the site runs. Yes/no
 * and search counts stay.
 */
import type { Logger } from 'pino';
import type { OpenStore } from '../../store/open.js';

const EVERY_MS = 6 * 60 * 60_000;

/** Starts the schedule; the returned function stops it. The timer never keeps the process alive. */
export function deleteOldTextRegularly(
  store: Pick<OpenStore, 'ready' | 'deleteTextOlderThan'>,
  days: number,
  logger: Pick<Logger, 'info'>,
): () => void {
  const run = () =>
    store.deleteTextOlderThan(days).then(
      (deleted) => {
        if (deleted > 0) logger.info({ deleted, days }, `Deleted the text of ${deleted} problem reports older than ${days} days`);
      },
      () => undefined, // the store logs that it is unavailable; the next run tries again
    );
  void store.ready.then(run); // not sooner: the first call would open the store
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
