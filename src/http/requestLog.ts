/**
 * One log line per request, with only what running the site needs: when, which page (the
 * path, never the query, so words typed into search are not kept), the result, how long it
 * took and the client's IP address. No headers: no browser details, referrers or cookies.
 * The privacy page says exactly this, and a test holds the two together.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

interface SerializedRequest {
  method: string;
  url: string;
  remoteAddress?: string;
}

export function requestLogger(logger: Logger): HttpLogger<IncomingMessage, ServerResponse> {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: SerializedRequest) => ({ method: req.method, path: req.url.split('?')[0], remoteAddress: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
