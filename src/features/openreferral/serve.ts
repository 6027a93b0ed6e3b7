/**
 * The Open Referral UK feed (HSDS 3.0, UK profile), level 1: the three endpoints the ORUK
 * validator requires, under /openreferral/.
 *
 *     GET /openreferral/                the API's version, profile and OpenAPI file
 *     GET /openreferral/services        a page of services: search, page, per_page, minimum_age,
 *                                       maximum_age, taxonomy_term_id, taxonomy_id, day,
 *                                       start_time, end_time (all must match)
 *     GET /openreferral/services/{id}   one service with all its related records
 *
 * The records are built with the build (render/openReferral.ts); a request only filters and
 * pages them. Every answer, errors included, is JSON that any web page may read
 * (`Access-Control-Allow-Origin: *`, as the profile requires).
 */
import { STATUS_CODES } from 'node:http';
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { BYDAY, type FeedService, type OpenReferralFeed } from './feed.js';
import { NEVER_STORE } from '../../http/caching.js';
import { sendJson } from '../../http/send.js';
import { ALLOWED_METHODS, refusalStatus } from '../../http/limits.js';
import type { RouteContext } from '../../routes.js';

export const OPEN_REFERRAL_MOUNT = '/openreferral';

/** What `/` answers: the UK profile's version name, the profile, and its OpenAPI file. */
export const API_INFO = {
  version: 'HSDS-UK-3.0',
  profile: 'https://github.com/OpenReferralUK/uk-profile',
  openapi_url: 'https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema/openapi.json',
} as const;

export const PER_PAGE = { default: 50, max: 100 } as const;
const MAX_SEARCH_LENGTH = 200;

/** The profile's `age` parameters are numbers of years. */
const AGE = /^\d{1,3}(\.\d+)?$/;
const WHOLE_NUMBER = /^[1-9]\d{0,5}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
/** `day` as the schedules write it (`MO`) or in full (`Monday`), in any case. */
const DAY_CODES = new Map(
  Object.entries(BYDAY).flatMap(([day, code]) => [[day.toLowerCase(), code] as const, [code.toLowerCase(), code] as const]),
);

class BadRequest extends Error {}

export function openReferral({ holder, logger }: RouteContext): Router {
  const router = Router();
  router.use(feedGate());
  router.get('/', (req, res) => sendJson(req, res, API_INFO));
  // A list that answers a query string is kept as briefly as search results; without one it
  // is as fixed as a page (the route's rule), and the static mirror has it as a file.
  router.get('/services', (req, res) => {
    const list = listServices(holder.current.rendered.openReferral, req.query);
    if (req.originalUrl.includes('?')) res.setHeader('Cache-Control', holder.caching.queryAnswer);
    sendJson(req, res, list);
  });
  router.get('/services/:id', (req, res) => {
    const service = holder.current.rendered.openReferral.services.find((s) => s.full.id === req.params.id);
    if (!service) return sendJsonError(req, res, 404, `There is no service with the id ${req.params.id}.`);
    sendJson(req, res, service.full);
  });
  router.use((req, res) => sendJsonError(req, res, 404, `${req.originalUrl.split('?')[0]} is not part of this Open Referral UK feed.`));
  router.use(jsonErrors(logger));
  return router;
}

/** What the feed says, in JSON, for each refusal the pages would make (limits.ts decides them). */
const REFUSALS: Record<number, string> = {
  400: 'The request could not be read: check its address and its Host header.',
  405: 'This feed can only be read, with GET or HEAD.',
  413: 'Requests to this feed must not have a body.',
  414: 'The address is too long.',
  417: 'The Expect header asks for something this feed cannot do.',
};

/** Headers for every answer, CORS preflight, and the refusals the pages make, in JSON. */
function feedGate(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS.join(', '));
      res.status(204).end();
      return;
    }
    const status = refusalStatus(req, req.path);
    if (status === undefined) return next();
    if (status === 405) res.setHeader('Allow', ALLOWED_METHODS.join(', '));
    sendJsonError(req, res, status, REFUSALS[status] ?? 'This request cannot be answered.');
  };
}

