/**
 * The fast path: a GET or HEAD for a page or fingerprinted asset that is already prepared
 * is answered straight from node:http, without walking Express's middleware. Everything
 * else (search, redirects, 404s, other methods, any route added to the app) goes to the
 * Express app unchanged.
 *
 * It sends exactly what the Express app would: the same decision (`answerPrepared`) and the
 * same security headers, taken once from the app's own middleware (`securityHeaders`).
 * A test compares the two, header by header, for every page and asset. What it leaves
 * out is the per-request access log line: prepared pages cannot fail, and a proxy in front
 * logs traffic far more cheaply than a JSON line per page view here (it halved throughput).
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import type { Prepared } from '../render/prepared.js';
import { answerPrepared, IMMUTABLE_CACHE, PAGE_CACHE } from './send.js';
import type { SiteHolder } from './siteHolder.js';

/** The headers a list of middleware sets on every response, captured once. */
export function constantHeaders(middleware: RequestHandler[]): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  const res = {
    setHeader: (name: string, value: string | number | string[]) => void (headers[name] = value),
    removeHeader: (name: string) => void delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  for (const handler of middleware) {
    let called = false;
    handler({ headers: {}, method: 'GET', url: '/' } as never, res as never, () => (called = true));
    if (!called) throw new Error('A security-header middleware did not call next() synchronously; the fast path cannot copy its headers.');
  }
  return headers;
}

export function withFastPath(holder: SiteHolder, app: RequestListener, securityHeaders: OutgoingHttpHeaders): RequestListener {
  const lookup = (url: string): [Prepared, string] | undefined => {
    const { rendered, assets } = holder.current;
    const page = rendered.pages.get(url);
    if (page) return [page, PAGE_CACHE];
    const asset = assets.files.get(url);
    return asset ? [asset, IMMUTABLE_CACHE] : undefined;
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    const found = (req.method === 'GET' || req.method === 'HEAD') && req.url ? lookup(req.url) : undefined;
    if (!found) return app(req, res);
    const answer = answerPrepared(req, found[0], found[1]);
    res.writeHead(answer.status, { ...securityHeaders, ...answer.headers });
    res.end(answer.body);
  };
}
