/**
 * The Express app: every request the server accepts goes down this one list, in order.
 */
import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { serveCrawlerFiles } from './crawlerFiles.js';
import { errorPage, notFound } from './errors.js';
import { serveFlow } from './flow.js';
import { closeConnectionsWhileDraining, healthChecks } from './health.js';
import { refuseUnacceptable } from './limits.js';
import { OPEN_REFERRAL_MOUNT, openReferral } from './openReferral.js';
import { redirectTrailingSlash, serveFinished } from './pages.js';
import { requestLogger } from './requestLog.js';
import { serveSearch } from './search.js';
import type { SiteHolder } from './siteHolder.js';

export interface AppOptions {
  holder: SiteHolder;
  logger: Logger;
  /**
   * Tried first, after the health probes: the preview's live-reload stream and, until its
   * first good build, its problems page (which leaves the requests limits.ts refuses to the
   * refusals). Production passes none. Like the probes they are not logged: an event stream
   * ends "aborted" at every reload, and the editor reads the problems in the terminal already.
   */
  routers?: readonly RequestHandler[];
  /** The staff area (src/features/staff/), when its sign-in is configured; without it /staff/ is a 404. */
  staff?: RequestHandler;
}

export function createApp({ holder, logger, routers = [], staff }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  // The security headers are already on every response (createServer.ts).
  app.use(closeConnectionsWhileDraining(holder));
  app.use(healthChecks(holder)); // before logging: probes every few seconds are noise
  for (const router of routers) app.use(router); // the preview's own; none in production
  app.use(requestLogger(logger));
  app.use(OPEN_REFERRAL_MOUNT, openReferral(holder, logger)); // refuses as the pages do, but in JSON
  if (staff) app.use('/staff', staff); // its own forms (POST), cookie, refusals and no-store pages
  app.use(refuseUnacceptable(holder)); // methods, sizes, Host, Expect, bodies, bad encodings
  app.use(serveFinished(holder)); // pages, stylesheets, scripts, /assets
  app.use(serveCrawlerFiles(holder));
  app.use(serveSearch(holder));
  app.use(serveFlow(holder));
  app.use(redirectTrailingSlash(holder));
  app.use(notFound(holder));
  app.use(errorPage(holder, logger));
  return app;
}
