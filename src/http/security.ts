/**
 * Security headers, configured once (helmet). The CSP allows our own files, nhsuk-frontend's
 * one inline script by its hash, and the NHS font host its stylesheet loads Frutiger from.
 *
 * Nothing in them depends on the request, so helmet runs once at startup and every response
 * gets the same recorded headers: pages, assets, error pages, and the raw answers the HTTP
 * server writes itself for requests too broken to reach Express (see `lifecycle.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
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

function configuredHelmet() {
  return helmet({
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
  });
}

/** The headers helmet sets, recorded once, plus the Permissions-Policy. */
export function securityHeaderValues(): ReadonlyArray<[name: string, value: string]> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => void headers.set(name, String(value)),
    removeHeader: (name: string) => void headers.delete(name),
    getHeader: (name: string) => headers.get(name),
  };
  let finished = false;
  configuredHelmet()({} as IncomingMessage, recorder as unknown as ServerResponse, () => (finished = true));
  if (!finished) throw new Error('helmet did not finish synchronously; the headers cannot be recorded once');
  headers.set('Permissions-Policy', PERMISSIONS_POLICY);
  return [...headers];
}

export function securityHeaders(): RequestHandler {
  const headers = securityHeaderValues();
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
