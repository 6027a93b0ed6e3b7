/**
 * Opens the store named by the configuration and keeps it usable: `openStore` never rejects
 * and never holds up the site. While the database cannot be opened or written, every call
 * rejects with StoreUnavailableError (the form answers "not saved"); the next call after a
 * short wait tries again, so the store comes back without a restart. One log line when it
 * becomes unavailable, one when it is back.
 *
 * The database's own modules (Kysely, and PGlite or pg) are loaded when it is first opened,
 * not with the site: they take about 60 ms to load, and PGlite about 0.4 s of CPU to start,
 * so the server opens its store once its pages are ready (`openAfter`), unless a call needs
 * it sooner.
 */
import type { Logger } from 'pino';
import type { OpenedDatabase } from './embedded.js';
import type { KyselyFeedbackStore } from './queries.js';
import { serveReads } from './socket.js';
import { StoreUnavailableError, type FeedbackStore, type StoreHealth } from './types.js';

export interface StoreConfig {
  /** `postgres://…` to use PostgreSQL; the embedded store when left out. */
  databaseUrl?: string;
  /** The embedded store's folder (DATA_DIR). */
  dataDir: string;
  /** How long after a failure to try opening again (default 5 s). */
  retryMs?: number;
  /**
   * The embedded store also answers the report CLI's reads on DATA_DIR/store.sock while it
   * is open (socket.ts): the running site sets this; the CLI itself does not.
   */
  serveReads?: boolean;
  /**
   * Open once this settles (the server's pages being finished), not at once; a call made
   * before then opens it.
   */
  openAfter?: Promise<unknown>;
}

export type StoreLog = Pick<Logger, 'info' | 'warn'>;

/** A FeedbackStore that also tells how it was opened (the socket for the report CLI needs the PGlite). */
export interface OpenStore extends FeedbackStore {
  /** Settles once the attempt to open made when `openAfter` settles has succeeded or failed; never rejects. */
  readonly ready: Promise<void>;
  /** Where the data is, for log lines: the folder or the server (never a password). */
  readonly where: string;
  /**
   * What is known now, without asking the database: for /readyz, which must answer at once
   * even while a database server does not (a probe that times out takes the site out of service).
   */
  status(): StoreHealth;
  /** Runs `use` with the open database; rejects with StoreUnavailableError as every call does. */
  withDatabase<T>(use: (opened: OpenedDatabase) => Promise<T>): Promise<T>;
}

export function openStore(config: StoreConfig, log?: StoreLog): OpenStore {
  const url = config.databaseUrl;
  const { retryMs, openAfter = Promise.resolve() } = config;
  return url
    ? new ReopeningStore(
        'postgresql',
        describeDatabaseUrl(url),
        () => import('./postgres.js').then(({ openPostgres }) => openPostgres(url)),
        { retryMs, log, openAfter },
      )
    : new ReopeningStore(
        'embedded',
        config.dataDir,
        () => import('./embedded.js').then(({ openEmbedded }) => openEmbedded(config.dataDir)),
        { retryMs, log, openAfter, answerReads: config.serveReads },
      );
}

