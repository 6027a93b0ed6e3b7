/**
 * GET a question flow (content/flows/NAME.yml, at /NAME): each request renders the step its query string
 * leads to, sent compressed like every page. Answers not in their one address are sent on
 * to it (303); parameters no form of the flow sends get the 400 page.
 */
import type { RequestHandler } from 'express';
import { sendError } from '../../http/errors.js';
import { renderPage } from '../../http/views.js';
import type { RouteContext } from '../../routes.js';

export function serveFlow({ holder }: RouteContext): RequestHandler {
  return (req, res, next) => {
    const pages = holder.current.rendered.flows.get(req.path);
    if (!pages) return next();
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    const page = pages(search);
    if (page.kind === 'refused') return sendError(holder, req, res, 400);
    if (page.kind === 'redirect') return res.redirect(303, page.location);
    renderPage(req, res, next, page.view, page.locals);
  };
}
