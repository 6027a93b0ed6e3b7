/**
 * The staff area over HTTP, as a browser drives it, against the real OIDC provider and each
 * store: signing in (by domain and by group), the refusals (outsider, unverified address,
 * wrong state, forged or expired cookie, a form without its token), marking a report dealt
 * with, signing out, the CSV downloads, and what the public pages still do not do (set a
 * cookie). The browser test (test/browser/staff.test.ts) does the same steps in Chromium.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../src/features/staff/session.js';
import { SESSION_HOURS } from '../../src/features/staff/settings.js';
import { ACCOUNTS, CookieJar, send, signInByHttp, startOidcProvider, type AccountId, type TestProvider } from '../support/oidcProvider.js';
import { freePort } from '../../bench/support.js';
import { startServer } from '../support/process.js';
import { startStaffSite, type StaffSite } from '../support/staffSite.js';
import { storeBackends } from '../support/stores.js';

const HOUR = 3600_000;
const text = async (response: Response) => (await response.text()).replace(/\s+/g, ' ');

describe.each(storeBackends())('the staff area on the $name store', (backend) => {
  let provider: TestProvider;
  let site: StaffSite;
  /** The staff area's clock runs this far ahead of the real one (to reach the session's end). */
  let clockAhead = 0;
  beforeAll(async () => {
    if (!backend.available) return;
    provider = await startOidcProvider();
    site = await startStaffSite(provider, await backend.newStore(), { now: () => Date.now() + clockAhead });
  }, 90_000);
  afterAll(async () => {
    await site?.close();
    await provider?.close();
    await backend.cleanUp();
  });
  const it = test.skipIf(!backend.available);
  const url = (path: string) => site.origin + path;

  async function signedIn(account: AccountId = 'clinical-lead') {
    const jar = new CookieJar();
    const { url: at, response } = await signInByHttp(jar, site.origin, account);
    return { jar, at, response, html: await text(response) };
  }
  const sessionLine = (jar: CookieJar) =>
    jar.received.filter(({ line }) => line.startsWith(`${SESSION_COOKIE}=`) && !line.startsWith(`${SESSION_COOKIE}=;`)).at(-1)?.line;
  const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  const post = (jar: CookieJar, path: string, fields: Record<string, string>) =>
    send(jar, url(path), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site.origin },
      body: new URLSearchParams(fields).toString(),
    });
  const newReport = () =>
    site.store.recordProblem({ page: '/contact', tryingToDo: 'Find the email address', wentWrong: 'It is not there', flagged: false });
  const openReport = async (id: number) => (await site.store.problemReport(id))?.dealtWithBy === null;

  it('a member of staff, by email domain, signs in and sees the dashboard', async () => {
    const { at, response, html, jar } = await signedIn('clinical-lead');
    expect(at).toBe(url('/staff/'));
    expect(response.status).toBe(200);
    expect(html).toContain('What families found and missed');
    expect(html).toContain(`Signed in as Clinical Lead (${ACCOUNTS['clinical-lead'].email})`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // One cookie, signed, only for /staff/, not readable by scripts, not sent cross-site.
    const line = sessionLine(jar)!;
    expect(line).toMatch(/; Path=\/staff\/(;|$)/);
    expect(line).toMatch(/; HttpOnly(;|$)/);
    expect(line).toMatch(/; SameSite=Lax(;|$)/);
    expect(line).toMatch(/; Max-Age=32400(;|$)/); // 9 hours
    expect(line).not.toMatch(/; Secure/); // plain http in tests; production sets Secure (unit test)
    const siteCookies = jar.received.filter((received) => received.url.startsWith(site.origin)).map(({ line }) => line.split('=')[0]);
    expect(new Set(siteCookies)).toEqual(new Set([SESSION_COOKIE]));
  });

  it('a member of staff from another domain, in the allowed group, signs in too', async () => {
    const { at, html } = await signedIn('comms-officer');
    expect(at).toBe(url('/staff/'));
    expect(html).toContain('Signed in as Comms Officer');
  });

  describe('refusals: a clear page, no session and nothing changed', () => {
    it.each([
      ['outsider', 'a person outside the allowed domain and groups'],
      ['unverified', 'a person whose address the provider has not verified'],
    ] as const)('%s: %s is refused with 403', async (account, _who) => {
      const { response, html, jar } = await signedIn(account);
      expect(response.status).toBe(403);
      expect(html).toContain('You cannot use the staff area');
      expect(html).toContain(ACCOUNTS[account].email);
      expect(jar.get(site.origin, SESSION_COOKIE)).toBeUndefined();
      const again = await send(jar, url('/staff/'));
      expect(await text(again)).toContain('Sign in with your organisation account');
    });

    it('a callback with a wrong state is refused with 400, and signs no one in', async () => {
      const jar = new CookieJar();
      const { response } = await signInByHttp(jar, site.origin, 'clinical-lead', (callback) => {
        callback.searchParams.set('state', 'a-state-this-browser-never-sent');
        return callback;
      });
      expect(response.status).toBe(400);
      expect(await text(response)).toContain('Sign-in did not complete');
      expect(jar.get(site.origin, SESSION_COOKIE)).toBeUndefined();
    });

    it('a sign-in the person cancels at the provider is refused with 400, saying what the provider said', async () => {
      const jar = new CookieJar();
      const { response } = await signInByHttp(jar, site.origin, 'clinical-lead', (callback) => {
        const refused = new URL(callback.pathname, callback);
        refused.searchParams.set('error', 'access_denied');
        refused.searchParams.set('state', callback.searchParams.get('state')!);
        refused.searchParams.set('iss', callback.searchParams.get('iss') ?? '');
        return refused;
      });
      expect(response.status).toBe(400);
      expect(await text(response)).toContain('The sign-in service did not sign you in (it said “access_denied”)');
      expect(jar.get(site.origin, SESSION_COOKIE)).toBeUndefined();
    });

    it('a callback with no sign-in started in this browser is refused with 400', async () => {
      const response = await fetch(url('/staff/callback?code=abc&state=def'));
      expect(response.status).toBe(400);
      expect(await text(response)).toContain('Sign-in did not complete');
    });

    it('a forged cookie (the session changed, its signature kept) is refused and cleared; a form sent with it changes nothing', async () => {
      const { jar, html } = await signedIn('outsider').then(async () => signedIn('clinical-lead'));
      const [payload, signature] = decodeURIComponent(jar.get(site.origin, SESSION_COOKIE)!).split('.');
      const session = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      session.user.email = ACCOUNTS.outsider.email;
      const forged = `${Buffer.from(JSON.stringify(session)).toString('base64url')}.${signature}`;
      jar.set(site.origin, SESSION_COOKIE, encodeURIComponent(forged));
      const id = await newReport();
      const refusedForm = await post(jar, `/staff/reports/${id}/dealt-with`, { csrf: csrfOf(html)! });
      expect(refusedForm.status).toBe(401);
      expect(await text(refusedForm)).toContain('Nothing was changed');
      expect(await openReport(id)).toBe(true);

      jar.set(site.origin, SESSION_COOKIE, encodeURIComponent(forged));
      const page = await send(jar, url('/staff/'));
      expect(page.status).toBe(401);
      const body = await text(page);
      expect(body).toContain('Your sign-in could not be checked');
      expect(body).not.toContain('What families found and missed');
      expect(jar.get(site.origin, SESSION_COOKIE)).toBeUndefined(); // cleared
    });

    it('a cookie past the end of a working day is refused, and sign-in is asked for again', async () => {
      const { jar } = await signedIn();
      clockAhead = SESSION_HOURS * HOUR + 60_000;
      try {
        const page = await send(jar, url('/staff/'));
        expect(page.status).toBe(401);
        expect(await text(page)).toContain('Your session ended after a working day');
      } finally {
        clockAhead = 0;
      }
    });

    it('a staff form without its token, or with another session’s, is refused with 403 and changes nothing', async () => {
      const { jar } = await signedIn();
      const other = await signedIn('comms-officer');
      const id = await newReport();
      const attempts: Record<string, string>[] = [{}, { csrf: '' }, { csrf: csrfOf(other.html)! }];
      for (const fields of attempts) {
        const response = await post(jar, `/staff/reports/${id}/dealt-with`, fields);
        expect(response.status).toBe(403);
        expect(await text(response)).toContain('This form has expired');
      }
      expect(await openReport(id)).toBe(true);
      // Nor does signing out without the token end the session.
      expect((await post(jar, '/staff/sign-out', {})).status).toBe(403);
      expect((await send(jar, url('/staff/'))).status).toBe(200);
    });

    it('a staff form too large to be a form is refused with 413, and changes nothing', async () => {
      const { jar, html } = await signedIn();
      const id = await newReport();
      const response = await post(jar, `/staff/reports/${id}/dealt-with`, { csrf: csrfOf(html)!, back: 'x'.repeat(4000) });
      expect(response.status).toBe(413);
      expect(await text(response)).toContain('The form could not be read');
      expect(await openReport(id)).toBe(true);
    });
  });

  it('marks a problem report dealt with, keeping who and when, then shows the report again (303)', async () => {
    const id = await newReport();
    const { jar, html } = await signedIn();
    expect(html).toContain(`id="report-${id}"`);
    const before = Date.now();
    const response = await post(jar, `/staff/reports/${id}/dealt-with`, { csrf: csrfOf(html)!, back: '90' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/staff/?days=90#report-${id}`);
    const report = (await site.store.problemReport(id))!;
    expect(report.dealtWithBy).toBe(`Clinical Lead (${ACCOUNTS['clinical-lead'].email})`);
    expect(report.dealtWithAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const page = await text(await send(jar, url('/staff/?days=90')));
    expect(page).toMatch(new RegExp(`id="report-${id}".*?Dealt with by Clinical Lead`));
  });

  it('signs out: the cookie is removed, the dashboard asks for sign-in, and the provider’s own sign-out is offered', async () => {
    const { jar, html } = await signedIn();
    const response = await post(jar, '/staff/sign-out', { csrf: csrfOf(html)! });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/staff/signed-out');
    expect(jar.get(site.origin, SESSION_COOKIE)).toBeUndefined();
    const signedOut = await text(await send(jar, url('/staff/signed-out')));
    expect(signedOut).toContain('You have signed out');
    const providerLink = /href="([^"]+)">Sign out of your organisation account too/.exec(signedOut)?.[1]?.replace(/&amp;/g, '&');
    expect(providerLink).toMatch(new RegExp(`^${provider.issuer}/session/end\\?`));
    expect(new URL(providerLink!).searchParams.get('post_logout_redirect_uri')).toBe(url('/staff/signed-out'));
    expect((await send(jar, url('/staff/'))).status).toBe(200);
    expect(await text(await send(jar, url('/staff/')))).toContain('Sign in with your organisation account');
  });

  it('signing out ends the session everywhere: a copy of the cookie taken before is refused after', async () => {
    const { jar, html } = await signedIn();
    const copy = new CookieJar();
    copy.set(site.origin, SESSION_COOKIE, jar.get(site.origin, SESSION_COOKIE)!);
    expect((await send(copy, url('/staff/'))).status).toBe(200);
    expect((await post(jar, '/staff/sign-out', { csrf: csrfOf(html)! })).status).toBe(303);
    const page = await send(copy, url('/staff/'));
    expect(page.status).toBe(401);
    expect(await text(page)).toContain('This session was signed out');
    // Nor can the copy send a form.
    copy.set(
      site.origin,
      SESSION_COOKIE,
      jar.received
        .filter(({ line }) => line.startsWith(`${SESSION_COOKIE}=`) && !line.startsWith(`${SESSION_COOKIE}=;`))
        .at(-1)!
        .line.split(';')[0]!
        .slice(SESSION_COOKIE.length + 1),
    );
    const id = await newReport();
    expect((await post(copy, `/staff/reports/${id}/dealt-with`, { csrf: csrfOf(html)! })).status).toBe(401);
    expect(await openReport(id)).toBe(true);
  });

  it('shows usefulness per page, searches that found nothing and the facts still missing, and downloads each as CSV', async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * HOUR);
    for (const [answer, days] of [
      ['yes', 1],
      ['yes', 2],
      ['no', 3],
      ['no', 20],
      ['yes', 60],
    ] as const) {
      await site.store.recordAnswer({ page: '/referral', answer, at: daysAgo(days) });
    }
    for (let i = 0; i < 3; i++) await site.store.recordSearch({ query: 'email', found: false, at: daysAgo(i) });
    await site.store.recordSearch({ query: 'parking', found: false, at: daysAgo(1) });
    await site.store.recordProblem({
      page: '/contact',
      tryingToDo: '=HYPERLINK("http://x")',
      wentWrong: 'No email',
      flagged: true,
      at: daysAgo(1),
    });

    const { jar, html } = await signedIn();
    expect(html).toMatch(
      /How to get a referral \(\/referral\).*?2 yes, 1 no \(67% yes\).*?2 yes, 2 no \(50% yes\).*?3 yes, 2 no \(60% yes\)/,
    );
    expect(html).toMatch(/email.*?3.*?parking.*?1/);
    expect(html).toMatch(/Care Coordination Centre email address.*?3.*?email \(3\)/);
    // A fact no one searched for says 0, not nothing.
    expect(html).toMatch(/Address of Riverside special school.*?<td[^>]*>\s*(<span[^>]*>[^<]*<\/span>\s*)?0\s*<\/td>/);
    expect(html).toContain('Personal details removed');
    expect(html).toMatch(/<svg[^>]*class="marks"/);

    const pages = await send(jar, url('/staff/pages.csv?days=30'));
    expect(pages.status).toBe(200);
    expect(pages.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(pages.headers.get('content-disposition')).toMatch(/^attachment; filename="pages-last-30-days-\d{4}-\d\d-\d\d\.csv"$/);
    expect(pages.headers.get('cache-control')).toBe('no-store');
    const pagesCsv = await pages.text();
    expect(pagesCsv).toContain('page,title,days,yes,no,percent_yes\r\n');
    expect(pagesCsv).toContain('/referral,How to get a referral,30,2,2,50\r\n');
    const reports = await (await send(jar, url('/staff/reports.csv'))).text();
    expect(reports).toContain(`"'=HYPERLINK(""http://x"")"`); // a formula is text in a spreadsheet
    const searches = await (await send(jar, url('/staff/searches.csv?days=7'))).text();
    expect(searches).toMatch(/query,times_searched,last_searched\r\nemail,3,\d{4}-\d\d-\d\d\r\nparking,1,/);
    const missing = await (await send(jar, url('/staff/missing-facts.csv'))).text();
    expect(missing).toContain('Care Coordination Centre email address,contact.md referral.md universal.md,3,email (3)');
    // A list or period that does not exist is a clear 4xx, not a 500.
    expect((await send(jar, url('/staff/secrets.csv'))).status).toBe(404);
    expect((await send(jar, url('/staff/?days=12'))).status).toBe(400);
    expect((await send(jar, url('/staff/?page=/nowhere'))).status).toBe(400);
  });

  it('every staff answer is no-store and kept out of search engines; /staff goes to /staff/, where the cookie is', async () => {
    for (const path of ['/staff/', '/staff/signed-out', '/staff/no-such-page', '/staff/callback']) {
      const response = await fetch(url(path), { redirect: 'manual' });
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(response.headers.get('x-robots-tag'), path).toBe('noindex, nofollow');
    }
    const bare = await fetch(url('/staff'), { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/staff/');
  });

  it('no public page sets a cookie, with the staff area on', async () => {
    const paths = [...site.holder.current.rendered.site.pages.keys(), '/search?q=email', '/no-such-page', '/sitemap.xml', '/robots.txt'];
    for (const path of paths) {
      for (const method of ['GET', 'HEAD']) {
        const response = await fetch(url(path), { method, redirect: 'manual' });
        expect(response.headers.getSetCookie(), `${method} ${path}`).toEqual([]);
      }
    }
    expect(paths.length).toBeGreaterThan(8);
  });
});

test('the privacy page explains the staff cookie as strictly necessary, with its name and how long it lasts', async () => {
  const { startSharedApp } = await import('../support/app.js');
  const app = await startSharedApp();
  try {
    const page = (await text(await fetch(`${app.origin}/privacy`))).replace(/<[^>]+>/g, '');
    expect(page).toContain(`called ${SESSION_COOKIE}`);
    expect(page).toContain('This cookie is strictly necessary');
    expect(page).toContain(`${SESSION_HOURS} hours after they signed in`);
  } finally {
    await app.close();
  }
});

describe('without OIDC settings', () => {
  const [backend] = storeBackends();
  let site: StaffSite;
  beforeAll(async () => {
    site = await startStaffSite(undefined, await backend!.newStore());
  }, 90_000);
  afterAll(async () => {
    await site.close();
    await backend!.cleanUp();
  });

  test('there is no staff area: /staff/ and its addresses are the site’s 404 page, with no cookie', async () => {
    for (const path of ['/staff/', '/staff/sign-in', '/staff/callback?code=a&state=b']) {
      const response = await fetch(site.origin + path);
      expect(response.status, path).toBe(404);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await response.text()).toContain('Page not found');
    }
  });
});

