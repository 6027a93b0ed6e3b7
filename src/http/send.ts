/**
 * `sendPage`: how every page, error page, asset and feed answer leaves: brotli, gzip or none
 * from Accept-Encoding, an ETag on a 200 and 304 to a matching If-None-Match, and nothing but
 * headers for HEAD (Node drops the body). Responses finished at build time carry their
 * compressed copies; a page made for this request is compressed as it is sent, at the quick
 * levels of the one compression policy (render/finishedResponse.ts).
 *
 * Hand-made rather than the `compression` middleware: that compresses every answer as it is
 * sent and cannot send the copies compressed once at build time.
 */
import accepts from 'accepts';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { compressible, etagOf, HTML, PER_REQUEST_COMPRESSION, type FinishedResponse } from '../render/finishedResponse.js';
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

/** A page made for this request (search, the question flow, the feed's JSON): compressed when sent. */
export function pageFor(body: string, contentType = HTML, status = 200): FinishedResponse {
  const identity = Buffer.from(body, 'utf8');
  return { status, contentType, etag: etagOf(identity), identity };
}

/** JSON (the Open Referral feed), sent as a page. */
export function sendJson(req: IncomingMessage, res: ServerResponse, value: unknown, status = 200): void {
  sendPage(req, res, pageFor(JSON.stringify(value), 'application/json; charset=utf-8', status));
}

const compressNow = {
  br: (bytes: Buffer) =>
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: PER_REQUEST_COMPRESSION.brotli,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  gzip: (bytes: Buffer) => gzipSync(bytes, { level: PER_REQUEST_COMPRESSION.gzip }),
};

/**
 * Sends `page`; its Cache-Control is already set (the route table's rule, or the error's).
 * A 200 carries its ETag, and a matching If-None-Match gets a 304.
 */
export function sendPage(req: IncomingMessage, res: ServerResponse, page: FinishedResponse): void {
  const shrinks = compressible(page.contentType);
  const headers: OutgoingHttpHeaders = { 'Content-Type': page.contentType };
  if (shrinks) headers.Vary = VARY_ENCODING;
  if (page.status === 200) {
    headers.ETag = page.etag;
    if (matchesEtag(req.headers['if-none-match'], page.etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  const encoding = shrinks ? negotiateEncoding(req) : 'identity';
  const body = encoding === 'identity' ? page.identity : (page[encoding] ?? compressNow[encoding](page.identity));
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = body.length;
  res.writeHead(page.status, headers);
  res.end(body);
}
