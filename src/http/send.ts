/**
 * Sending HTML and other bodies: picks brotli, gzip or none from Accept-Encoding, answers 304
 * to a matching If-None-Match, and sends nothing but headers for HEAD (Node drops the body).
 */
import accepts from 'accepts';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { etagOf, HTML, type FinishedResponse } from '../render/finishedResponse.js';
import { VARY_ENCODING } from './caching.js';

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * Picks an encoding from Accept-Encoding among those offered. Browsers send few distinct
 * values, so each is negotiated once; the memo is bounded, so odd headers cannot grow it.
 */
function negotiator(offered: Encoding[]): (req: IncomingMessage) => Encoding {
  const negotiated = new Map<string, Encoding>();
  return (req) => {
    const key = req.headers['accept-encoding'] ?? '';
    let encoding = negotiated.get(key);
    if (encoding === undefined) {
      encoding = (accepts(req).encodings(offered) || 'identity') as Encoding;
      if (negotiated.size < 100) negotiated.set(key, encoding);
    }
    return encoding;
  };
}

/** The encoding to send this request: br, gzip or identity. */
export const negotiateEncoding = negotiator(['br', 'gzip', 'identity']);

/** True when an If-None-Match header names this ETag (or `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const candidate = tag.trim().replace(/^W\//, '');
    return candidate === etag || candidate === '*';
  });
}

/** RFC 9110 §13.1.1: an If-Match that names none of this response's ETags fails (412). */
export function failsIfMatch(req: IncomingMessage, finished: FinishedResponse): boolean {
  const header = req.headers['if-match'];
  if (header === undefined) return false;
  return !header.split(',').some((tag) => tag.trim() === '*' || tag.trim() === finished.etag);
}

/**
 * Sends a response finished at build time (its Cache-Control is already set: the route
 * table's rule). A 200 carries its ETag, and a matching If-None-Match gets a 304.
 */
export function sendFinished(req: IncomingMessage, res: ServerResponse, finished: FinishedResponse): void {
  const headers: OutgoingHttpHeaders = { 'Content-Type': finished.contentType };
  if (finished.br) headers.Vary = VARY_ENCODING;
  if (finished.status === 200) {
    headers.ETag = finished.etag;
    if (matchesEtag(req.headers['if-none-match'], finished.etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  const encoding = finished.br ? negotiateEncoding(req) : 'identity';
  const body = (encoding === 'identity' ? undefined : finished[encoding]) ?? finished.identity;
  if (body !== finished.identity) headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = body.length;
  res.writeHead(finished.status, headers);
  res.end(body);
}

/**
 * Quick levels: this is compressed while the visitor waits, on every request. Higher levels
 * would save a few hundred bytes of a page that arrives within the first round trip of a new
 * connection (ten packets) either way.
 */
const BROTLI_PER_REQUEST = { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };
const GZIP_PER_REQUEST = { level: 3 };

/**
 * Sends HTML made for this request (a template rendered per request), compressed as
 * negotiated. A 200 carries an ETag of its bytes, so a cache can revalidate it (304).
 */
export function sendHtml(req: IncomingMessage, res: ServerResponse, html: string, status = 200): void {
  const identity = Buffer.from(html, 'utf8');
  const headers: OutgoingHttpHeaders = { 'Content-Type': HTML, Vary: VARY_ENCODING };
  if (status === 200) {
    headers.ETag = etagOf(identity);
    if (matchesEtag(req.headers['if-none-match'], headers.ETag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  const encoding = negotiateEncoding(req);
  const body =
    encoding === 'br'
      ? brotliCompressSync(identity, BROTLI_PER_REQUEST)
      : encoding === 'gzip'
        ? gzipSync(identity, GZIP_PER_REQUEST)
        : identity;
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = body.length;
  res.writeHead(status, headers);
  res.end(body);
}
