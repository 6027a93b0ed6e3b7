import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { validCsrfToken } from '../../../src/features/staff/csrf.js';
import { clearSession, newToken, readSession, writeSession, type StaffSession } from '../../../src/features/staff/session.js';

const ENV = {
  OIDC_ISSUER: 'https://idp.example.org',
  OIDC_CLIENT_ID: 'site',
  OIDC_CLIENT_SECRET: 'secret',
  OIDC_ALLOWED_DOMAINS: 'example.org',
  STAFF_SESSION_SECRET: 'k'.repeat(40),
  SITE_URL: 'https://ot.example.org',
};
const production = readConfig({ ...ENV, NODE_ENV: 'production' }).staff!;
const development = readConfig({ ...ENV, NODE_ENV: 'development' }).staff!;

/** The Set-Cookie lines a response would send. */
function written(write: (res: ServerResponse) => void): string[] {
  const headers = new Map<string, unknown>();
  const res = {
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
  };
  write(res as unknown as ServerResponse);
  return (headers.get('set-cookie') as string[]) ?? [];
}
const request = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as IncomingMessage;
const NOW = Date.UTC(2026, 11, 4, 9);
const session: StaffSession = {
  user: { email: 'a@example.org', name: 'A' },
  sid: newToken(),
  csrf: newToken(),
  expires: NOW + 9 * 3600_000,
};

describe('the staff session cookie', () => {
  it('is HttpOnly, SameSite=Lax, only for /staff/, lasts until the session ends, and is Secure in production', () => {
    const [line] = written((res) => writeSession(res, production, session, NOW));
    expect(line).toMatch(/^staff_session=[^;]+; Max-Age=32400; Path=\/staff\/; HttpOnly; Secure; SameSite=Lax$/);
    const [plain] = written((res) => writeSession(res, development, session, NOW));
    expect(plain).not.toContain('Secure');
  });

  it('reads back what was written, until the end of the session', () => {
    const [line] = written((res) => writeSession(res, production, session, NOW));
    const cookie = line!.split(';')[0]!;
    expect(readSession(request(cookie), production, NOW + 3600_000)).toEqual({ kind: 'session', session });
    expect(readSession(request(cookie), production, NOW + 9 * 3600_000).kind).toBe('expired');
    expect(readSession(request(), production, NOW).kind).toBe('none');
    expect(readSession(request('other=1'), production, NOW).kind).toBe('none');
  });

  it('refuses a cookie signed with another key, or changed after signing', () => {
    const [line] = written((res) => writeSession(res, production, session, NOW));
    const cookie = line!.split(';')[0]!;
    const otherKey = { ...production, sessionSecrets: ['z'.repeat(40)] };
    expect(readSession(request(cookie), otherKey, NOW).kind).toBe('forged');
    const value = decodeURIComponent(cookie.slice('staff_session='.length));
    const [payload, signature] = [value.slice(0, value.lastIndexOf('.')), value.slice(value.lastIndexOf('.') + 1)];
    const longer = Buffer.from(JSON.stringify({ ...session, expires: session.expires + 365 * 86_400_000 })).toString('base64url');
    expect(readSession(request(`staff_session=${encodeURIComponent(`${longer}.${signature}`)}`), production, NOW).kind).toBe('forged');
    expect(readSession(request(`staff_session=${encodeURIComponent(payload)}`), production, NOW).kind).toBe('forged');
  });

  it('is still read while the key changes: a new key in front, the old one after it', () => {
    const [line] = written((res) => writeSession(res, production, session, NOW));
    const rotated = { ...production, sessionSecrets: ['n'.repeat(40), ...production.sessionSecrets] };
    expect(readSession(request(line!.split(';')[0]), rotated, NOW).kind).toBe('session');
  });

  it('is removed by sign-out', () => {
    expect(written((res) => clearSession(res, production))).toEqual([
      'staff_session=; Max-Age=0; Path=/staff/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax',
    ]);
  });
});

describe('the CSRF token', () => {
  it('is accepted only when it is the session’s own', () => {
    expect(validCsrfToken(session, session.csrf)).toBe(true);
    for (const sent of [undefined, '', newToken(), session.csrf.slice(1), [session.csrf]])
      expect(validCsrfToken(session, sent)).toBe(false);
  });
});
