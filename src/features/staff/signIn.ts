/**
 * Sign-in through the organisation's OpenID Connect provider, with openid-client: the
 * authorization code flow with PKCE, `state` and `nonce`. The provider's metadata is
 * discovered at the first sign-in, not at startup, so a provider that is down never stops
 * the public site; a failed discovery is tried again at the next sign-in.
 */
import * as client from 'openid-client';
import type { StaffSettings } from './settings.js';
import type { PendingSignIn } from './session.js';

/** The scopes asked for: who the person is, their name and email address. */
export const SCOPES = 'openid profile email';

/** A sign-in that could not finish because of the answer (wrong state, refused, bad token): a 400 page. */
export class SignInRefused extends Error {
  override readonly name = 'SignInRefused';
}

/** The provider could not be reached or answered with a fault: a 503 page. */
export class ProviderUnavailable extends Error {
  override readonly name = 'ProviderUnavailable';
}

export class OidcSignIn {
  #configuration?: Promise<client.Configuration>;

  constructor(private readonly settings: StaffSettings) {}

  /** The provider's metadata and this client, discovered once. */
  configuration(): Promise<client.Configuration> {
    if (!this.#configuration) {
      const { issuer, clientId, clientSecret } = this.settings;
      const insecure = issuer.protocol === 'http:'; // only a loopback provider outside production (settings.ts)
      this.#configuration = client
        .discovery(issuer, clientId, clientSecret, undefined, {
          execute: insecure ? [client.allowInsecureRequests] : [],
          timeout: 10,
        })
        .catch((err: unknown) => {
          this.#configuration = undefined; // try again at the next sign-in
          throw new ProviderUnavailable(`Could not read the provider's metadata from ${issuer.href}: ${(err as Error).message}`, {
            cause: err,
          });
        });
    }
    return this.#configuration;
  }

  /** Where to send the browser to sign in, and what its answer must match. */
  async start(): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.configuration();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: SCOPES,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * The claims about the person, from the ID token and, when the email or groups claim is not
   * in it, from the UserInfo endpoint. `callbackUrl` is the full address the provider sent
   * the browser back to (under SITE_URL).
   */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<Record<string, unknown>> {
    const config = await this.configuration();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw classify(err);
    }
    const claims: Record<string, unknown> = { ...tokens.claims() };
    const { emailClaim, groupsClaim } = this.settings;
    if (claims[emailClaim] === undefined || claims[groupsClaim] === undefined) {
      if (config.serverMetadata().userinfo_endpoint) {
        try {
          const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
          for (const [name, value] of Object.entries(info)) if (claims[name] === undefined) claims[name] = value;
        } catch (err) {
          throw classify(err);
        }
      }
    }
    return claims;
  }

  /** The provider's sign-out address (RP-initiated logout), or undefined if it has none. */
  async endSessionUrl(): Promise<URL | undefined> {
    const config = await this.configuration().catch(() => undefined);
    if (!config?.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, {
      client_id: this.settings.clientId,
      post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
    });
  }
}

/** A fault of the network or the provider's server is "unavailable"; anything about the answer itself is "refused". */
function classify(err: unknown): Error {
  if (err instanceof client.ResponseBodyError && err.status >= 500) return new ProviderUnavailable(err.message, { cause: err });
  if (err instanceof TypeError || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))) {
    return new ProviderUnavailable(err.message, { cause: err });
  }
  return new SignInRefused(err instanceof Error ? err.message : String(err), { cause: err });
}
