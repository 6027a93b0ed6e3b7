/**
 * The staff area for the server's start-up: the router to mount at /staff when the sign-in
 * is configured (config.staff), else nothing, and /staff/ stays a 404. The area's own
 * modules (sign-in, the charts' Vega) are loaded only when it is configured: they take
 * about 120 ms to load, which a site without a staff area would pay at every start.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { SiteHolder } from '../../http/siteHolder.js';
import type { FeedbackStore } from '../../store/types.js';
import type { StaffSettings } from './settings.js';

/** Where the staff area is mounted; its pages are under /staff/, where its cookie is. */
export const STAFF_MOUNT = '/staff';

/** The route table's handler: the configured staff area, or on to the site's 404 page. */
export const staffRoute = ({ staff }: { staff?: RequestHandler }): RequestHandler => staff ?? ((_req, _res, next) => next());

export async function staffAreaFor(
  config: { staff?: StaffSettings; siteUrl: string },
  parts: { holder: SiteHolder; store: FeedbackStore; logger: Logger; now?: () => number },
): Promise<RequestHandler | undefined> {
  if (!config.staff) return undefined;
  const { staffArea } = await import('./router.js');
  return staffArea({ settings: config.staff, siteUrl: config.siteUrl, ...parts });
}
