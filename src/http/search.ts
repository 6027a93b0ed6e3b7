/**
 * GET /search?q=words: renders the search page for the words (render/searchPage.ts) and
 * sends it, compressed as negotiated. A repeated or over-long `q` is refused (400).
 */
import type { RequestHandler } from 'express';
import { MAX_QUERY_LENGTH } from '../content/search.js';
import { SEARCH_PATH } from '../render/searchPage.js';
import { sendError } from './errors.js';
import { sendHtml } from './send.js';
import type { SiteHolder } from './siteHolder.js';

export function serveSearch(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    if (req.path !== SEARCH_PATH) return next();
    const values = new URL(req.originalUrl, 'http://localhost').searchParams.getAll('q');
    const q = values[0] ?? '';
    if (values.length > 1 || q.length > MAX_QUERY_LENGTH) return sendError(holder, req, res, 400);
    sendHtml(req, res, holder.current.rendered.search(q.trim()), { cacheControl: holder.caching.queryAnswer });
  };
}
