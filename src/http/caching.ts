/**
 * Every caching decision of the site, in one place: what each kind of response says in
 * Cache-Control, and which responses vary by Accept-Encoding. The README's "Running in
 * production" explains the lifetimes.
 *
 * - Pages and the 404 page: browsers revalidate every time (max-age=0, with the page's ETag
 *   for a cheap 304); shared caches (a CDN, Varnish) keep them for `sharedMaxAge` seconds,
 *   may serve them up to as long again (a minute at most) past that while fetching the new
 *   copy, and for a day when the origin fails. A content fix reaches everyone within
 *   sharedMaxAge + 60 s (6 minutes by default).
 * - Answers that depend on the query string (search, the question flow: the route table's `queryAnswer`): the same, cached
 *   per full address, for a fifth of that time at most (their addresses are unbounded).
 * - Fingerprinted assets: a year, immutable (a change is a new address).
 * - nhsuk-frontend's own images and icons: a day (their addresses are fixed by its CSS).
 * - Probes and every error other than 404: never stored anywhere.
 */
/** How long shared caches keep a page, in seconds, unless configured (`CACHE_MAX_AGE`). */
export const DEFAULT_SHARED_MAX_AGE = 300;
/** The longest `CACHE_MAX_AGE` accepted: beyond an hour a content fix is no longer "within minutes". */
export const MAX_SHARED_MAX_AGE = 3600;
/** How long past its lifetime a shared cache may serve a page while it fetches the new one, at most (and no longer than the lifetime). */
export const STALE_WHILE_REVALIDATE = 60;
/** How long past its lifetime a shared cache may serve a page while the origin is down or failing. */
export const STALE_IF_ERROR = 86_400;
/** The longest time a shared cache keeps an answer to a query (search), in seconds. */
export const QUERY_MAX_AGE = 60;

/** Probes and errors other than 404. */
export const NEVER_STORE = 'no-store';
/** Fingerprinted assets: a change is a new address. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** nhsuk-frontend's images and icons under /assets: their addresses are fixed by its CSS, so a day. */
const FIXED_ADDRESS = 'public, max-age=86400';

/** Responses whose body is compressed to suit the request carry this, so caches keep one copy per encoding. */
export const VARY_ENCODING = 'Accept-Encoding';

export interface CachingRules {
  /** Pages, and the 404 page. */
  readonly page: string;
  /** Answers made from the query string (search results), per full address. */
  readonly queryAnswer: string;
  readonly fingerprinted: string;
  /** nhsuk-frontend's images and icons under /assets, whose addresses cannot be fingerprinted. */
  readonly nhsukAsset: string;
  /** The rule for prepared HTML sent with this status: pages and 404s are cached, other errors never. */
  forStatus(status: number): string;
}

const shared = (maxAge: number) =>
  `public, max-age=0, s-maxage=${maxAge}, stale-while-revalidate=${Math.min(STALE_WHILE_REVALIDATE, maxAge)}, stale-if-error=${STALE_IF_ERROR}`;

export function cachingRules(sharedMaxAge = DEFAULT_SHARED_MAX_AGE): CachingRules {
  if (!Number.isInteger(sharedMaxAge) || sharedMaxAge < 0 || sharedMaxAge > MAX_SHARED_MAX_AGE) {
    throw new RangeError(`The shared cache lifetime must be a whole number of seconds from 0 to ${MAX_SHARED_MAX_AGE}`);
  }
  const page = shared(sharedMaxAge);
  return Object.freeze({
    page,
    queryAnswer: shared(Math.min(QUERY_MAX_AGE, Math.ceil(sharedMaxAge / 5))),
    fingerprinted: IMMUTABLE,
    nhsukAsset: FIXED_ADDRESS,
    forStatus: (status: number) => (status === 200 || status === 404 ? page : NEVER_STORE),
  });
}

/** The rules with the default lifetime, for builds that do not configure one (tests, the preview). */
export const DEFAULT_CACHING = cachingRules();
