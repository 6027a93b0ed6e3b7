/**
 * GET /search?q=words: looks the words up in the index built at load time and sends the
 * results page, rendered for this request. A repeated or over-long `q` is refused (400).
 */
import type { RequestHandler } from 'express';
import { MAX_QUERY_LENGTH } from '../content/search.js';
import { HTML } from '../render/renderSite.js';
import { SEARCH_PATH } from '../render/searchPage.js';
import { sendError } from './errors.js';
import { sendDynamic } from './send.js';
import type { SiteHolder } from './siteHolder.js';

export function serveSearch(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    if (req.path !== SEARCH_PATH) return next();
    const q = req.query.q ?? '';
    if (typeof q !== 'string' || q.length > MAX_QUERY_LENGTH) return sendError(holder, req, res, 400);
    sendDynamic(req, res, holder.current.rendered.search(q.trim()), HTML);
  };
}
