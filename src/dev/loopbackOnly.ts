/**
 * The preview answers only requests addressed to this machine's loopback names: `localhost`,
 * `127.0.0.1` or `[::1]`, with or without its own port. A web page on another site could
 * otherwise read drafts by pointing a name of its own at 127.0.0.1 (DNS rebinding): the
 * browser then sends that name as the Host, and it is refused here.
 */
import type { RequestHandler } from 'express';
import { NEVER_STORE } from '../http/caching.js';
import { refusalStatus } from '../http/limits.js';

export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/** Misdirected Request (RFC 9110 §15.5.20): this server does not answer for that name. */
const MISDIRECTED = 421;

export function loopbackHostsOnly(port: number): RequestHandler {
  const allowed = new Set(LOOPBACK_NAMES.flatMap((name) => [name, `${name}:${port}`]));
  return (req, res, next) => {
    // What production refuses (limits.ts) is refused as production does: it shows nothing.
    if (allowed.has((req.headers.host ?? '').toLowerCase()) || refusalStatus(req, req.path) !== undefined) return next();
    // The Host sent is not repeated back: it is whatever another site chose.
    res.writeHead(MISDIRECTED, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': NEVER_STORE });
    res.end(`The preview only answers at http://localhost:${port}/ (or 127.0.0.1, or [::1]): open it there.\n`);
  };
}
