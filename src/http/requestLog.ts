/**
 * One log line per request, with only what running the site needs: when, which page (the
 * path, never the query, so words typed into search are not kept), the result, how long it
 * took and the client's IP address. No headers: no browser details, referrers or cookies.
 * The privacy page says exactly this, and a test holds the two together.
 *
 * Written with pino directly when the response closes. pino-http's per-request child logger
 * and serializers halved the throughput of prepared pages (measured by bench/throughput).
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export type RequestLog = (req: IncomingMessage, res: ServerResponse) => void;

export function requestLog(logger: Logger): RequestLog {
  return (req, res) => {
    const started = performance.now();
    // Read now: Express shortens `req.url` inside a mounted router (`/assets/x` becomes `/x`).
    const path = (req.url ?? '').split('?', 1)[0];
    res.once('close', () => {
      const line = {
        req: { method: req.method, path, remoteAddress: req.socket.remoteAddress },
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
