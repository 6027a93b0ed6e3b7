/**
 * Sends a prepared response: picks brotli, gzip or none from Accept-Encoding, answers
 * 304 to a matching If-None-Match, and sends nothing but headers for HEAD. The decision is
 * one function of the request headers, shared by Express and by the fast path
 * (`fastPath.ts`), so the two cannot answer differently. HTML made for one request (the
 * search page) is compressed as it is sent, negotiated the same way (`sendHtml`).
 */
import accepts from 'accepts';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Prepared } from '../render/prepared.js';
import { HTML } from '../render/renderSite.js';
import { VARY_ENCODING } from './caching.js';

/**
 * Picks an encoding from Accept-Encoding among those offered. Accept-Encoding values are few
 * (one per browser family), so each is negotiated once; bounded, so that odd headers from a
 * client cannot grow the cache.
 */
function negotiator(offered: string[]): (req: IncomingMessage) => string | false {
  const negotiated = new Map<string, string | false>();
  return (req) => {
    const header = req.headers['accept-encoding'];
    const key = header ?? '\u0000absent';
    let encoding = negotiated.get(key);
    if (encoding === undefined) {
      encoding = accepts(req).encodings(offered);
      if (negotiated.size < 100) negotiated.set(key, encoding);
    }
    return encoding;
  };
}

const encodingFor = negotiator(['br', 'gzip', 'identity']);

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<OutgoingHttpHeaders>;
  readonly body: Buffer | undefined;
}

/**
 * The answers already worked out for each prepared body, one per encoding, cache policy and
 * 304: a page's few variants are built once and then handed out as they are, so a GET
 * allocates nothing to be answered (a HEAD, rarer, copies one without its body). Held weakly, so they go with the body on a reload.
 */
const answersFor = new WeakMap<Prepared, Map<string, Answer>>();

/**
 * What to answer a GET or HEAD for prepared bytes: status, headers and body. Do not change it:
 * it is shared. `cacheControl` comes from the caching rules (`caching.ts`).
 */
export function answerPrepared(req: IncomingMessage, prepared: Prepared, cacheControl: string): Answer {
  const notModified = prepared.status === 200 && matchesEtag(req.headers['if-none-match'], prepared.etag);
  const encoding = notModified ? false : encodingFor(req);
  const body = notModified ? undefined : encoding === 'br' ? prepared.br : encoding === 'gzip' ? prepared.gzip : prepared.identity;
  let answers = answersFor.get(prepared);
  if (!answers) answersFor.set(prepared, (answers = new Map<string, Answer>()));
  const key = `${notModified ? 304 : encoding}\u0000${cacheControl}`;
  let answer = answers.get(key);
  // A body compressed on the spot, before the background compression is done, is a new
  // buffer each time: its answer is rebuilt until the kept one exists.
  if (!answer || answer.body !== body) {
    answer = buildAnswer(prepared, cacheControl, notModified, encoding, body);
    answers.set(key, answer);
  }
  return req.method === 'HEAD' && answer.body ? { ...answer, body: undefined } : answer;
}

function buildAnswer(
  prepared: Prepared,
  cacheControl: string,
  notModified: boolean,
  encoding: string | false,
  body: Buffer | undefined,
): Answer {
  const headers: OutgoingHttpHeaders = { 'Content-Type': prepared.contentType, Vary: VARY_ENCODING, 'Cache-Control': cacheControl };
  if (prepared.status === 200) {
    headers.ETag = prepared.etag;
    if (notModified) return Object.freeze({ status: 304, headers: Object.freeze(headers), body: undefined });
  }
  if (encoding === 'br' || encoding === 'gzip') headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = body!.length;
  return Object.freeze({ status: prepared.status, headers: Object.freeze(headers), body });
}

export function sendPrepared(req: IncomingMessage, res: ServerResponse, prepared: Prepared, cacheControl: string): void {
  sendAnswer(res, answerPrepared(req, prepared, cacheControl));
}

export function sendAnswer(res: ServerResponse, answer: Answer): void {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value!);
  res.end(answer.body);
}

/**
 * Levels for HTML compressed on every request: quick ones, as the time is spent on each
 * request (a search page is a few kilobytes; higher levels save few bytes for much more time).
 */
const PER_REQUEST_COMPRESSION = { brotli: 4, gzip: 6 };

/** Sends HTML made for this request (the search page), compressed as negotiated: brotli, gzip or none. */
export function sendHtml(
  req: IncomingMessage,
  res: ServerResponse,
  html: string,
  options: { status?: number; cacheControl: string },
): void {
  const identity = Buffer.from(html, 'utf8');
  const encoding = encodingFor(req);
  const headers: OutgoingHttpHeaders = { 'Content-Type': HTML, Vary: VARY_ENCODING, 'Cache-Control': options.cacheControl };
  let body = identity;
  if (encoding === 'br') {
    body = brotliCompressSync(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: PER_REQUEST_COMPRESSION.brotli,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
  } else if (encoding === 'gzip') {
    body = gzipSync(identity, { level: PER_REQUEST_COMPRESSION.gzip });
  }
  if (encoding === 'br' || encoding === 'gzip') headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = body.length;
  sendAnswer(res, { status: options.status ?? 200, headers, body: req.method === 'HEAD' ? undefined : body });
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const candidate = tag.trim().replace(/^W\//, '');
    return candidate === etag || candidate === '*';
  });
}
