/**
 * The site's logger: JSON lines on standard output, with pino and its own destination
 * (sonic-boom), which gathers lines until `LOG_BATCH_BYTES` have built up and writes them in
 * one go: one write for some twenty requests instead of one each. A quiet site's lines go
 * out within `LOG_FLUSH_MS`. Every line that is not an ordinary request line (starting,
 * reloading, warnings, errors, aborted or failed requests, stopping) is written at once,
 * with the lines waiting before it, so the log stays in order; whatever is left is written
 * when the process exits.
 *
 * Writes are synchronous: a slow log reader slows the server rather than growing a buffer
 * in memory (measured by bench/load.ts). A log that cannot be written at all (its reader has
 * gone, the disk is full) is reported once on standard error and dropped: serving matters
 * more than logging.
 */
import { writeSync } from 'node:fs';
import { pino, type Level, type Logger } from 'pino';

export const LOG_BATCH_BYTES = 4096;
export const LOG_FLUSH_MS = 1000;

const INFO = pino.levels.values.info!;

/** `dest`: standard output, or a file (the tests use one). */
export function createLogger(level: Level | 'silent', dest: number | string = 1): Logger {
  const name = dest === 1 ? 'standard output' : typeof dest === 'number' ? `file descriptor ${dest}` : dest;
  const output = pino.destination({ dest, sync: true, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_FLUSH_MS });
  let dropped = false;
  const flush = () => {
    if (!dropped) output.flushSync();
  };
  output.on('error', (err: Error) => {
    if (dropped) return;
    dropped = true;
    // As pino does itself for a closed pipe: nothing more is kept or written.
    output.write = () => true;
    const report = `The log could not be written to ${name} (${err.message}), so logging has stopped; the site is still serving. Restart it with a working log reader to log again.\n`;
    try {
      writeSync(2, report);
    } catch {
      // Standard error has gone too: there is nowhere left to say it.
    }
  });
  process.once('exit', flush);
  return pino(
    {
      level,
      hooks: {
        logMethod(args, write, lineLevel) {
          write.apply(this, args);
          const fields: unknown = args[0];
          const isRequestLine = typeof fields === 'object' && fields !== null && 'req' in fields;
          if (!isRequestLine || lineLevel > INFO) flush();
        },
      },
    },
    output,
  );
}
