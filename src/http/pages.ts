/**
 * Everything finished at build time, looked up by path and sent: pages, our fingerprinted
 * stylesheets and scripts, and nhsuk-frontend's images and icons at /assets.
 */
import type { RequestHandler } from 'express';
import type { Build } from '../build.js';
import type { FinishedResponse } from '../render/finishedResponse.js';
import type { CachingRules } from './caching.js';
import { sendError } from './errors.js';
import { failsIfMatch, sendFinished } from './send.js';
import type { SiteHolder } from './siteHolder.js';

function lookup({ rendered, assets }: Build, caching: CachingRules, path: string): [FinishedResponse, string] | undefined {
  const page = rendered.pages.get(path);
  if (page) return [page, caching.page];
  const fingerprinted = assets.fingerprinted.get(path);
  if (fingerprinted) return [fingerprinted, caching.fingerprinted];
  const nhsuk = assets.nhsuk.get(path);
  return nhsuk && [nhsuk, caching.nhsukAsset];
}

/**
 * Range requests are not supported, so a Range header is ignored (RFC 9110 §14.2) and the
 * whole body sent; If-Unmodified-Since is ignored too, as nothing here has a modification
 * date (§13.1.4). If-Match and If-None-Match are answered from the ETag.
 */
export function serveFinished(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    const found = lookup(holder.current, holder.caching, req.path);
    if (!found) return next();
    if (failsIfMatch(req, found[0])) return sendError(holder, req, res, 412);
    sendFinished(req, res, found[0], found[1]);
  };
}

/** `/referral/` → `/referral`: one address per page. */
export function redirectTrailingSlash(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    if (req.path.length <= 1 || !req.path.endsWith('/')) return next();
    const trimmed = req.path.replace(/\/+$/, '') || '/';
    if (!holder.current.rendered.pages.has(trimmed)) return next();
    res.set('Cache-Control', holder.caching.page).redirect(301, trimmed);
  };
}
