/**
 * The Express app: every request the server accepts goes down this one list, in order, and
 * the routes in it come from the route table (src/routes.ts).
 */
import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ROUTES, type Route, type RouteContext } from '../routes.js';
import { NEVER_STORE } from './caching.js';
import { errorPage, notFound } from './errors.js';
import { closeConnectionsWhileDraining } from './health.js';
import { acceptForm, refuseUnacceptable } from './limits.js';
import { requestLogger } from './requestLog.js';
import { securityHeaders } from './security.js';
import { useViews } from './views.js';
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
  /** The route table; production's unless a test gives its own. */
  routes?: readonly Route[];
  /** The store and limits for the feedback forms and search counts (src/features/feedback). */
  feedback?: RouteContext['feedback'];
  /** The staff area (src/features/staff/), when its sign-in is configured; without it /staff/ is a 404. */
  staff?: RequestHandler;
}

export function createApp({ holder, logger, routers = [], routes = ROUTES, feedback, staff }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  useViews(app, holder);
  const context: RouteContext = { holder, logger, feedback, staff };

  app.use(securityHeaders()); // a route may change some (its `security`)
  app.use(neverStoreUnlessTold);
  app.use(closeConnectionsWhileDraining(holder));
  for (const route of routes.filter((r) => r.logged === false)) mount(app, route, context);
  for (const router of routers) app.use(router); // the preview's own; none in production
  app.use(requestLogger(logger));
  // The feed refuses as the pages do, but in JSON, and the staff area takes its own forms, so
  // both come before the pages' refusals.
  for (const route of routes.filter((r) => r.logged !== false && r.method === 'ANY')) mount(app, route, context);
  // A form's address may be POSTed to, with a body; no other may (limits.ts).
  for (const route of routes.filter((r) => r.method === 'POST')) app.all(route.path, acceptForm);
  app.use(refuseUnacceptable(holder)); // methods, sizes, Host, Expect, bodies, bad encodings
  for (const route of routes.filter((r) => r.logged !== false && r.method !== 'ANY')) mount(app, route, context);
  app.use(notFound(holder));
  app.use(errorPage(holder, logger));
  return app;
}

/** The default for anything no route gives a rule: never stored. */
const neverStoreUnlessTold: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', NEVER_STORE);
  next();
};

function mount(app: express.Express, route: Route, context: RouteContext): void {
  const cacheControl: RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', route.cache ? context.holder.caching[route.cache] : NEVER_STORE);
    next();
  };
  const handlers = [cacheControl, ...(route.security ? [securityHeaders(route.security)] : []), route.handler(context)];
  if (route.method === 'ANY') app.use(route.path, ...handlers);
  else if (route.method === 'GET') app.get(route.path, ...handlers);
  else app.post(route.path, ...handlers);
}
