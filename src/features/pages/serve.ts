/**
 * Responses finished at build time, looked up by path and sent: the content pages (with
 * `/referral/` sent on to `/referral`), and, through `servePrepared`, our fingerprinted
 * stylesheets and scripts, nhsuk-frontend's images and icons, /robots.txt and /sitemap.xml.
 * Their Cache-Control comes from the route table.
 */
import type { RequestHandler } from 'express';
import type { Build } from '../../build.js';
import type { FinishedResponse } from '../../render/finishedResponse.js';
import type { RouteContext } from '../../routes.js';
import { sendError } from '../../http/errors.js';
import { failsIfMatch, sendPage } from '../../http/send.js';
import { renderPage } from '../../http/views.js';

/**
 * A handler that sends the response `pick` finds at the request's path, or passes it on.
 * Range requests are not supported, so a Range header is ignored (RFC 9110 §14.2) and the
 * whole body sent; If-Unmodified-Since is ignored too, as nothing here has a modification
 * date (§13.1.4). If-Match and If-None-Match are answered from the ETag.
 */
export function servePrepared(pick: (build: Build) => ReadonlyMap<string, FinishedResponse>) {
  return ({ holder }: RouteContext): RequestHandler =>
    (req, res, next) => {
      const found = pick(holder.current).get(req.path);
      if (!found) return next();
      if (failsIfMatch(req, found)) return sendError(holder, req, res, 412);
      sendPage(req, res, found);
    };
}

/**
 * The content pages; `/referral/` → `/referral`: one address per page. A page not finished
 * yet (the server's first seconds: src/serve.ts) is drawn for its request.
 */
export function servePages(context: RouteContext): RequestHandler {
  const { holder } = context;
  const finished = servePrepared((build) => build.rendered.pages)(context);
  return (req, res, next) =>
    finished(req, res, () => {
      const { rendered } = holder.current;
      const view = rendered.pageView(req.path);
      if (view) return renderPage(req, res, next, view.template, view.model);
      if (req.path.length <= 1 || !req.path.endsWith('/')) return next();
      const trimmed = req.path.replace(/\/+$/, '') || '/';
      if (!rendered.site.pages.has(trimmed)) return next();
      res.redirect(301, trimmed);
    });
}
