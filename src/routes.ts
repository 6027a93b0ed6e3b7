/**
 * The route table: every address the site answers, in the order Express tries them, with
 * its handler, what it tells caches and how the static mirror (`npm run export`) treats it.
 * app.ts mounts it; the mirror and robots.txt read it; nothing else keeps a list of paths.
 *
 * - `cache`: a rule of src/http/caching.ts, set before the handler runs. A route without
 *   one answers `no-store`, and so does anything no route answers (except the 404 page).
 * - `mirror`: `served` (fetched from the app and written as files), `notice` (a page saying
 *   it needs the live site stands in: it answers from the query string) or `left out`.
 * - `addresses`: the addresses of a route whose path comes from the content (pages, flows,
 *   assets), for the mirror; a route without it is at its own `path`.
 * - `security`: helmet options this route changes (see src/http/security.ts), such as a
 *   form's `form-action` or the feed's cross-origin policy.
 * - `method: 'ANY'` mounts a feature's own router under the path: it answers (or refuses)
 *   every method itself.
 */
import type { RequestHandler } from 'express';
import type { HelmetOptions } from 'helmet';
import type { Logger } from 'pino';
import type { Build } from './build.js';
import { serveFlow } from './features/flow/serve.js';
import { OPEN_REFERRAL_MOUNT, openReferral } from './features/openreferral/serve.js';
import { servePages, servePrepared } from './features/pages/serve.js';
import { ROBOTS_PATH, SITEMAP_PATH } from './features/pages/sitemap.js';
import { SEARCH_PATH } from './features/search/searchPage.js';
import { STAFF_MOUNT, staffRoute } from './features/staff/index.js';
import { serveSearch } from './features/search/serve.js';
import {
  PROBLEM_PATH,
  serveProblem,
  serveThanks,
  serveUseful,
  THANKS_PATH,
  USEFUL_PATH,
  type FeedbackOptions,
} from './features/feedback/serve.js';
import { IMAGES_PATH } from './content/images.js';
import type { ReservedPath } from './content/checks/reserved.js';
import type { CachingRules } from './http/caching.js';
import { alive, ready } from './http/health.js';
import type { SiteHolder } from './http/siteHolder.js';

/** What a handler is made from. */
export interface RouteContext {
  holder: SiteHolder;
  logger: Logger;
  /** The staff area's router, when its sign-in is configured (src/features/staff/index.ts). */
  staff?: RequestHandler;
  /** The store and limits for feedback and search counts; without it, feedback answers "not saved" and searches are not counted. */
  feedback?: FeedbackOptions;
}

export type CacheRule = keyof Omit<CachingRules, 'forStatus'>;
export type MirrorTreatment = 'served' | 'notice' | 'left out';

