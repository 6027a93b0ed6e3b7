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

/**
 * Also says whether the store answers, on a second line, as last known (the probe never waits
 * for a database, and asks it again in the background); an unavailable store does not take
 * the site out of service (pages never need it; the forms say feedback was not saved).
 */
export function ready({ holder, feedback }: RouteContext): RequestHandler {
  return (_req, res) => {
    const health = feedback?.store.status();
    void feedback?.store.health();
    const store = health
      ? `store: ${health.kind}, ${health.available ? 'available' : `unavailable (${health.problem ?? 'unknown'})`}\n`
      : '';
    res
      .status(holder.ready ? 200 : 503)
      .type('text/plain')
      .send((holder.ready ? 'ok\n' : 'draining\n') + store);
  };
}
