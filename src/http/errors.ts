/**
 * Error answers: the error pages finished at build time, never a stack trace.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { FinishedResponse } from '../render/finishedResponse.js';
import { NEVER_STORE } from './caching.js';
import { sendPage } from './send.js';
import type { SiteHolder } from './siteHolder.js';

export function sendError(holder: SiteHolder, req: IncomingMessage, res: ServerResponse, status: number): void {
  // The preview before its first good build has no error pages yet: the status in words.
  if (!holder.hasBuild) return sendPlainText(res, status, `${status} ${STATUS_CODES[status] ?? 'Error'}\n`);
  res.setHeader('Cache-Control', holder.caching.forStatus(status));
  sendPage(req, res, errorPageFor(holder, status));
}

/** Plain words, never stored: for when there is no error page to send. */
function sendPlainText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': NEVER_STORE });
  res.end(text);
}

/** The error page for a status: its own when it has one, else the 500 page with that status. */
function errorPageFor(holder: SiteHolder, status: number): FinishedResponse {
  const { errors } = holder.current.rendered;
  const page = errors.get(status);
  return page ?? { ...errors.get(500)!, status };
}

/** The last resort if even the error page cannot be sent: plain words, no details. */
const LAST_RESORT = 'Sorry, there is a problem with the service. Try again later.';

export function notFound(holder: SiteHolder): RequestHandler {
  return (req, res) => sendError(holder, req, res, 404);
}

/** Errors thrown or passed on by a handler: a client's mistake keeps its 4xx status; the rest are 500s, logged. */
export function errorPage(holder: SiteHolder, logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const status = clientErrorStatus(err) ?? 500;
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
      sendPlainText(res, 500, LAST_RESORT);
    }
  };
}

function clientErrorStatus(err: unknown): number | undefined {
  if (err instanceof URIError) return 400;
  const status = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : NaN;
  return status >= 400 && status < 500 ? status : undefined;
}