export interface Route {
  /** GET answers HEAD too. */
  method: 'GET' | 'POST' | 'ANY';
  path: string;
  handler: (context: RouteContext) => RequestHandler;
  cache?: CacheRule;
  mirror: MirrorTreatment;
  addresses?: (build: Build) => Iterable<string>;
  /** For `mirror: 'notice'`: what the address does, as the start of a sentence ("Search"). */
  notice?: (build: Build, path: string) => string;
  /** Kept out of search engines (robots.txt): endless addresses saying nothing a page does not. */
  disallow?: boolean;
  security?: HelmetOptions;
  /** False for the platform's probes: one every few seconds is noise in the log. */
  logged?: boolean;
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/healthz', handler: alive, mirror: 'left out', logged: false },
  { method: 'GET', path: '/readyz', handler: ready, mirror: 'left out', logged: false },
  {
    method: 'ANY',
    path: OPEN_REFERRAL_MOUNT,
    handler: openReferral,
    cache: 'page',
    mirror: 'served',
    addresses: () => [OPEN_REFERRAL_MOUNT, `${OPEN_REFERRAL_MOUNT}/services`],
  },
  // Its own router: sign-in, the dashboard and its forms; a 404 when not configured. Never cached.
  { method: 'ANY', path: STAFF_MOUNT, handler: staffRoute, mirror: 'left out' },
  // The feedback forms. The mirror cannot take a POST, so its pages give the phone number in
  // place of the form (viewModel.ts).
  { method: 'POST', path: USEFUL_PATH, handler: serveUseful, mirror: 'left out' },
  { method: 'POST', path: PROBLEM_PATH, handler: serveProblem, mirror: 'left out' },
  {
    method: 'GET',
    path: THANKS_PATH,
    handler: serveThanks,
    cache: 'queryAnswer',
    mirror: 'notice',
    notice: () => 'Giving feedback',
    disallow: true,
  },
  {
    method: 'GET',
    path: '/static/{*file}',
    handler: servePrepared((build) => build.assets.fingerprinted),
    cache: 'fingerprinted',
    mirror: 'served',
    addresses: (build) => build.assets.fingerprinted.keys(),
  },
  {
    method: 'GET',
    path: '/assets/{*file}',
    handler: servePrepared((build) => build.assets.nhsuk),
    cache: 'nhsukAsset',
    mirror: 'served',
    addresses: (build) => build.assets.nhsuk.keys(),
  },
  {
    method: 'GET',
    path: `${IMAGES_PATH}{*file}`,
    handler: servePrepared((build) => build.rendered.images),
    cache: 'fingerprinted',
    mirror: 'served',
    addresses: (build) => build.rendered.images.keys(),
  },
  { method: 'GET', path: ROBOTS_PATH, handler: servePrepared((build) => build.rendered.crawlerFiles), cache: 'page', mirror: 'served' },
  { method: 'GET', path: SITEMAP_PATH, handler: servePrepared((build) => build.rendered.crawlerFiles), cache: 'page', mirror: 'served' },
  {
    method: 'GET',
    path: SEARCH_PATH,
    handler: serveSearch,
    cache: 'queryAnswer',
    mirror: 'notice',
    notice: () => 'Search',
    disallow: true,
  },
  {
    method: 'GET',
    path: '/:flow', // each content/flows/NAME.yml at /NAME
    handler: serveFlow,
    cache: 'queryAnswer',
    mirror: 'notice',
    addresses: (build) => build.rendered.site.flows.keys(),
    notice: (build, path) => `The questions “${build.rendered.site.flows.get(path)?.title}”`,
  },
  {
    method: 'GET',
    path: '/{*page}',
    handler: servePages,
    cache: 'page',
    mirror: 'served',
    addresses: (build) => build.rendered.site.pages.keys(),
  },
];

/**
 * The addresses the site keeps for itself, which no content page may take (the content
 * checker refuses one, src/content/checks/reserved.ts): each route's own path, and all of a
 * route that answers a whole folder (`/static/{*file}`) or mounts its own router (`ANY`).
 * The routes whose addresses are the content's own (the pages, `/{*page}`, and the question
 * flows, `/:flow`) reserve nothing: the loader keeps those apart. And the mirror's
 * one file of its own at a page's address: the not-found page, `404.html` (src/export/mirror.ts).
 */
export function reservedPaths(routes: readonly Route[] = ROUTES): ReservedPath[] {
  const reserved = routes.flatMap((route): ReservedPath[] => {
    if (route.path.includes('/:')) return [];
    const folder = /^(.*)\/\{\*\w+\}$/.exec(route.path);
    if (folder) return folder[1] ? [{ path: `${folder[1]}/`, andBelow: true }] : [];
    return [{ path: route.path, andBelow: route.method === 'ANY' }];
  });
  return [...reserved, { path: '/404', andBelow: false }];
}

/** Every address of a route, for the mirror. */
export function addressesOf(route: Route, build: Build): string[] {
  return route.addresses ? [...route.addresses(build)] : [route.path];
}

/** The addresses the mirror replaces with a notice, with what each does ("Search"). */
export function mirrorNotices(build: Build, routes: readonly Route[] = ROUTES): Map<string, string> {
  return new Map(
    routes
      .filter((route) => route.mirror === 'notice')
      .flatMap((route) => addressesOf(route, build).map((path) => [path, route.notice?.(build, path) ?? path] as const)),
  );
}

/** The addresses the mirror fetches from the app and writes as files. */
export function mirroredAddresses(build: Build, routes: readonly Route[] = ROUTES): string[] {
  return routes.filter((route) => route.mirror === 'served').flatMap((route) => addressesOf(route, build));
}

/** Whether the mirror can take the site's forms: not when the table leaves a POST route out of it. */
export function formsOnTheMirror(routes: readonly Route[] = ROUTES): boolean {
  return routes.filter((route) => route.method === 'POST').every((route) => route.mirror !== 'left out');
}

/** The paths robots.txt asks crawlers to stay out of. */
export function disallowedPaths(routes: readonly Route[] = ROUTES): string[] {
  return routes.filter((route) => route.disallow).map((route) => route.path);
}
