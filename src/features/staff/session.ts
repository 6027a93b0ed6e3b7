/**
 * The staff session: one signed cookie, only on /staff/. Its value is the session itself
 * (JSON, base64url) signed with HMAC-SHA256 by `cookie-signature` (express-session's and
 * cookie-parser's signer), so nothing is kept on the server and both stores work alike.
 * The end of the session is inside the signed value: an old cookie is refused even if a
 * browser or a thief keeps it past its Expires. Signing out records the session's id in the
 * store (router.ts), so a copy of the cookie kept from before is refused too.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse, serialize } from 'cookie';
import { sign, unsign } from 'cookie-signature';
import type { StaffSettings } from './settings.js';

export const SESSION_COOKIE = 'staff_session';
export const SESSION_PATH = '/staff/';

/** Who is signed in, as the provider said. */
export interface StaffUser {
  email: string;
  name: string;
}

/** A sign-in under way: what the provider's answer must match (openid-client checks them). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface StaffSession {
  /** Set once signed in. */
  user?: StaffUser;
  /** The signed-in session's own id: signing out records it in the store, so a copy of the cookie is refused after. */
  sid?: string;
  /** The synchronizer token every staff form carries (csrf.ts). */
  csrf: string;
  /** Set between "Sign in" and the provider's answer. */
  pending?: PendingSignIn;
  /** When the session ends, in ms since 1970 (sign-in time + a working day). */
  expires: number;
}

/** What the request's cookie holds: a session, nothing, or a cookie that cannot be trusted. */
export type SessionRead = { kind: 'session'; session: StaffSession } | { kind: 'none' } | { kind: 'forged' } | { kind: 'expired' };

export const newToken = () => randomBytes(32).toString('base64url');

export function readSession(req: IncomingMessage, settings: StaffSettings, now = Date.now()): SessionRead {
  const header = req.headers.cookie;
  if (!header) return { kind: 'none' };
  const value = parse(header)[SESSION_COOKIE];
  if (value === undefined) return { kind: 'none' };
  // Every key is tried, so a new key can be added in front without signing everyone out.
  const payload = settings.sessionSecrets.map((secret) => unsign(value, secret)).find((found) => found !== false);
  if (payload === undefined) return { kind: 'forged' };
  let session: StaffSession;
  try {
    session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as StaffSession;
  } catch {
    return { kind: 'forged' }; // signed by us, so never expected: treated as untrusted all the same
  }
  if (typeof session.expires !== 'number' || typeof session.csrf !== 'string') return { kind: 'forged' };
  if (session.user && typeof session.sid !== 'string') return { kind: 'forged' };
  if (session.expires <= now) return { kind: 'expired' };
  return { kind: 'session', session };
}

/** Sets the cookie to this session, until the session's own end. */
export function writeSession(res: ServerResponse, settings: StaffSettings, session: StaffSession, now = Date.now()): void {
  const payload = Buffer.from(JSON.stringify(session), 'utf8').toString('base64url');
  appendCookie(
    res,
    serialize(SESSION_COOKIE, sign(payload, settings.sessionSecrets[0]!), {
      ...cookieRules(settings),
      maxAge: Math.max(0, Math.floor((session.expires - now) / 1000)),
    }),
  );
}

/** Removes the cookie from the browser. */
export function clearSession(res: ServerResponse, settings: StaffSettings): void {
  appendCookie(res, serialize(SESSION_COOKIE, '', { ...cookieRules(settings), maxAge: 0, expires: new Date(0) }));
}

const cookieRules = (settings: StaffSettings) => ({
  path: SESSION_PATH,
  httpOnly: true,
  secure: settings.production,
  sameSite: 'lax' as const,
});

function appendCookie(res: ServerResponse, cookie: string): void {
  const previous = res.getHeader('Set-Cookie');
  const others = (Array.isArray(previous) ? previous : previous === undefined ? [] : [String(previous)]).filter(
    (line) => !line.startsWith(`${SESSION_COOKIE}=`),
  );
  res.setHeader('Set-Cookie', [...others, cookie]);
}
