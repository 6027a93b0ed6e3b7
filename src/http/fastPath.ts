/**
 * The fast path: an ordinary GET or HEAD for a page or fingerprinted asset that is already
 * prepared, or for a search, is answered straight from node:http, without walking Express's
 * middleware. Everything else goes to the Express app unchanged: other methods, requests
 * with a body, overlong addresses, HTTP/1.1 without a Host, anything while the server drains,
 * addresses the app has routes for (`routedByApp`: probes, nhsuk-frontend's files, trailing
 * slashes) and addresses it must refuse (undecodable). Any other address is a 404, sent here.
 *
 * It sends exactly what the Express app would: the same decision (`answerPrepared`), the
 * same security headers (`securityHeaderValues`), the same search handler and the same
 * request log line. A test compares the two paths, header by header, for every page, asset
 * and a search.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Prepared } from '../render/prepared.js';
import { SEARCH_PATH } from '../render/searchPage.js';
import { routedByApp } from './app.js';
import { hasBody, MAX_URL_LENGTH } from './limits.js';
import { requestLog } from './requestLog.js';
import { searchHandler } from './search.js';
import { securityHeaderValues } from './security.js';
import { answerPrepared, sendPrepared, type Answer } from './send.js';
import type { SiteHolder } from './siteHolder.js';

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export function withFastPath(holder: SiteHolder, app: RequestListener, logger: Logger): RequestListener {
  const securityHeaders = Object.fromEntries(securityHeaderValues());
  const lowerCaseSecurityHeaders = Object.fromEntries(securityHeaderValues().map(([name, value]) => [name.toLowerCase(), value]));
  const log = requestLog(logger);
  const search = searchHandler(holder);

  /**
   * Each prepared answer's headers with the security headers, as the flat name/value list
   * that `writeHead` takes as it is. Built once per answer (they are shared, see
   * `answerPrepared`): spreading two header objects on every request cost a tenth of a page's
   * time (measured with --cpu-prof under bench/throughput's load).
   */
  const wireHeaders = new WeakMap<object, (string | number)[]>();
  const send = (res: ServerResponse, answer: Answer) => {
    let headers = wireHeaders.get(answer.headers);
    if (!headers) {
      headers = Object.entries({ ...securityHeaders, ...answer.headers }).flat() as (string | number)[];
      wireHeaders.set(answer.headers, headers);
    }
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };

  const lookup = (url: string): [Prepared, string] | undefined => {
    const { rendered, assets } = holder.current;
    const page = rendered.pages.get(url);
    if (page) return [page, holder.caching.page];
    const asset = assets.files.get(url);
    return asset ? [asset, holder.caching.fingerprinted] : undefined;
  };

  /** Requests that Express's own middleware has something to say about. */
  const needsExpress = (req: IncomingMessage): boolean =>
    (req.method !== 'GET' && req.method !== 'HEAD') ||
    !req.url ||
    req.url.length > MAX_URL_LENGTH ||
    !holder.ready ||
    hasBody(req) ||
    (req.httpVersion === '1.1' && !req.headers.host);

  return (req: IncomingMessage, res: ServerResponse) => {
    if (needsExpress(req)) return app(req, res);
    const found = lookup(req.url!);
    if (found) {
      log(req, res);
      send(res, answerPrepared(req, found[0], found[1]));
      return;
    }
    const path = req.url!.split('?', 1)[0]!;
    if (path !== SEARCH_PATH) {
      // Not a page, asset or search, and no route of the app's: the prepared 404 page, as the
      // app would send it. Scanners ask for thousands of these; they cost no more than a page.
      if (routedByApp(path) || !decodable(path) || holder.current.rendered.pages.has(path)) return app(req, res);
      log(req, res);
      send(res, answerPrepared(req, holder.current.rendered.errors.get(404)!, holder.caching.forStatus(404)));
      return;
    }
    log(req, res);
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    try {
      search(req, res);
    } catch (err) {
      // Nothing has been sent yet (the page is made before it is sent): the error page instead.
      logger.error({ err }, 'search failed');
      for (const name of res.getHeaderNames()) if (!(name in lowerCaseSecurityHeaders)) res.removeHeader(name);
      sendPrepared(req, res, holder.current.rendered.errors.get(500)!, holder.caching.forStatus(500));
    }
  };
}
