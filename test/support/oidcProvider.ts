/**
 * A real OpenID Connect provider for the staff area's tests: the `oidc-provider` package
 * (the certified provider that openid-client is tested against) on a free loopback port,
 * with this site registered as a client and a few staff and non-staff accounts. People sign
 * in on its development login form (any password), from Chromium or from `signInByHttp`.
 *
 * The provider's port is taken first and its client registered later (`register`), since
 * the site's address, which the client's redirect URI names, is only known once the site
 * is listening, and the site needs the provider's address to start.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account, type KoaContextWithOIDC } from 'oidc-provider';

export const CLIENT_ID = 'ot-site';
export const CLIENT_SECRET = 'a-client-secret-only-for-these-tests-0123456789';
/** Staff are people with an email address in this domain, or in this group. */
export const STAFF_DOMAIN = 'ot-service.example.org';
export const STAFF_GROUP = 'ot-dashboard-readers';
export const SESSION_SECRET = 'a-session-secret-only-for-these-tests-0123456789abcdef';

/** The provider's accounts, by the login typed on its form. */
export const ACCOUNTS = {
  /** Staff by email domain. */
  'clinical-lead': { email: `clinical.lead@${STAFF_DOMAIN}`, email_verified: true, name: 'Clinical Lead', groups: [] },
  /** Staff by group, from another domain. */
  'comms-officer': { email: 'comms.officer@partner.example.net', email_verified: true, name: 'Comms Officer', groups: [STAFF_GROUP] },
  /** Not staff: a real account at the provider, outside the allowed domain and groups. */
  outsider: { email: 'someone@elsewhere.example.com', email_verified: true, name: 'Someone Else', groups: ['another-group'] },
  /** In the domain, but the provider has not checked the address. */
  unverified: { email: `unverified@${STAFF_DOMAIN}`, email_verified: false, name: 'Not Verified', groups: [] },
} as const;
export type AccountId = keyof typeof ACCOUNTS;

export interface TestProvider {
  issuer: string;
  /** Registers the site, whose address is `siteUrl`, as the provider's one client. */
  register: (siteUrl: string) => void;
  /** The environment variables that configure the staff area for this provider. */
  env: () => Record<string, string>;
  close: () => Promise<void>;
}

export async function startOidcProvider(): Promise<TestProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503).end('The test provider has no client registered yet');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  server.unref();
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  return {
    issuer,
    register(siteUrl) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: [`${siteUrl}/staff/callback`],
            post_logout_redirect_uris: [`${siteUrl}/staff/signed-out`],
            response_types: ['code'],
            grant_types: ['authorization_code'],
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        jwks: { keys: [{ ...jwk, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
        cookies: { keys: ['test-provider-cookie-key-0123456789'] },
        pkce: { required: () => true },
        ttl: { Grant: 3600, Session: 3600, Interaction: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        // The site is the organisation's own application: no consent screen, as with Entra ID's admin consent.
        loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
          const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
          grant.addOIDCScope('openid profile email');
          await grant.save();
          return grant;
        },
        findAccount: (_ctx, sub): Account | undefined => {
          const account = ACCOUNTS[sub as AccountId];
          if (!account) return undefined;
          return { accountId: sub, claims: () => ({ sub, ...account, groups: [...account.groups] }) };
        },
      });
      provider.on('server_error', (_ctx, err) => console.error('test OIDC provider:', err));
      const callback = provider.callback();
      handler = (req, res) => void callback(req, res);
    },
    env: () => ({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_ALLOWED_DOMAINS: STAFF_DOMAIN,
      OIDC_ALLOWED_GROUPS: STAFF_GROUP,
      STAFF_SESSION_SECRET: SESSION_SECRET,
    }),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A cookie jar per host, enough to follow a sign-in across the site and the provider. */
export class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>();
  /** Every Set-Cookie line received, with the address that sent it, in order. */
  readonly received: { url: string; line: string }[] = [];

  store(url: string, response: Response): void {
    const host = new URL(url).host;
    for (const line of response.headers.getSetCookie()) this.received.push({ url, line });
    const jar = this.#cookies.get(host) ?? new Map<string, string>();
    this.#cookies.set(host, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  }

  header(url: string): string {
    const jar = this.#cookies.get(new URL(url).host);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.#cookies.get(new URL(url).host)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const host = new URL(url).host;
    const jar = this.#cookies.get(host) ?? new Map<string, string>();
    this.#cookies.set(host, jar);
    jar.set(name, value);
  }
}

/** One request with the jar's cookies, redirects not followed. */
export async function send(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const cookie = jar.header(url);
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
  });
  jar.store(url, response);
  return response;
}

/** Follows redirects from `url`, across hosts, with the jar; stops at the first answer that is not a redirect, or at `stopAt`. */
export async function follow(jar: CookieJar, url: string, stopAt?: (url: string) => boolean): Promise<{ url: string; response: Response }> {
  let current = url;
  for (let hops = 0; hops < 20; hops++) {
    if (stopAt?.(current)) return { url: current, response: new Response(null, { status: 204 }) };
    const response = await send(jar, current);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
    await response.body?.cancel();
    current = new URL(location, current).href;
  }
  throw new Error(`Too many redirects from ${url}`);
}

/**
 * Signs `account` in to the site at `siteOrigin` over plain HTTP, as a browser would: the
 * site's "Sign in", the provider's login form, and back. Returns the last answer (the
 * dashboard or a refusal) and where it came from. `beforeCallback` may change the callback
 * address the provider sent the browser to (a test of a wrong `state`).
 */
export async function signInByHttp(
  jar: CookieJar,
  siteOrigin: string,
  account: AccountId,
  beforeCallback: (callback: URL) => URL = (callback) => callback,
): Promise<{ url: string; response: Response }> {
  const atLogin = await follow(jar, `${siteOrigin}/staff/sign-in`);
  const html = await atLogin.response.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`No login form at ${atLogin.url}: ${atLogin.response.status} ${html.slice(0, 200)}`);
  const submitted = await send(jar, new URL(action.replace(/&amp;/g, '&'), atLogin.url).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prompt: 'login', login: account, password: 'any' }).toString(),
  });
  const next = new URL(submitted.headers.get('location')!, atLogin.url).href;
  const callback = await follow(jar, next, (url) => url.startsWith(`${siteOrigin}/staff/callback`));
  return follow(jar, beforeCallback(new URL(callback.url)).href);
}
