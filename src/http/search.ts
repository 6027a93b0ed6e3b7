/**
 * GET /search?q=words: renders the search page for the words (render/searchPage.ts) and
 * sends it, compressed as negotiated. A repeated or over-long `q` is refused (400).
 *
 * A plain node:http handler that says whether it answered, so that the Express app and
 * the fast path (`fastPath.ts`) run the very same code.
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_QUERY_LENGTH } from '../content/search.js';
import { SEARCH_PATH } from '../render/searchPage.js';
import { sendHtml, sendPrepared } from './send.js';
import type { SiteHolder } from './siteHolder.js';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function searchHandler(holder: SiteHolder): NodeHandler {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== SEARCH_PATH) return false;
    const values = url.searchParams.getAll('q');
    const q = values[0] ?? '';
    if (values.length > 1 || q.length > MAX_QUERY_LENGTH) {
      sendPrepared(req, res, holder.current.rendered.errors.get(400)!, holder.caching.forStatus(400));
      return true;
    }
    sendHtml(req, res, holder.current.rendered.search(q.trim()), { cacheControl: holder.caching.queryAnswer });
    return true;
  };
}

export function serveSearch(holder: SiteHolder): RequestHandler {
  const handle = searchHandler(holder);
  return (req, res, next) => {
    if (!handle(req, res)) next();
  };
}
