/**
 * Security headers, configured once: helmet, used as ordinary middleware (app.ts), plus the
 * Permissions-Policy. The CSP allows our own files, nhsuk-frontend's one inline script by
 * its hash, and the NHS font host its stylesheet loads Frutiger from.
 *
 * A route that needs something else gives the helmet options it changes (the route table's
 * `security`): its helmet runs after this one and replaces those headers, so each header is
 * sent once. A handler may also set a header itself, which replaces helmet's.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { inlineScriptHashes } from '../render/csp.js';

export const FONT_HOST = 'https://assets.nhs.uk';

const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'sync-xhr=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** The site's helmet options. */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...inlineScriptHashes()],
      styleSrc: ["'self'"],
      fontSrc: [FONT_HOST],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true, preload: true },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  crossOriginEmbedderPolicy: false,
  // The CSP's frame-ancestors 'none' is the modern rule; this is the same for old browsers.
  xFrameOptions: { action: 'deny' },
} satisfies HelmetOptions;

/**
 * The security headers middleware: the site's options, or, for a route, the options it
 * changes on top of them (CSP directives are merged one by one, so a route names only those
 * it changes).
 */
export function securityHeaders(changes?: HelmetOptions): RequestHandler {
  const csp = changes?.contentSecurityPolicy;
  const mergedCsp =
    typeof csp === 'object'
      ? {
          contentSecurityPolicy: {
            ...HELMET_OPTIONS.contentSecurityPolicy,
            ...csp,
            directives: { ...HELMET_OPTIONS.contentSecurityPolicy.directives, ...csp.directives },
          },
        }
      : {};
  const options = { ...HELMET_OPTIONS, ...changes, ...mergedCsp } as HelmetOptions;
  const secure = helmet(options);
  return (req, res, next) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    secure(req, res, next);
  };
}

/**
 * The headers `securityHeaders()` sets, as names and values: for the answers Node's own
 * parser makes (createServer.ts) and the static mirror's header files. Read from a response
 * that is never sent, once.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(headersOf(securityHeaders()));

/** `x-frame-options` → `X-Frame-Options`, as the headers are usually written. */
function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

function headersOf(middleware: RequestHandler): Record<string, string> {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  let finished = false;
  middleware(req as never, res as never, () => (finished = true));
  if (!finished) throw new Error('helmet did not finish synchronously; its headers cannot be read once');
  const headers: Record<string, string> = {};
  for (const name of res.getHeaderNames()) headers[canonical(name)] = String(res.getHeader(name));
  return headers;
}
