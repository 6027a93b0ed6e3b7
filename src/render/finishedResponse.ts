/**
 * A response finished once, at build time: its status, type, strong ETag and body in every
 * encoding it is sent in. A plain frozen object: serving it only chooses which bytes to send.
 *
 * Compression runs in the thread pool, so a build can render the next page while the last
 * one is being compressed. Pages use quick levels (brotli 6 is within a few per cent of
 * brotli 11's size); our few stylesheets and scripts, cached for a year, get the best ones,
 * which are slow, so those copies are kept for the next build (compressionStore.ts).
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { storedCompression } from './compressionStore.js';

export interface Compression {
  brotli: number;
  gzip: number;
  /** Keep the compressed copies for the next build, and use the kept ones. */
  stored?: boolean;
}

export const HTML = 'text/html; charset=utf-8';

/**
 * The one compression policy. Pages, at build: quick levels (brotli 6 is within a few per
 * cent of brotli 11's size). Our stylesheets and scripts, cached for a year: the best levels,
 * kept between builds. A page made for a request (search, the question flow): the quickest,
 * as the visitor waits; higher levels would save a few hundred bytes of a page that arrives
 * within the first round trip of a new connection either way. The static mirror writes the
 * bytes the server sends, so it has no levels of its own.
 */
export const PAGE_COMPRESSION: Compression = { brotli: 6, gzip: 9 };
export const ASSET_COMPRESSION: Compression = { brotli: 11, gzip: 9, stored: true };
export const PER_REQUEST_COMPRESSION: Compression = { brotli: 1, gzip: 3 };

export interface FinishedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly etag: string;
  readonly identity: Buffer;
  /** Absent for bodies that do not shrink when compressed (images), or not compressed yet. */
  readonly gzip?: Buffer;
  readonly br?: Buffer;
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface FinishOptions {
  status?: number;
  /** The levels to compress at, or false to leave the body as it is (for now). */
  compression?: Compression | false;
}

/** Text shrinks when compressed; images are compressed already. */
const COMPRESSIBLE = /^(text\/|image\/svg\+xml|application\/((manifest\+)?json|xml))/;

export const compressible = (contentType: string) => COMPRESSIBLE.test(contentType);

/** A strong ETag for these bytes. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** The body's bytes, ETag and encodings, as one frozen object once every encoding is made. */
export async function finishResponse(body: string | Buffer, contentType: string, options: FinishOptions = {}): Promise<FinishedResponse> {
  const identity = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const { status = 200, compression = PAGE_COMPRESSION } = options;
  const etag = etagOf(identity);
  if (!compression || !COMPRESSIBLE.test(contentType)) return Object.freeze({ status, contentType, etag, identity });
  const brotli = () =>
    brotliAsync(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: compression.brotli,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
  const gzipped = () => gzipAsync(identity, { level: compression.gzip });
  const hash = etag.slice(1, -1);
  const [br, gz] = await Promise.all(
    compression.stored
      ? [
          storedCompression(identity, hash, 'br', compression.brotli, brotli),
          storedCompression(identity, hash, 'gzip', compression.gzip, gzipped),
        ]
      : [brotli(), gzipped()],
  );
  return Object.freeze({ status, contentType, etag, identity, br, gzip: gz });
}

/**
 * Finishes many responses, a few at a time: each compression holds its compressor's memory
 * until it is done, so thousands at once would hold hundreds of megabytes. `add` returns as
 * soon as there is room, so the caller renders the next page while this one compresses.
 */
export class FinishingQueue<K> {
  readonly #keys: K[] = [];
  readonly #results = new Map<K, FinishedResponse>();
  readonly #running = new Set<Promise<void>>();
  #failure?: Error;

  constructor(private readonly concurrency = 4) {}

  async add(key: K, body: string | Buffer, contentType: string, options?: FinishOptions): Promise<void> {
    while (this.#running.size >= this.concurrency) await Promise.race(this.#running);
    this.#keys.push(key);
    const job: Promise<void> = finishResponse(body, contentType, options).then(
      (finished) => {
        this.#results.set(key, finished);
        this.#running.delete(job);
      },
      (failure: unknown) => {
        this.#failure ??= failure instanceof Error ? failure : new Error(String(failure));
        this.#running.delete(job);
      },
    );
    this.#running.add(job);
  }

  /** Each response again, with its encodings made: the same keys, the same order. */
  static async compressAll<K>(
    responses: ReadonlyMap<K, FinishedResponse>,
    compression: Compression,
  ): Promise<ReadonlyMap<K, FinishedResponse>> {
    const queue = new FinishingQueue<K>();
    for (const [key, response] of responses) {
      await queue.add(key, response.identity, response.contentType, { status: response.status, compression });
    }
    return queue.finished();
  }

  /** Every response added, in the order added, once all are finished. */
  async finished(): Promise<ReadonlyMap<K, FinishedResponse>> {
    await Promise.all(this.#running);
    if (this.#failure) throw this.#failure;
    return new Map(this.#keys.map((key) => [key, this.#results.get(key)!]));
  }
}
