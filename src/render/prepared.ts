/**
 * A finished response body, prepared once: the bytes, a strong ETag and the brotli and
 * gzip encodings. Serving it needs no work beyond choosing which bytes to send.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Prepared {
  status: number;
  contentType: string;
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export function prepare(body: string | Buffer, contentType: string, status = 200): Prepared {
  const identity = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    status,
    contentType,
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  };
}