describe('npm start with the OIDC settings', () => {
  test('the server process signs staff in and shows the dashboard; its public pages still set no cookie', async () => {
    const provider = await startOidcProvider();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    provider.register(origin);
    const server = await startServer({ ...provider.env(), PORT: String(port), SITE_URL: origin, NODE_ENV: 'development' }, 60_000);
    try {
      expect(server.output()).toContain('Staff area on at /staff/');
      const { response } = await signInByHttp(new CookieJar(), origin, 'clinical-lead');
      expect(response.status).toBe(200);
      expect(await text(response)).toContain('What families found and missed');
      expect((await fetch(`${origin}/contact`)).headers.getSetCookie()).toEqual([]);
    } finally {
      await server.stop();
      await provider.close();
    }
  }, 90_000);
});

describe('a sign-in service that cannot be reached', () => {
  test('sign-in answers 503 with a page saying so; the public pages still serve', async () => {
    const provider = await startOidcProvider();
    await provider.close(); // nothing listens at the issuer's address any more
    const [backend] = storeBackends();
    const site = await startStaffSite(undefined, await backend!.newStore(), { env: provider.env() });
    try {
      const response = await fetch(`${site.origin}/staff/sign-in`, { redirect: 'manual' });
      expect(response.status).toBe(503);
      expect(await text(response)).toContain('Sign-in is not working at the moment');
      expect(response.headers.getSetCookie()).toEqual([]);
      expect((await fetch(`${site.origin}/contact`)).status).toBe(200);
    } finally {
      await site.close();
      await backend!.cleanUp();
    }
  }, 90_000);
});

describe('a store that cannot be read', () => {
  let provider: TestProvider;
  let site: StaffSite;
  beforeAll(async () => {
    provider = await startOidcProvider();
    // Nothing listens on port 9: every call to the store is refused.
    site = await startStaffSite(provider, { databaseUrl: 'postgres://nobody@127.0.0.1:9/none', dataDir: '/nonexistent', retryMs: 60_000 });
  }, 90_000);
  afterAll(async () => {
    await site.close();
    await provider.close();
  });

  test('the staff area says it is not working (503), and the public pages still serve', async () => {
    const { response } = await signInByHttp(new CookieJar(), site.origin, 'clinical-lead');
    expect(response.status).toBe(503);
    expect(await text(response)).toContain('The staff area is not working at the moment');
    expect((await fetch(site.origin + '/contact')).status).toBe(200);
  });
});
