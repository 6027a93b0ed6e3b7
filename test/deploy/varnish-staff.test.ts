/**
 * The staff area behind Varnish (deploy/varnish.vcl): its requests keep their cookie and pass
 * to the origin, so staff can sign in through the cache, and a dashboard is never kept in the
 * cache for the next person. The public pages are still cached (test/deploy/varnish.test.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, send, signInByHttp, startOidcProvider, type TestProvider } from '../support/oidcProvider.js';
import { startStaffSite, type StaffSite } from '../support/staffSite.js';
import { installed, waitFor } from './support/tools.js';
import { startVarnish, VARNISHD, type Varnish } from './support/varnish.js';

const run = installed(VARNISHD, 'varnish', 'the staff area behind Varnish (test/deploy/varnish-staff.test.ts)');

let dir: string;
let provider: TestProvider;
let site: StaffSite;
let varnish: Varnish | undefined;

beforeAll(async () => {
  if (!run) return;
  dir = await mkdtemp(join(tmpdir(), 'ot-varnish-staff-'));
  provider = await startOidcProvider();
  site = await startStaffSite(
    provider,
    { dataDir: join(dir, 'data') },
    {
      publicOrigin: async (port) => {
        varnish = await startVarnish([port]);
        return `http://127.0.0.1:${varnish.port}`;
      },
    },
  );
  // Varnish sends nothing to the origin until its probe of /readyz has passed.
  await waitFor('Varnish to find the origin ready', async () => ((await fetch(`${site.origin}/readyz`)).ok ? true : undefined), 60_000);
}, 120_000);

afterAll(async () => {
  await varnish?.stop();
  await site?.close();
  await provider?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!run)('the staff area behind Varnish', () => {
  it('staff sign in through the cache, and their dashboard is never served to anyone else', async () => {
    const jar = new CookieJar();
    const { url, response } = await signInByHttp(jar, site.origin, 'clinical-lead');
    expect(url).toBe(`${site.origin}/staff/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Signed in as Clinical Lead');
    for (let i = 0; i < 2; i++) {
      const again = await send(jar, `${site.origin}/staff/`);
      expect(again.headers.get('x-cache')).toBe('MISS');
      expect(await again.text()).toContain('Signed in as Clinical Lead');
    }
    // Someone else, without the cookie, is asked to sign in.
    const stranger = await fetch(`${site.origin}/staff/`);
    expect(stranger.headers.get('x-cache')).toBe('MISS');
    const page = await stranger.text();
    expect(page).toContain('Sign in with your organisation account');
    expect(page).not.toContain('Clinical Lead');
  });

  it('the public pages are still cached, and a cookie sent to them is ignored', async () => {
    const first = await fetch(`${site.origin}/contact`, { headers: { cookie: 'staff_session=x' } });
    await first.text();
    const second = await fetch(`${site.origin}/contact`, { headers: { cookie: 'something=else' } });
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.getSetCookie()).toEqual([]);
  });
});
