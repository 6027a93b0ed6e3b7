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
 * in memory (measured by bench/load.ts). A log that cannot be written at all (its reader has
 * gone, the disk is full) is reported once on standard error and dropped: serving matters
 * more than logging, and a write that is retried forever would stop the server.
 */
import { openSync, writeSync } from 'node:fs';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export const LOG_BATCH_BYTES = 4096;
export const LOG_FLUSH_MS = 1000;

const INFO = pino.levels.values.info!;
/** How long to wait before trying again when a non-blocking reader's pipe is full. */
const FULL_PIPE_WAIT_MS = 10;

const outputs = new Set<LogOutput>();
process.once('exit', () => {
  for (const output of outputs) output.flush();
});

/** A file descriptor the log lines are written to, in batches, until it fails. */
class LogOutput implements DestinationStream {
  #lines: string[] = [];
  #bytes = 0;
  #dropped = false;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly fd: number,
    private readonly name: string,
  ) {
    this.#timer = setInterval(() => this.flush(), LOG_FLUSH_MS).unref();
    outputs.add(this);
  }

  write(line: string): void {
    if (this.#dropped) return;
    this.#lines.push(line);
    this.#bytes += Buffer.byteLength(line);
    if (this.#bytes >= LOG_BATCH_BYTES) this.flush();
  }

  /** Writes every waiting line now (`done`: for pino's `logger.flush`). */
  flush(done?: () => void): void {
    this.#writeWaiting();
    done?.();
  }

  #writeWaiting(): void {
    if (this.#lines.length === 0 || this.#dropped) return;
    let bytes = Buffer.from(this.#lines.join(''));
    this.#lines = [];
    this.#bytes = 0;
    while (bytes.length > 0) {
      try {
        bytes = bytes.subarray(writeSync(this.fd, bytes));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // A reader that is there but slow: wait for it, as a blocking pipe would.
        if (code === 'EAGAIN' || code === 'EBUSY') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, FULL_PIPE_WAIT_MS);
        else return this.#drop(err as Error);
      }
    }
  }

  #drop(err: Error): void {
    this.#dropped = true;
    this.#lines = [];
    clearInterval(this.#timer);
    outputs.delete(this);
    const report = `The log could not be written to ${this.name} (${err.message}), so logging has stopped; the site is still serving. Restart it with a working log reader to log again.\n`;
    try {
      writeSync(2, report);
    } catch {
      // Standard error has gone too: there is nowhere left to say it.
    }
  }
}

/** `dest`: standard output, or a file (the tests use one). */
export function createLogger(level: Level | 'silent', dest: number | string = 1): Logger {
  const output =
    typeof dest === 'number'
      ? new LogOutput(dest, dest === 1 ? 'standard output' : `file descriptor ${dest}`)
      : new LogOutput(openSync(dest, 'a'), dest);
  return pino(
    {
      level,
      hooks: {
        logMethod(args, write, lineLevel) {
          write.apply(this, args);
          const fields: unknown = args[0];
          const isRequestLine = typeof fields === 'object' && fields !== null && 'req' in fields;
          if (!isRequestLine || lineLevel > INFO) output.flush();
        },
      },
    },
    output,
  );
}
