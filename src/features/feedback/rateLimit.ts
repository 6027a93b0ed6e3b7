/**
 * How many feedback forms one client may send: `limit` in each `windowMs`, counted in this
 * process (express-rate-limit's memory store). The client is the address the request came
 * from, or, when that is a proxy listed in TRUSTED_PROXIES, the address it forwarded
 * (`X-Forwarded-For`, read right to left past trusted proxies only, as Express does), so a
 * client cannot pick its own address by sending the header.
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import proxyAddr from 'proxy-addr';

export interface RateLimitOptions {
  /** Addresses or ranges (CIDR) of the proxies in front of the site, such as 127.0.0.1 or 10.0.0.0/8. */
  trustedProxies: readonly string[];
  limit: number;
  windowMs: number;
}

/** FEEDBACK_RATE_LIMIT counts forms in this window. */
export const FEEDBACK_WINDOW_MS = 10 * 60_000;

export function feedbackRateLimit(options: RateLimitOptions, tooMany: RequestHandler): RequestHandler {
  const trust = proxyAddr.compile([...options.trustedProxies]);
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // One IPv6 client can hold a whole /56, so it counts as one (the library's own advice).
    keyGenerator: (req) => ipKeyGenerator(proxyAddr(req, trust)),
    handler: (req, res, next) => tooMany(req, res, next),
    // The address is found above, not through Express's `trust proxy`, so its checks do not apply.
    validate: { trustProxy: false, xForwardedForHeader: false },
  });
}
