/**
 * The Express app: a readable list of middleware, in order.
 */
import express from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { NHSUK_ASSETS_DIR } from '../render/assets.js';
import { errorPage, notFound, rejectMalformedUrls } from './errors.js';
import { onlyReadMethods, serveAssets, servePages } from './pages.js';
import { serveSearch } from './search.js';
import { securityHeaders } from './security.js';
import type { SiteHolder } from './siteHolder.js';

export function createApp(holder: SiteHolder, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(securityHeaders());
  app.use(pinoHttp({ logger, quietReqLogger: true, customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info') }));
  app.use(onlyReadMethods(holder));
  app.use(rejectMalformedUrls(holder));
  app.use(serveAssets(holder));
  app.use('/assets', express.static(NHSUK_ASSETS_DIR, { maxAge: '1d', index: false, redirect: false, dotfiles: 'ignore' }));
  app.use(servePages(holder));
  app.use(serveSearch(holder));
  app.use(notFound(holder));
  app.use(errorPage(holder));
  return app;
}