/** The address without its password, for log lines. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

function reason(err: unknown): string {
  const error = err as { message?: string; code?: string };
  return [error.code, error.message].filter(Boolean).join(': ') || String(err);
}

class ReopeningStore implements OpenStore {
  readonly ready: Promise<void>;
  #opened: { database: OpenedDatabase; queries: KyselyFeedbackStore } | undefined;
  #opening: Promise<{ database: OpenedDatabase; queries: KyselyFeedbackStore }> | undefined;
  #problem: string | undefined;
  #nextTry = 0;
  #closed = false;
  #reads: Promise<{ close: () => Promise<void> } | undefined> | undefined;
  readonly #inFlight = new Set<Promise<unknown>>();

  private readonly retryMs: number;
  private readonly log?: StoreLog;
  private readonly answerReads: boolean;

  constructor(
    readonly kind: StoreHealth['kind'],
    readonly where: string,
    private readonly open: () => Promise<OpenedDatabase>,
    options: { retryMs?: number; log?: StoreLog; openAfter: Promise<unknown>; answerReads?: boolean },
  ) {
    this.retryMs = options.retryMs ?? 5_000;
    this.log = options.log;
    this.answerReads = options.answerReads ?? false;
    // Whether `openAfter` resolves or rejects; a store closed meanwhile is not opened.
    const connect = () => this.#connect();
    this.ready = options.openAfter.then(connect, connect).then(
      async () => void (await this.#reads),
      () => undefined,
    );
  }

  #unavailable(problem: string, cause?: unknown): StoreUnavailableError {
    if (this.#problem === undefined)
      this.log?.warn({ store: this.kind, where: this.where, problem }, `Feedback store unavailable: ${problem}`);
    this.#problem = problem;
    return new StoreUnavailableError(`The ${this.kind} store is unavailable: ${problem}`, { cause });
  }

  #available(): void {
    if (this.#problem === undefined) return;
    this.#problem = undefined;
    this.log?.info({ store: this.kind, where: this.where }, 'Feedback store available again');
  }

  #connect(): Promise<{ database: OpenedDatabase; queries: KyselyFeedbackStore }> {
    if (this.#closed) return Promise.reject(new StoreUnavailableError('The store has been closed'));
    if (this.#opened) return Promise.resolve(this.#opened);
    if (!this.#opening) {
      if (Date.now() < this.#nextTry) return Promise.reject(this.#unavailable(this.#problem ?? 'not open yet'));
      // The queries' module first: once the database is open, nothing is left to fail but it.
      this.#opening = import('./queries.js')
        .then(async ({ KyselyFeedbackStore }) => ({ database: await this.open(), KyselyFeedbackStore }))
        .then(
          ({ database, KyselyFeedbackStore }) => {
            this.#opened = { database, queries: new KyselyFeedbackStore(database.db) };
            if (this.answerReads) {
              this.#reads = serveReads(this, this.where).catch((err: unknown) => {
                this.log?.warn({ err }, `The report CLI cannot read through this site: ${reason(err)}`);
                return undefined;
              });
            }
            this.#available();
            return this.#opened;
          },
          (err: unknown) => {
            this.#nextTry = Date.now() + this.retryMs;
            throw this.#unavailable(reason(err), err);
          },
        )
        .finally(() => (this.#opening = undefined));
    }
    return this.#opening;
  }

  /** Runs one operation, counted as in flight so that `close` waits for it. */
  #use<T>(operation: (opened: { database: OpenedDatabase; queries: KyselyFeedbackStore }) => Promise<T>): Promise<T> {
    const run = this.#connect().then(async (opened) => {
      try {
        const result = await operation(opened);
        this.#available();
        return result;
      } catch (err) {
        throw err instanceof StoreUnavailableError ? err : this.#unavailable(reason(err), err);
      }
    });
    this.#inFlight.add(run);
    void run.then(
      () => this.#inFlight.delete(run),
      () => this.#inFlight.delete(run),
    );
    return run;
  }

  withDatabase<T>(use: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
    return this.#use(({ database }) => use(database));
  }

  recordAnswer: FeedbackStore['recordAnswer'] = (input) => this.#use(({ queries }) => queries.recordAnswer(input));
  recordProblem: FeedbackStore['recordProblem'] = (input) => this.#use(({ queries }) => queries.recordProblem(input));
  recordSearch: FeedbackStore['recordSearch'] = (input) => this.#use(({ queries }) => queries.recordSearch(input));
  usefulness: FeedbackStore['usefulness'] = (options) => this.#use(({ queries }) => queries.usefulness(options));
  problemReports: FeedbackStore['problemReports'] = (options) => this.#use(({ queries }) => queries.problemReports(options));
  problemReport: FeedbackStore['problemReport'] = (id) => this.#use(({ queries }) => queries.problemReport(id));
  markDealtWith: FeedbackStore['markDealtWith'] = (id, by, at) => this.#use(({ queries }) => queries.markDealtWith(id, by, at));
  zeroResultSearches: FeedbackStore['zeroResultSearches'] = (options) => this.#use(({ queries }) => queries.zeroResultSearches(options));
  endStaffSession: FeedbackStore['endStaffSession'] = (id, until, now) =>
    this.#use(({ queries }) => queries.endStaffSession(id, until, now));
  staffSessionEnded: FeedbackStore['staffSessionEnded'] = (id) => this.#use(({ queries }) => queries.staffSessionEnded(id));
  deleteTextOlderThan: FeedbackStore['deleteTextOlderThan'] = (days, now) =>
    this.#use(({ queries }) => queries.deleteTextOlderThan(days, now));

  status(): StoreHealth {
    if (this.#opened && this.#problem === undefined) return { kind: this.kind, available: true };
    return { kind: this.kind, available: false, problem: this.#problem ?? (this.#closed ? 'closed' : 'opening') };
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.#use(({ queries }) => queries.ping());
      return { kind: this.kind, available: true };
    } catch (err) {
      return { kind: this.kind, available: false, problem: this.#problem ?? reason(err) };
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Still opening (a stop during the first start): not waited for, as a stop must be quick.
    // It is closed when it opens; a database stopped while being made is made again next time.
    if (this.#opening) {
      void this.#opening.then(
        (opened) => opened.database.close(),
        () => undefined,
      );
      return;
    }
    await (await this.#reads)?.close();
    await Promise.allSettled([...this.#inFlight]);
    const opened = this.#opened;
    this.#opened = undefined;
    await opened?.database.close();
  }
}
