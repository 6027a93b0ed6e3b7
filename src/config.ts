/**
 * Configuration from environment variables, validated once at startup.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SHARED_MAX_AGE, MAX_SHARED_MAX_AGE } from './http/caching.js';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  CONTENT_DIR: z.string().min(1).default('content'),
  VIEWS_DIR: z.string().min(1).default('views'),
  PUBLIC_DIR: z.string().min(1).default('public'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The public address of the site, for canonical links, the sitemap and printed addresses.
  SITE_URL: z
    .url({ protocol: /^https?$/, error: 'SITE_URL must be an http or https address, such as https://ot.example.nhs.uk' })
    .refine((url) => !new URL(url).search && !new URL(url).hash, 'SITE_URL must not have a ? query or # fragment')
    .optional(),
  // How long shared caches (a CDN, Varnish) keep a page, in seconds: see src/http/caching.ts.
  CACHE_MAX_AGE: z.coerce
    .number({ error: 'CACHE_MAX_AGE must be a number of seconds, such as 300' })
    .int({ error: 'CACHE_MAX_AGE must be a whole number of seconds, such as 300' })
    .min(0, { error: 'CACHE_MAX_AGE cannot be negative' })
    .max(MAX_SHARED_MAX_AGE, {
      error: `CACHE_MAX_AGE must be at most ${MAX_SHARED_MAX_AGE} seconds, so that content fixes reach people within minutes`,
    })
    .default(DEFAULT_SHARED_MAX_AGE),
});

export interface Config {
  port: number;
  host: string;
  production: boolean;
  contentDir: string;
  viewsDir: string;
  publicDir: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** The public address, without a trailing slash; `http://localhost:PORT` when SITE_URL is unset. */
  siteUrl: string;
  /** False when SITE_URL was not set, so the site's absolute addresses point at localhost. */
  siteUrlConfigured: boolean;
  /** Seconds shared caches keep a page (`CACHE_MAX_AGE`). */
  cacheMaxAge: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join('\n')}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    production: e.NODE_ENV === 'production',
    contentDir: resolve(e.CONTENT_DIR),
    viewsDir: resolve(e.VIEWS_DIR),
    publicDir: resolve(e.PUBLIC_DIR),
    logLevel: e.LOG_LEVEL,
    siteUrl: (e.SITE_URL ?? `http://localhost:${e.PORT || 3000}`).replace(/\/+$/, ''),
    siteUrlConfigured: e.SITE_URL !== undefined,
    cacheMaxAge: e.CACHE_MAX_AGE,
  };
}
