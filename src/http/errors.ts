/**
 * Error responses: the prepared error pages, never a stack trace.
 */
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { SiteHolder } from './siteHolder.js';
import { sendPrepared } from './send.js';

export function sendError(holder: SiteHolder, req: Request, res: Response, status: number): void {
  const page = holder.current.rendered.errors.get(status) ?? holder.current.rendered.errors.get(500)!;
  sendPrepared(req, res, page);
}

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

export function errorPage(holder: SiteHolder): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const status = clientErrorStatus(err);
    if (status === 500) req.log?.error({ err }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    sendError(holder, req, res, status);
  };
}

function clientErrorStatus(err: unknown): number {
  const status = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : NaN;
  if ([400, 404, 405, 413].includes(status)) return status;
  if (err instanceof URIError) return 400;
  return 500;
}
