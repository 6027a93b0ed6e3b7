/**
 * The staff area for the server's start-up: the router to mount at /staff when the sign-in
 * is configured (config.staff), else nothing, and /staff/ stays a 404.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { SiteHolder } from '../../http/siteHolder.js';
import type { FeedbackStore } from '../../store/types.js';
import { staffArea } from './router.js';
import type { StaffSettings } from './settings.js';

/** Where the staff area is mounted; its pages are under /staff/, where its cookie is. */
export const STAFF_MOUNT = '/staff';

/** The route table's handler: the configured staff area, or on to the site's 404 page. */
export const staffRoute = ({ staff }: { staff?: RequestHandler }): RequestHandler => staff ?? ((_req, _res, next) => next());

export function staffAreaFor(
  config: { staff?: StaffSettings; siteUrl: string },
  parts: { holder: SiteHolder; store: FeedbackStore; logger: Logger; now?: () => number },
): RequestHandler | undefined {
  if (!config.staff) return undefined;
  return staffArea({ settings: config.staff, siteUrl: config.siteUrl, ...parts });
}
