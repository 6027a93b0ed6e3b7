/**
 * Probes for the platform: `/healthz` says the process is alive; `/readyz` says it should be
 * sent traffic — true once the content is built (production only listens after that; the
 * preview also listens before, to show its problems page) and false while it drains before
 * shutting down. While draining, every response also asks the client to close its
 * connection, so keep-alive clients move to another instance. Never stored (the route
 * table gives them no cache rule).
 */
import type { RequestHandler } from 'express';
import type { RouteContext } from '../routes.js';
import type { SiteHolder } from './siteHolder.js';

export function closeConnectionsWhileDraining(holder: SiteHolder): RequestHandler {
  return (_req, res, next) => {
    if (!holder.ready) res.setHeader('Connection', 'close');
    next();
  };
}

export function alive(): RequestHandler {
  return (_req, res) => void res.type('text/plain').send('ok\n');
}

export function ready({ holder }: RouteContext): RequestHandler {
  return (_req, res) =>
    void res
      .status(holder.ready ? 200 : 503)
      .type('text/plain')
      .send(holder.ready ? 'ok\n' : 'draining\n');
}
