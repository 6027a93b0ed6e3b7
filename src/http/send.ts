/**
 * Sends a prepared response: picks brotli, gzip or none from Accept-Encoding, answers
 * 304 to a matching If-None-Match, and sends nothing but headers for HEAD. The decision is
 * one function of the request headers, shared by Express and by the fast path
 * (`fastPath.ts`), so the two cannot answer differently.
 */
import accepts from 'accepts';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Prepared } from '../render/prepared.js';

export const PAGE_CACHE = 'no-cache';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

const ENCODINGS = ['br', 'gzip', 'identity'];
const DYNAMIC_BROTLI_QUALITY = 1;

/**
 * Accept-Encoding values are few (one per browser family), so each is negotiated once.
 * Bounded, so that odd headers from a client cannot grow it.
 */
const negotiated = new Map<string, string | false>();
function encodingFor(req: IncomingMessage): string | false {
  const header = req.headers['accept-encoding'];
  const key = header ?? '\u0000absent';
  let encoding = negotiated.get(key);
  if (encoding === undefined) {
    encoding = accepts(req).encodings(ENCODINGS);
    if (negotiated.size < 100) negotiated.set(key, encoding);
  }
  return encoding;
}

export interface Answer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer | undefined;
}

/** What to answer a GET or HEAD for prepared bytes: status, headers and body. */
export function answerPrepared(req: IncomingMessage, prepared: Prepared, cacheControl = PAGE_CACHE): Answer {
  const headers: OutgoingHttpHeaders = { 'Content-Type': prepared.contentType, Vary: 'Accept-Encoding' };
  if (prepared.status === 200) {
    headers['Cache-Control'] = cacheControl;
    headers.ETag = prepared.etag;
    if (matchesEtag(req.headers['if-none-match'], prepared.etag)) return { status: 304, headers, body: undefined };
  } else {
    headers['Cache-Control'] = 'no-store';
  }
  const encoding = encodingFor(req);
  const body = encoding === 'br' ? prepared.br : encoding === 'gzip' ? prepared.gzip : prepared.identity;
  if (encoding === 'br' || encoding === 'gzip') headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = body.length;
  return { status: prepared.status, headers, body: req.method === 'HEAD' ? undefined : body };
}

export function sendPrepared(req: IncomingMessage, res: ServerResponse, prepared: Prepared, cacheControl = PAGE_CACHE): void {
  sendAnswer(res, answerPrepared(req, prepared, cacheControl));
}

export function sendAnswer(res: ServerResponse, answer: Answer): void {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value!);
  res.end(answer.body);
}

/**
 * Sends a response made for this request (search results): compressed now, at levels that
 * cost a fraction of a millisecond, and never stored by shared caches. Brotli 1 took
 * 0.13 ms on a results page against 0.3 ms for brotli 4, for 15% more bytes (2.7 kB).
 */
export function sendDynamic(req: IncomingMessage, res: ServerResponse, html: string, contentType: string): void {
  const identity = Buffer.from(html, 'utf8');
  const encoding = encodingFor(req);
  const body =
    encoding === 'br'
      ? brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } })
      : encoding === 'gzip'
        ? gzipSync(identity, { level: 6 })
        : identity;
  const headers: OutgoingHttpHeaders = { 'Content-Type': contentType, Vary: 'Accept-Encoding', 'Cache-Control': 'private, no-cache' };
  if (encoding === 'br' || encoding === 'gzip') headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = body.length;
  sendAnswer(res, { status: 200, headers, body: req.method === 'HEAD' ? undefined : body });
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const candidate = tag.trim().replace(/^W\//, '');
    return candidate === etag || candidate === '*';
  });
}
