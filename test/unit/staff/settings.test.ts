import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../src/config.js';

const STAFF = {
  OIDC_ISSUER: 'https://login.microsoftonline.com/0b5c2b1e-1111-2222-3333-444455556666/v2.0',
  OIDC_CLIENT_ID: '7f0d1a2b-aaaa-bbbb-cccc-ddddeeeeffff',
  OIDC_CLIENT_SECRET: 'a client secret',
  OIDC_ALLOWED_DOMAINS: 'Example.NHS.uk, nhs.net',
  STAFF_SESSION_SECRET: 'x'.repeat(48),
  SITE_URL: 'https://ot.example.nhs.uk',
  NODE_ENV: 'production',
};

/** The settings named in the ConfigError readConfig throws, with their rules. */
function problems(env: Record<string, string>): Record<string, string> {
  try {
    readConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return Object.fromEntries(err.settings.map((setting) => [setting.name, setting.rule]));
    throw err;
  }
  return {};
}

describe('the staff area settings', () => {
  it('without any OIDC setting there is no staff area, and the site starts', () => {
    expect(readConfig({}).staff).toBeUndefined();
  });

  it('with every OIDC setting empty, as deploy/compose.yaml passes them when unset, there is no staff area', () => {
    const empty = { OIDC_ISSUER: '', OIDC_CLIENT_ID: '', OIDC_CLIENT_SECRET: '', OIDC_ALLOWED_DOMAINS: '', OIDC_ALLOWED_GROUPS: '' };
    expect(
      readConfig({ ...empty, OIDC_EMAIL_CLAIM: 'email', STAFF_SESSION_SECRET: '', SITE_URL: 'https://ot.example.nhs.uk' }).staff,
    ).toBeUndefined();
  });

  it('with them, the return addresses are under SITE_URL and domains are compared in lower case', () => {
    const staff = readConfig(STAFF).staff!;
    expect(staff.redirectUri).toBe('https://ot.example.nhs.uk/staff/callback');
    expect(staff.postLogoutRedirectUri).toBe('https://ot.example.nhs.uk/staff/signed-out');
    expect(staff.allowedDomains).toEqual(['example.nhs.uk', 'nhs.net']);
    expect(staff.emailClaim).toBe('email');
    expect(staff.production).toBe(true);
    expect(staff.sessionMs).toBe(9 * 3600_000);
  });

  it.each([
    ['only some of issuer, client id and secret', { OIDC_CLIENT_SECRET: '' }, 'OIDC_CLIENT_SECRET', /must be set too/],
    ['no rule saying who is staff', { OIDC_ALLOWED_DOMAINS: '' }, 'OIDC_ALLOWED_DOMAINS', /OIDC_ALLOWED_DOMAINS or OIDC_ALLOWED_GROUPS/],
    [
      'a domain that is not one',
      { OIDC_ALLOWED_DOMAINS: 'example.nhs.uk,@nhs.net' },
      'OIDC_ALLOWED_DOMAINS',
      /email domains separated by commas/,
    ],
    ['a short session secret', { STAFF_SESSION_SECRET: 'secret' }, 'STAFF_SESSION_SECRET', /at least 32 random characters/],
    ['no session secret', { STAFF_SESSION_SECRET: '' }, 'STAFF_SESSION_SECRET', /must be set for the staff area/],
    ['a plain http issuer in production', { OIDC_ISSUER: 'http://127.0.0.1:9000' }, 'OIDC_ISSUER', /must be an https address/],
    [
      'a plain http issuer elsewhere, outside production',
      { OIDC_ISSUER: 'http://idp.example.org', NODE_ENV: 'development' },
      'OIDC_ISSUER',
      /https/,
    ],
    ['an issuer that is not an address', { OIDC_ISSUER: 'login.microsoftonline.com' }, 'OIDC_ISSUER', /issuer address/],
    ['no SITE_URL in production', { SITE_URL: '' }, 'SITE_URL', /SITE_URL\/staff\/callback/],
  ])('%s stops startup, naming the setting and the rule', (_case, change, name, rule) => {
    const env = Object.fromEntries(Object.entries({ ...STAFF, ...change }).filter(([, value]) => value !== ''));
    expect(problems(env)[name]).toMatch(rule);
  });

  it('plain http is accepted for a provider on this machine outside production (development, tests)', () => {
    expect(readConfig({ ...STAFF, NODE_ENV: 'development', OIDC_ISSUER: 'http://127.0.0.1:9000' }).staff?.issuer.href).toBe(
      'http://127.0.0.1:9000/',
    );
  });

  it('groups alone may say who is staff', () => {
    const { OIDC_ALLOWED_DOMAINS: _, ...rest } = STAFF;
    expect(readConfig({ ...rest, OIDC_ALLOWED_GROUPS: 'a1b2c3, d4e5f6' }).staff?.allowedGroups).toEqual(['a1b2c3', 'd4e5f6']);
  });
});
