/**
 * One log line per request, with only what running the site needs: when, which page (the
 * path, never the query, so words typed into search are not kept), the result, how long it
 * took and the client's IP address. No headers: no browser details, referrers or cookies.
 * The privacy page says exactly this, and a test holds the two together.
 * Written with pino directly when the response closes (pino-http's per-request child
 * logger costs more than sending a page).
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export type RequestLog = (req: IncomingMessage, res: ServerResponse) => void;

/** The path alone, for an origin-form (`/a?b`) or absolute-form (`http://host/a?b`) target. */
function pathOf(url = ''): string {
  if (url.startsWith('/')) return url.split('?', 1)[0]!;
  return URL.canParse(url) ? new URL(url).pathname : url.split('?', 1)[0]!;
}

export function requestLog(logger: Logger): RequestLog {
  return (req, res) => {
    const started = performance.now();
    // Read now: Express shortens `req.url` inside a mounted router (`/assets/x` becomes `/x`).
    // Read now: the socket forgets its address once closed.
    const { remoteAddress } = req.socket;
    const path = pathOf(req.url);
    res.once('close', () => {
      const line = {
        req: { method: req.method, path, remoteAddress },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      if (!res.writableFinished) logger.warn(line, 'request aborted');
      else if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    });
  };
}

export function requestLogger(logger: Logger): RequestHandler {
  const log = requestLog(logger);
  return (req, res, next) => {
    log(req, res);
    next();
  };
}
