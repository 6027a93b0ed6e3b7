/**
 * Error responses: the prepared error pages, never a stack trace.
 */
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { SiteHolder } from './siteHolder.js';
import type { Prepared } from '../render/prepared.js';
import { NEVER_STORE } from './caching.js';
import { sendPrepared } from './send.js';

export function sendError(holder: SiteHolder, req: Request, res: Response, status: number): void {
  sendPrepared(req, res, errorPageFor(holder, status), holder.caching.forStatus(status));
}

/** The prepared page for a status, or the 500 page for a status without one. */
export function errorPageFor(holder: SiteHolder, status: number): Prepared {
  const { errors } = holder.current.rendered;
  return errors.get(status) ?? errors.get(500)!;
}

/** The last resort if even the prepared error page cannot be sent: plain words, no details. */
const LAST_RESORT = 'Sorry, there is a problem with the service. Try again later.';

/** A web address that cannot be decoded is the client's mistake: 400, not 500. */
export function rejectMalformedUrls(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    try {
      decodeURIComponent(req.path);
      next();
    } catch {
      sendError(holder, req, res, 400);
    }
  };
}

export function notFound(holder: SiteHolder): RequestHandler {
  return (req, res) => sendError(holder, req, res, 404);
}

export function errorPage(holder: SiteHolder, logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const status = clientErrorStatus(err);
    if (status === 500) logger.error({ err, path: req.path }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    try {
      sendError(holder, req, res, status);
    } catch (failure) {
      // Never fall through to Express's own handler, which prints the stack outside production.
      logger.error({ err: failure }, 'error page failed');
      res.status(500).type('text/plain').setHeader('Cache-Control', NEVER_STORE);
      res.end(LAST_RESORT);
    }
  };
}

function clientErrorStatus(err: unknown): number {
  const status = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : NaN;
  if ([400, 404, 405, 413, 414, 431].includes(status)) return status;
  if (err instanceof URIError) return 400;
  return 500;
}
