/**
 * Page and asset handlers: look up prepared bytes and send them.
 */
import type { RequestHandler } from 'express';
import { sendPrepared } from './send.js';
import type { SiteHolder } from './siteHolder.js';
import { sendError } from './errors.js';

export function servePages(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    const { pages } = holder.current.rendered;
    const page = pages.get(req.path);
    if (page) return sendPrepared(req, res, page, holder.caching.page);
    // `/referral/` → `/referral`: one address per page.
    if (req.path.length > 1 && req.path.endsWith('/')) {
      const trimmed = req.path.replace(/\/+$/, '') || '/';
      if (pages.has(trimmed)) return res.set('Cache-Control', holder.caching.page).redirect(301, trimmed);
    }
    next();
  };
}

export function serveAssets(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    const file = holder.current.assets.files.get(req.path);
    if (!file) return next();
    sendPrepared(req, res, file, holder.caching.fingerprinted);
  };
}

/** Only GET and HEAD exist on this site. */
export const onlyReadMethods: (holder: SiteHolder) => RequestHandler = (holder) => (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  res.setHeader('Allow', 'GET, HEAD');
  sendError(holder, req, res, 405);
};
