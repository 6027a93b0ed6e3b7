/**
 * GET /search?q=words: looks the words up in the index built at load time and sends the
 * results page, laid out from pieces rendered with the build. A repeated or over-long `q`
 * is refused (400).
 *
 * A plain node:http handler that says whether it answered, so that the Express app and
 * the fast path (`fastPath.ts`) run the very same code.
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_QUERY_LENGTH } from '../content/search.js';
import { HTML } from '../render/renderSite.js';
import { SEARCH_PATH } from '../render/searchPage.js';
import { sendPieces, sendPrepared } from './send.js';
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
    sendPieces(req, res, holder.current.rendered.search(q.trim()), HTML, holder.caching.queryAnswer);
    return true;
  };
}

export function serveSearch(holder: SiteHolder): RequestHandler {
  const handle = searchHandler(holder);
  return (req, res, next) => {
    if (!handle(req, res)) next();
  };
}
