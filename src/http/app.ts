/**
 * The Express app: a readable list of middleware, in order.
 */
import express from 'express';
import type { Logger } from 'pino';
import { FLOW_PATH } from '../content/flow.js';
import { NHSUK_ASSETS_DIR } from '../render/assets.js';
import { CRAWLER_FILE_PATHS, serveCrawlerFiles } from './crawlerFiles.js';
import { FIXED_ASSET_MAX_AGE_MS } from './caching.js';
import { errorPage, notFound, rejectMalformedUrls } from './errors.js';
import { serveFlow } from './flow.js';
import { closeConnectionsWhileDraining, HEALTH_PATHS, healthChecks } from './health.js';
import { refuseBodies, requestLimits } from './limits.js';
import { OPEN_REFERRAL_MOUNT, openReferral } from './openReferral.js';
import { onlyReadMethods, serveAssets, servePages } from './pages.js';
import { requestLogger } from './requestLog.js';
import { serveSearch } from './search.js';
import { securityHeaders } from './security.js';
import type { SiteHolder } from './siteHolder.js';

/** Where nhsuk-frontend's images and icons are served, straight from the installed package. */
export const ASSETS_MOUNT = '/assets';

/**
 * Paths that the app's own routes may answer (probes, nhsuk-frontend's files, the redirect
 * from a trailing slash, sitemap and robots, the Open Referral feed), as opposed to prepared bytes or a plain 404. The fast path
 * leaves these to the app; keep this next to the routes it describes.
 */
export function routedByApp(path: string): boolean {
  return (
    HEALTH_PATHS.includes(path) ||
    path === FLOW_PATH ||
    path.toLowerCase().startsWith(ASSETS_MOUNT) ||
    (path.length > 1 && path.endsWith('/')) ||
    CRAWLER_FILE_PATHS.includes(path) ||
    path.toLowerCase().startsWith(OPEN_REFERRAL_MOUNT)
  );
}

export function createApp(holder: SiteHolder, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(securityHeaders());
  app.use(closeConnectionsWhileDraining(holder));
  app.use(healthChecks(holder)); // before logging: probes every few seconds are noise
  app.use(requestLogger(logger));
  app.use(requestLimits(holder));
  app.use(OPEN_REFERRAL_MOUNT, openReferral(holder, logger)); // answers in JSON, its errors too
  app.use(onlyReadMethods(holder));
  app.use(refuseBodies(holder));
  app.use(rejectMalformedUrls(holder));
  app.use(serveAssets(holder));
  app.use(
    ASSETS_MOUNT,
    express.static(NHSUK_ASSETS_DIR, { maxAge: FIXED_ASSET_MAX_AGE_MS, index: false, redirect: false, dotfiles: 'ignore' }),
  );
  app.use(servePages(holder));
  app.use(serveCrawlerFiles(holder));
  app.use(serveSearch(holder));
  app.use(serveFlow(holder));
  app.use(notFound(holder));
  app.use(errorPage(holder, logger));
  return app;
}
