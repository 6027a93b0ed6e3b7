/**
 * Every Cache-Control value the site sends, by kind of answer. Nothing else names one.
 */

/** Pages: caches may keep them but must ask again each time (a 304 when unchanged). */
export const PAGE_CACHE = 'no-cache';
/** Fingerprinted stylesheets and scripts: their address changes whenever they do. */
export const FINGERPRINTED_CACHE = 'public, max-age=31536000, immutable';
/** nhsuk-frontend's images and icons at /assets: fixed addresses, so a day. */
export const NHSUK_ASSET_CACHE = 'public, max-age=86400';
/** Answers made for one request (search results). */
export const PER_REQUEST_CACHE = 'private, no-cache';
/** Error pages, probes and anything else that must not be kept. */
export const NO_STORE = 'no-store';
