/**
 * A finished response body, prepared once: the bytes, a strong ETag and the brotli and
 * gzip encodings. Serving it needs no work beyond choosing which bytes to send.
 *
 * Each encoding is made once and kept. Every body is compressed in the thread pool in the
 * background right after the build (`compressAll`), so startup never waits for thousands
 * of compressions; a request that comes before its body is done gets it compressed on the
 * spot at the page levels, not kept. Pages use levels that take well under a millisecond
 * (brotli 6 is within ~12% of brotli 11's size at ~1/80 of its time, measured on generated
 * pages); assets, few, large and cached for a year, get the best levels.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions } from 'node:zlib';

export interface Compression {
  brotli: number;
  gzip: number;
}

export const PAGE_COMPRESSION: Compression = { brotli: 6, gzip: 9 };
export const ASSET_COMPRESSION: Compression = { brotli: 11, gzip: 9 };

export interface Prepared {
  readonly status: number;
  readonly contentType: string;
  readonly etag: string;
  readonly identity: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
}

const brotliOptions = (quality: number, identity: Buffer): BrotliOptions => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: quality,
    [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
});

class PreparedBody implements Prepared {
  readonly etag: string;
  #gzip?: Buffer;
  #br?: Buffer;
  /** While the best encodings are being made in the background: do not keep stopgaps. */
  pending = false;

  constructor(
    readonly identity: Buffer,
    readonly contentType: string,
    readonly status: number,
    readonly compression: Compression,
  ) {
    this.etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  }

  get gzip(): Buffer {
    if (this.#gzip) return this.#gzip;
    const level = this.pending ? PAGE_COMPRESSION.gzip : this.compression.gzip;
    const gz = gzipSync(this.identity, { level });
    if (!this.pending) this.#gzip = gz;
    return gz;
  }

  get br(): Buffer {
    if (this.#br) return this.#br;
    const quality = this.pending ? PAGE_COMPRESSION.brotli : this.compression.brotli;
    const br = brotliCompressSync(this.identity, brotliOptions(quality, this.identity));
    if (!this.pending) this.#br = br;
    return br;
  }

  /** Makes both encodings in the thread pool, off the main thread. */
  async compressInBackground(): Promise<void> {
    if (this.#br && this.#gzip) return;
    this.pending = true;
    try {
      const [br, gz] = await Promise.all([
        brotliAsync(this.identity, brotliOptions(this.compression.brotli, this.identity)),
        gzipAsync(this.identity, { level: this.compression.gzip }),
      ]);
      this.#br = br;
      this.#gzip = gz;
    } finally {
      this.pending = false;
    }
  }
}

const toBuffer = (body: string | Buffer) => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

/** Bytes and ETag now; each encoding on first use, then kept. */
export function prepare(body: string | Buffer, contentType: string, status = 200, compression = PAGE_COMPRESSION): Prepared {
  return new PreparedBody(toBuffer(body), contentType, status, compression);
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Makes the best encodings of prepared bytes in the thread pool, off the main thread.
 * Until they are done, a request gets the page levels, which are not kept.
 */
export function compressInBackground(prepared: Prepared): Promise<void> {
  if (!(prepared instanceof PreparedBody)) throw new TypeError('not made by prepare()');
  return prepared.compressInBackground();
}

/**
 * Makes every encoding of many prepared bodies in the background, a few at a time so that
 * requests keep their share of the thread pool. Settles when all are done.
 */
export async function compressAll(items: Iterable<Prepared>, concurrency = 4): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) await compressInBackground(item);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
