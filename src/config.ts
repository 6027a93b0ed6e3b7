/**
 * Configuration from environment variables, validated once at startup. Each variable's rule
 * is said in words here, for the message that stops startup when it is broken.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { readStaffSettings, type StaffSettings } from './features/staff/settings.js';
import { DEFAULT_SHARED_MAX_AGE, MAX_SHARED_MAX_AGE } from './http/caching.js';

const PORT_RULE = 'PORT must be a whole number from 1 to 65535, such as 3000';
const TRUSTED_PROXIES_RULE =
  'TRUSTED_PROXIES must list, with commas between, the addresses of the proxies in front of the site: IP addresses, ranges such as 10.0.0.0/8, or loopback, linklocal or uniquelocal (as in TRUSTED_PROXIES=loopback)';
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a range (address/prefix length) or one of Express's names for a kind of address. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, ...more] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || more.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

const folder = (name: string, usual: string) => z.string().min(1, `${name} must name a folder, such as ${usual}`).default(usual);

const schema = z.object({
  // Plain decimal digits only: Number() would read '' as 0 (any free port) and 0xC81 as 3201.
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, PORT_RULE)
    .transform(Number)
    .refine((port) => port >= 1 && port <= 65535, PORT_RULE)
    .default(3000),
  HOST: z.string().min(1, 'HOST must be an address of this machine, such as 0.0.0.0 (all of them) or 127.0.0.1').default('0.0.0.0'),
  NODE_ENV: z.enum(['development', 'production', 'test'], 'NODE_ENV must be production, development or test').default('production'),
  CONTENT_DIR: folder('CONTENT_DIR', 'content'),
  VIEWS_DIR: folder('VIEWS_DIR', 'views'),
  PUBLIC_DIR: folder('PUBLIC_DIR', 'public'),
  LOG_LEVEL: z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent',
    )
    .default('info'),
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
  // The store (src/store): the embedded one in DATA_DIR unless DATABASE_URL names a PostgreSQL.
  DATA_DIR: folder('DATA_DIR', 'data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'DATABASE_URL must be a PostgreSQL address, such as postgres://ot:password@db.example:5432/ot')
    .optional(),
  FEEDBACK_RETENTION_DAYS: z.coerce
    .number({ error: 'FEEDBACK_RETENTION_DAYS must be a number of days, such as 365' })
    .int({ error: 'FEEDBACK_RETENTION_DAYS must be a whole number of days, such as 365' })
    .min(1, { error: 'FEEDBACK_RETENTION_DAYS must be at least 1 day' })
    .default(365),
  // Feedback forms one client may send in 10 minutes.
  FEEDBACK_RATE_LIMIT: z.coerce
    .number({ error: 'FEEDBACK_RATE_LIMIT must be a number of forms, such as 20' })
    .int({ error: 'FEEDBACK_RATE_LIMIT must be a whole number of forms, such as 20' })
    .min(1, { error: 'FEEDBACK_RATE_LIMIT must be at least 1' })
    .default(20),
  // Who may say, in X-Forwarded-For, which address a request came from: the TLS edge and the
  // cache in front of the origin (deploy/). Nobody by default: the connection's address counts.
  TRUSTED_PROXIES: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .refine((entries) => entries.every(isProxyAddress), TRUSTED_PROXIES_RULE)
    .default([]),
});

/** Settings whose value may hold a password: a message about them never repeats the value. */
const SECRET_SETTINGS = new Set(['DATABASE_URL']);

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
  /** The staff area's sign-in (OIDC_* settings); none when not configured, and /staff/ is a 404. */
  staff?: StaffSettings;
  /** Where feedback and search counts are kept: DATA_DIR, or DATABASE_URL when set. */
  store: { dataDir: string; databaseUrl?: string };
  /** Days a problem report's free text is kept (`FEEDBACK_RETENTION_DAYS`). */
  feedbackRetentionDays: number;
  /** Feedback forms one client may send in 10 minutes (`FEEDBACK_RATE_LIMIT`). */
  feedbackRateLimit: number;
  /**
   * The proxies whose X-Forwarded-For is believed (`TRUSTED_PROXIES`), in the form Express's
   * `trust proxy` setting takes: addresses, ranges and names. Empty: believe nobody.
   */
  trustedProxies: string[];
}

/** A setting that breaks its rule: its name, the value it was given and the rule in words. */
export interface BadSetting {
  name: string;
  value: string | undefined;
  rule: string;
}

export class ConfigError extends Error {
  constructor(readonly settings: BadSetting[]) {
    super(settings.map((setting) => setting.rule).join('; '));
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return { name, value: SECRET_SETTINGS.has(name) ? '(not repeated: it may hold a password)' : env[name], rule: issue.message };
      }),
    );
  }
  const e = result.data;
  const siteUrl = (e.SITE_URL ?? `http://localhost:${e.PORT || 3000}`).replace(/\/+$/, '');
  const production = e.NODE_ENV === 'production';
  const staff = readStaffSettings(env, { siteUrl, siteUrlConfigured: e.SITE_URL !== undefined, production });
  if (staff.problems.length > 0) throw new ConfigError(staff.problems);
  return {
    port: e.PORT,
    host: e.HOST,
    production,
    contentDir: resolve(e.CONTENT_DIR),
    viewsDir: resolve(e.VIEWS_DIR),
    publicDir: resolve(e.PUBLIC_DIR),
    logLevel: e.LOG_LEVEL,
    siteUrl,
    siteUrlConfigured: e.SITE_URL !== undefined,
    cacheMaxAge: e.CACHE_MAX_AGE,
    staff: staff.settings,
    store: { dataDir: resolve(e.DATA_DIR), ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}) },
    feedbackRetentionDays: e.FEEDBACK_RETENTION_DAYS,
    trustedProxies: e.TRUSTED_PROXIES,
    feedbackRateLimit: e.FEEDBACK_RATE_LIMIT,
  };
}
