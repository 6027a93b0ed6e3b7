/**
 * Limits on what a request may carry. This site only shows pages, so it never reads a
 * request body: a request that has one gets its answer and the connection is closed,
 * so the body is never read or buffered.
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { sendError } from './errors.js';
import type { SiteHolder } from './siteHolder.js';

/** Longer web addresses than any page of ours, with room for a search query. */
export const MAX_URL_LENGTH = 2048;

export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * First in line: close after answering a request that has a body; refuse overlong addresses
 * and HTTP/1.1 requests without a Host (Node would answer those with a bare 400 of its own).
 */
export function requestLimits(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    if (hasBody(req)) res.setHeader('Connection', 'close');
    if (req.originalUrl.length > MAX_URL_LENGTH) return sendError(holder, req, res, 414);
    if (req.httpVersion === '1.1' && !req.headers.host) return sendError(holder, req, res, 400);
    next();
  };
}

/** A GET or HEAD with a body: 413, unread (the methods that may carry one already had a 405). */
export function refuseBodies(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    if (hasBody(req)) return sendError(holder, req, res, 413);
    next();
  };
}
