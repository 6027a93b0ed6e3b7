/**
 * The staff area's settings, from environment variables, validated with the rest of the
 * configuration (src/config.ts). Without OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET
 * there is no staff area: /staff/ answers 404 and the terminal report still works. With
 * some of them but not all, or with no rule saying who is staff, the site does not start.
 */
import { z } from 'zod';
import type { BadSetting } from '../../config.js';

/** A working day: a staff session ends this long after sign-in, whatever is done meanwhile. */
export const SESSION_HOURS = 9;

export interface StaffSettings {
  /** The OpenID Connect provider's issuer address, such as https://login.microsoftonline.com/TENANT/v2.0. */
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Email domains whose people are staff, lower case ("example.nhs.uk"); may be empty if groups are given. */
  allowedDomains: string[];
  /** Group identifiers whose members are staff; may be empty if domains are given. */
  allowedGroups: string[];
  /** The claim holding the person's email address (Entra ID: `email` as an optional claim, or `preferred_username`). */
  emailClaim: string;
  /** The claim listing the person's groups. */
  groupsClaim: string;
  /** Keys that sign the session cookie: the first signs, every one is accepted (to change keys without signing everyone out). */
  sessionSecrets: string[];
  /** Where the provider sends people back after sign-in: the site's address + /staff/callback. */
  redirectUri: string;
  /** Where the provider sends people back after signing out of it. */
  postLogoutRedirectUri: string;
  /** Session length in milliseconds. */
  sessionMs: number;
  /** True in production: the cookie is `Secure`, and the issuer must be https. */
  production: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CLAIM = /^[A-Za-z_][A-Za-z0-9_.:/-]{0,99}$/;

const schema = z.object({
  OIDC_ISSUER: z
    .url({
      protocol: /^https?$/,
      error: 'OIDC_ISSUER must be the provider’s issuer address, such as https://login.microsoftonline.com/TENANT-ID/v2.0',
    })
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1, 'OIDC_CLIENT_ID must be the client (application) ID the provider gave this site').optional(),
  OIDC_CLIENT_SECRET: z.string().min(1, 'OIDC_CLIENT_SECRET must be the client secret the provider gave this site').optional(),
  OIDC_ALLOWED_DOMAINS: z
    .string()
    .refine(
      (value) => list(value).every((domain) => DOMAIN.test(domain.toLowerCase())),
      'OIDC_ALLOWED_DOMAINS must be email domains separated by commas, such as example.nhs.uk,nhs.net',
    )
    .optional(),
  OIDC_ALLOWED_GROUPS: z.string().optional(),
  OIDC_EMAIL_CLAIM: z.string().regex(CLAIM, 'OIDC_EMAIL_CLAIM must be a claim name, such as email or preferred_username').default('email'),
  OIDC_GROUPS_CLAIM: z.string().regex(CLAIM, 'OIDC_GROUPS_CLAIM must be a claim name, such as groups').default('groups'),
  STAFF_SESSION_SECRET: z
    .string()
    .refine(
      (value) => list(value).length > 0 && list(value).every((secret) => secret.length >= 32),
      'STAFF_SESSION_SECRET must be at least 32 random characters (several, separated by commas, while changing it), such as the output of `openssl rand -base64 48`',
    )
    .optional(),
});

const REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
const STAFF_VARIABLES = [...REQUIRED, 'OIDC_ALLOWED_DOMAINS', 'OIDC_ALLOWED_GROUPS', 'STAFF_SESSION_SECRET'] as const;

export type StaffSettingsResult = { settings?: StaffSettings; problems: BadSetting[] };

/**
 * The staff area's settings, or none when it is not configured; `problems` lists every
 * setting that breaks its rule, for config.ts to stop startup with.
 */
export function readStaffSettings(
  env: NodeJS.ProcessEnv,
  site: { siteUrl: string; siteUrlConfigured: boolean; production: boolean },
): StaffSettingsResult {
  const given = STAFF_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '');
  if (given.length === 0) return { problems: [] };
  const bad = (name: string, rule: string): BadSetting => ({ name, value: env[name], rule });

  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => bad(String(issue.path[0]), issue.message)) };
  }
  const e = parsed.data;
  const problems: BadSetting[] = [];
  for (const name of REQUIRED) {
    if (!e[name])
      problems.push(bad(name, `${name} must be set too: the staff area needs ${REQUIRED.join(', ')} (or none of them, for no staff area)`));
  }
  const allowedDomains = list(e.OIDC_ALLOWED_DOMAINS).map((domain) => domain.toLowerCase());
  const allowedGroups = list(e.OIDC_ALLOWED_GROUPS);
  if (allowedDomains.length === 0 && allowedGroups.length === 0) {
    problems.push(
      bad(
        'OIDC_ALLOWED_DOMAINS',
        'OIDC_ALLOWED_DOMAINS or OIDC_ALLOWED_GROUPS must say who is staff, such as OIDC_ALLOWED_DOMAINS=example.nhs.uk',
      ),
    );
  }
  if (!e.STAFF_SESSION_SECRET) {
    problems.push(
      bad(
        'STAFF_SESSION_SECRET',
        'STAFF_SESSION_SECRET must be set for the staff area: at least 32 random characters, such as the output of `openssl rand -base64 48`',
      ),
    );
  }
  const issuer = e.OIDC_ISSUER ? new URL(e.OIDC_ISSUER) : undefined;
  // Plain http only to a provider on this machine (development and tests): tokens cross it.
  if (issuer && issuer.protocol !== 'https:' && (site.production || !LOOPBACK.has(issuer.hostname))) {
    problems.push(
      bad(
        'OIDC_ISSUER',
        'OIDC_ISSUER must be an https address (plain http is accepted only for a provider on this machine, outside production)',
      ),
    );
  }
  if (site.production && !site.siteUrlConfigured) {
    problems.push(bad('SITE_URL', 'SITE_URL must be set for the staff area: the provider sends staff back to SITE_URL/staff/callback'));
  }
  if (problems.length > 0 || !issuer) return { problems };
  return {
    problems,
    settings: {
      issuer,
      clientId: e.OIDC_CLIENT_ID!,
      clientSecret: e.OIDC_CLIENT_SECRET!,
      allowedDomains,
      allowedGroups,
      emailClaim: e.OIDC_EMAIL_CLAIM,
      groupsClaim: e.OIDC_GROUPS_CLAIM,
      sessionSecrets: list(e.STAFF_SESSION_SECRET),
      redirectUri: `${site.siteUrl}/staff/callback`,
      postLogoutRedirectUri: `${site.siteUrl}/staff/signed-out`,
      sessionMs: SESSION_HOURS * 3600_000,
      production: site.production,
    },
  };
}
