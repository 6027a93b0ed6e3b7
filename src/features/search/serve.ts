/**
 * GET /search?q=words: the search page for the words (searchPage.ts), drawn with
 * res.render and sent as a page. A repeated or over-long `q` is refused (400).
 */
import type { RequestHandler } from 'express';
import { MAX_QUERY_LENGTH } from './searchIndex.js';
import { SEARCH_VIEW } from './searchPage.js';
import { sendError } from '../../http/errors.js';
import { renderPage } from '../../http/views.js';
import type { RouteContext } from '../../routes.js';

export function serveSearch({ holder, feedback }: RouteContext): RequestHandler {
  return (req, res, next) => {
    const values = new URL(req.originalUrl, 'http://localhost').searchParams.getAll('q');
    const q = values[0] ?? '';
    if (values.length > 1 || q.length > MAX_QUERY_LENGTH) return sendError(holder, req, res, 400);
    holder.current.rendered.search(q.trim()).then((page) => {
      renderPage(req, res, next, SEARCH_VIEW, page);
      feedback?.searches.count(q, page.search.results.length > 0); // counted in memory, stored in batches
    }, next);
  };
}
