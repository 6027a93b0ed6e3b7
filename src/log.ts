/**
 * The site's logger: JSON lines on standard output, with pino.
 *
 * Request lines that went well (info lines with a `req`) are gathered into batches of 4 kB
 * before they are written: one write for some twenty requests instead of one each. Every
 * other line (starting, reloading, warnings, errors, aborted or failed requests, stopping)
 * is written at once, and with it any request lines waiting in the batch, so the log stays
 * in order. A quiet site's request lines still go out within a second, and whatever is left
 * is written when the process exits.
 *
 * Writes are synchronous: a slow log reader slows the server rather than growing a buffer
 * in memory (measured by bench/load.ts).
 */
import { pino, type Level, type Logger } from 'pino';

export const LOG_BATCH_BYTES = 4096;
export const LOG_FLUSH_MS = 1000;

const INFO = pino.levels.values.info!;

type Destination = ReturnType<typeof pino.destination>;
const destinations = new Set<Destination>();
process.once('exit', () => {
  for (const destination of destinations) destination.flushSync();
});

/** `dest`: standard output, or a file (the tests use one). */
export function createLogger(level: Level | 'silent', dest: number | string = 1): Logger {
  const destination = pino.destination({ dest, sync: true, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_FLUSH_MS });
  destinations.add(destination);
  return pino(
    {
      level,
      hooks: {
        logMethod(args, write, lineLevel) {
          write.apply(this, args);
          const fields: unknown = args[0];
          const isRequestLine = typeof fields === 'object' && fields !== null && 'req' in fields;
          if (!isRequestLine || lineLevel > INFO) destination.flushSync();
        },
      },
    },
    destination,
  );
}
