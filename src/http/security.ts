/**
 * Security headers, configured once (helmet). The CSP allows our own files, nhsuk-frontend's
 * one inline script by its hash, and the NHS font host its stylesheet loads Frutiger from.
 * Nothing in them depends on the request, so helmet runs once, at startup.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/**
 * The headers helmet sets, recorded once, plus the Permissions-Policy: one frozen object.
 * The server's response class writes them into every head it sends (createServer.ts), so
 * no answer can leave without them.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(recordHelmetHeaders());

function recordHelmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  let finished = false;
  configuredHelmet()({} as IncomingMessage, recorder as unknown as ServerResponse, () => (finished = true));
  if (!finished) throw new Error('helmet did not finish synchronously; the headers cannot be recorded once');
  headers['Permissions-Policy'] = PERMISSIONS_POLICY;
  return headers;
}