export function listServices(feed: OpenReferralFeed, query: Record<string, unknown>) {
  const page = wholeNumber(query, 'page', 1);
  const perPage = wholeNumber(query, 'per_page', PER_PAGE.default);
  if (perPage > PER_PAGE.max) throw new BadRequest(`per_page must be ${PER_PAGE.max} or less.`);
  const filters = [
    searchFilter(query),
    minimumAgeFilter(query),
    maximumAgeFilter(query),
    taxonomyTermFilter(query),
    taxonomyFilter(query),
    dayFilter(query),
    startTimeFilter(query),
    endTimeFilter(query),
  ];
  const matching = feed.services.filter((service) => filters.every((matches) => matches(service)));
  const totalPages = Math.ceil(matching.length / perPage);
  const contents = matching.slice((page - 1) * perPage, page * perPage).map((service) => service.summary);
  return {
    total_items: matching.length,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

type Filter = (service: FeedService) => boolean;
const everything: Filter = () => true;

/** Every word of `search` is in the service's name, description, provider, area, places or levels of support. */
function searchFilter(query: Record<string, unknown>): Filter {
  const search = single(query, 'search');
  if (search === undefined) return everything;
  if (search.length > MAX_SEARCH_LENGTH) throw new BadRequest(`search must be ${MAX_SEARCH_LENGTH} characters or fewer.`);
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return (service) => words.every((word) => service.searchText.includes(word));
}

/** The profile: "services with a minimum age of at least the specified value". */
function minimumAgeFilter(query: Record<string, unknown>): Filter {
  const age = ageParam(query, 'minimum_age');
  return age === undefined ? everything : (service) => service.minimumAge >= age;
}

/** The profile: "services with a maximum age of at equal to or below the specified value". */
function maximumAgeFilter(query: Record<string, unknown>): Filter {
  const age = ageParam(query, 'maximum_age');
  return age === undefined ? everything : (service) => service.maximumAge <= age;
}

function taxonomyTermFilter(query: Record<string, unknown>): Filter {
  const id = single(query, 'taxonomy_term_id');
  return id === undefined ? everything : (service) => service.taxonomyTermIds.has(id);
}

/** The service's terms (its levels of support) belong to no published taxonomy, so none matches. */
function taxonomyFilter(query: Record<string, unknown>): Filter {
  return single(query, 'taxonomy_id') === undefined ? everything : () => false;
}

function dayFilter(query: Record<string, unknown>): Filter {
  const value = single(query, 'day');
  if (value === undefined) return everything;
  const code = DAY_CODES.get(value.toLowerCase());
  if (!code) throw new BadRequest('day must be a day of the week, like day=MO or day=Monday.');
  return (service) => service.days.has(code);
}

/** The profile: "services with a start time of at least the specified value". */
function startTimeFilter(query: Record<string, unknown>): Filter {
  const time = timeParam(query, 'start_time');
  return time === undefined ? everything : (service) => service.opensAt >= time;
}

/** The profile: "services with a end time of at equal to or below the specified value". */
function endTimeFilter(query: Record<string, unknown>): Filter {
  const time = timeParam(query, 'end_time');
  return time === undefined ? everything : (service) => service.closesAt <= time;
}

function timeParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!TIME.test(value)) throw new BadRequest(`${name} must be a time written HH:MM, like ${name}=09:00.`);
  return value.slice(0, 5);
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequest(`Give ${name} once.`);
  return value;
}

function wholeNumber(query: Record<string, unknown>, name: string, fallback: number): number {
  const value = single(query, name);
  if (value === undefined) return fallback;
  if (!WHOLE_NUMBER.test(value)) throw new BadRequest(`${name} must be a whole number, 1 or more, like ${name}=2.`);
  return Number(value);
}

function ageParam(query: Record<string, unknown>, name: string): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!AGE.test(value)) throw new BadRequest(`${name} must be an age in years, 0 or more, like ${name}=5.`);
  return Number(value);
}

/** Errors are about one request: never stored by a cache. */
export function sendJsonError(req: Request, res: Response, status: number, message: string): void {
  res.setHeader('Cache-Control', NEVER_STORE);
  sendJson(req, res, { status, error: STATUS_CODES[status], message }, status);
}

/** A bad parameter is a 400; an address that cannot be decoded too; anything else is logged as a 500. */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) return void res.end();
    if (err instanceof BadRequest) return sendJsonError(req, res, 400, err.message);
    const status = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : NaN;
    if (status >= 400 && status < 500) return sendJsonError(req, res, status, 'This request cannot be answered as it is.');
    logger.error({ err, path: req.path }, 'open referral request failed');
    sendJsonError(req, res, 500, 'Sorry, there is a problem with the feed. Try again later.');
  };
}
