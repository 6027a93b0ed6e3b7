/**
 * What a request may be. The site shows pages: it accepts GET and HEAD, with no body, for
 * addresses of sensible length that can be decoded, from one Host; a form (a POST route of
 * the route table) may also be POSTed to, with a body. Everything else is refused here, by
 * the first middleware after logging, with the matching error page.
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { sendError } from './errors.js';
import type { SiteHolder } from './siteHolder.js';

/** Node's HTTP server settings (createServer.ts). */
export const SERVER_LIMITS = {
  /** Request line and headers together (Node's default, made explicit); more is answered 431. */
  maxHeaderSize: 16 * 1024,
  /** Time to receive the request line and headers (slow-loris clients), then the whole request. */
  headersTimeout: 10_000,
  requestTimeout: 15_000,
  /** How often Node checks those two timeouts (its default is 30 s). */
  connectionsCheckingInterval: 2_000,
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeout: 5_000,
};

/** Longer web addresses than any page of ours, with room for a search query. */
export const MAX_URL_LENGTH = 2048;

/**
 * How long a refused request's body is read and thrown away before the connection is cut
 * (RFC 9112 §9.6, lingering close): closing while a client is still sending makes its side
 * reset the connection, and the refusal would be lost.
 */
export const LINGER_MS = 2_000;

export const ALLOWED_METHODS = ['GET', 'HEAD'];

export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** A host name or IP literal and an optional port (RFC 9110 §7.2), nothing else. */
const VALID_HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+,;=%]*)(:\d*)?$/;

/** How many Host headers the request has (Node keeps only the first in `headers`). */
function hostCount(req: IncomingMessage): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i]!.length === 4 && req.rawHeaders[i]!.toLowerCase() === 'host') count++;
  return count;
}

/** What a form's address accepts besides. */
export const FORM_METHODS = [...ALLOWED_METHODS, 'POST'];

/**
 * The status to refuse the request with, or undefined when it may go on. In this order.
 * `form`: the address is a form's (a POST route), which may be POSTed to with a body.
 */
export function refusalStatus(req: IncomingMessage, path: string, form = false): number | undefined {
  if ((req.url ?? '').length > MAX_URL_LENGTH) return 414;
  // RFC 9112 §3.2: exactly one valid Host in HTTP/1.1 (an absolute-form target still needs one).
  const hosts = hostCount(req);
  if (hosts > 1 || (hosts === 0 && req.httpVersion === '1.1')) return 400;
  if (hosts === 1 && !VALID_HOST.test(req.headers.host!)) return 400;
  if (!(form ? FORM_METHODS : ALLOWED_METHODS).includes(req.method ?? '')) return 405;
  // Node answers `Expect: 100-continue` itself; any other expectation cannot be met.
  if (req.headers.expect !== undefined && req.headers.expect.toLowerCase() !== '100-continue') return 417;
  if (hasBody(req) && !(form && req.method === 'POST')) return 413;
  if (!decodable(path)) return 400;
  return undefined;
}

/** Marks a form's address (app.ts mounts it on each POST route, before the refusals). */
export const acceptForm: RequestHandler = (_req, res, next) => {
  res.locals.form = true;
  next();
};

export function refuseUnacceptable(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    const form = res.locals.form === true;
    const status = refusalStatus(req, req.path, form);
    if (status === undefined) return next();
    if (status === 405) res.setHeader('Allow', (form ? FORM_METHODS : ALLOWED_METHODS).join(', '));
    if (hasBody(req)) lingerThenClose(req);
    sendError(holder, req, res, status);
  };
}

/**
 * Reads and discards what is left of the body after the refusal is sent (Node does that for
 * an unread body once the response ends), so the client reads the answer before the
 * connection closes; a body still arriving after LINGER_MS has its connection cut.
 */
function lingerThenClose(req: IncomingMessage): void {
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
  timer.unref();
  const done = () => clearTimeout(timer);
  req.once('end', done);
  req.socket.once('close', done);
}
