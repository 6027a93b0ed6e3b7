/**
 * GET /search?q=words: renders the search page for the words (searchPage.ts) and
 * sends it, compressed as negotiated. A repeated or over-long `q` is refused (400).
 */
import type { RequestHandler } from 'express';
import { MAX_QUERY_LENGTH } from './searchIndex.js';
import { sendError } from '../../http/errors.js';
import { sendHtml } from '../../http/send.js';
import type { RouteContext } from '../../routes.js';
import { searchCounter } from '../feedback/searchCounts.js';

export function serveSearch({ holder, feedback, logger }: RouteContext): RequestHandler {
  const count = feedback && searchCounter(feedback.store, logger);
  return (req, res) => {
    const values = new URL(req.originalUrl, 'http://localhost').searchParams.getAll('q');
    const q = values[0] ?? '';
    if (values.length > 1 || q.length > MAX_QUERY_LENGTH) return sendError(holder, req, res, 400);
    const { html, found } = holder.current.rendered.search(q.trim());
    sendHtml(req, res, html);
    count?.(q, found); // after the answer: the page never waits for the store
  };
}
