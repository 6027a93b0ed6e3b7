/**
 * Probes for the platform: `/healthz` says the process is alive; `/readyz` says it should be
 * sent traffic — true once the content is built (production only listens after that; the
 * preview also listens before, to show its problems page) and false while it drains before
 * shutting down. While draining, every response also asks the client to close its
 * connection, so keep-alive clients move to another instance.
 */
import type { RequestHandler } from 'express';
import { NEVER_STORE } from './caching.js';
import type { SiteHolder } from './siteHolder.js';

const HEALTH_PATHS = ['/healthz', '/readyz'];

export function closeConnectionsWhileDraining(holder: SiteHolder): RequestHandler {
  return (_req, res, next) => {
    if (!holder.ready) res.setHeader('Connection', 'close');
    next();
  };
}

export function healthChecks(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !HEALTH_PATHS.includes(req.path)) return next();
    const ok = req.path === '/healthz' || holder.ready;
    res.status(ok ? 200 : 503);
    res.setHeader('Cache-Control', NEVER_STORE);
    res.type('text/plain');
    res.send(ok ? 'ok\n' : 'draining\n');
  };
}
