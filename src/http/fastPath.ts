/**
 * The fast path: a GET or HEAD for a page or fingerprinted asset that is already prepared,
 * or for a search, is answered straight from node:http, without walking Express's
 * middleware. Everything else (redirects, 404s, other methods, any route added to the
 * app) goes to the Express app unchanged.
 *
 * It sends exactly what the Express app would: the same decision (`answerPrepared`) and the
 * same security headers, taken once from the app's own middleware (`securityHeaders`),
 * and the same search handler. A test compares the two, header by header, for every page,
 * asset and a search. What it leaves out is the access-log line per request: these answers
 * cannot fail (a search that throws falls back to Express, which logs it), and a proxy in
 * front logs traffic more cheaply than a JSON line per page view here.
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import type { Prepared } from '../render/prepared.js';
import { SEARCH_PATH } from '../render/searchPage.js';
import { searchHandler } from './search.js';
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
  const search = searchHandler(holder);
  return (req: IncomingMessage, res: ServerResponse) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return app(req, res);
    const found = lookup(req.url);
    if (found) {
      const answer = answerPrepared(req, found[0], found[1]);
      res.writeHead(answer.status, { ...securityHeaders, ...answer.headers });
      res.end(answer.body);
      return;
    }
    if (!req.url.startsWith(SEARCH_PATH)) return app(req, res);
    try {
      for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value!);
      if (!search(req, res)) app(req, res);
    } catch {
      // Nothing has been sent (the page is made before it is sent): let Express answer,
      // so that the failure is logged and the error page shown.
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      app(req, res);
    }
  };
}
