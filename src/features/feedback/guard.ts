/**
 * Checks a feedback POST passes before its body is read. Pages are cached, so they carry
 * no CSRF token: instead a form is refused when the browser says it came from another site
 * (`Sec-Fetch-Site`, or an `Origin` that is not this site's), and when it is not an ordinary
 * form (`application/x-www-form-urlencoded`): no other site can then make a family's browser
 * send one. The CSP's `form-action 'self'` keeps our own pages from posting elsewhere.
 */
import type { IncomingMessage } from 'node:http';

/** Why a POST is refused before reading it, as the status to answer with; undefined when it may go on. */
export function crossSiteOrWrongType(req: IncomingMessage, siteUrl: string): 403 | 415 | undefined {
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return 403;
  const origin = req.headers.origin;
  if (origin !== undefined && !sameSite(origin, req.headers.host, siteUrl)) return 403;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return 415;
  return undefined;
}

/** An Origin naming this site: the address it was asked at (Host) or its public address (SITE_URL). */
function sameSite(origin: string, host: string | undefined, siteUrl: string): boolean {
  if (origin === 'null') return false; // a sandboxed frame, a file, a redirect across sites
  try {
    const from = new URL(origin).host;
    return from === host || from === new URL(siteUrl).host;
  } catch {
    return false;
  }
}
