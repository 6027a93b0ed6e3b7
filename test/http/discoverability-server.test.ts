/**
 * The sitemap, robots.txt and the Open Referral feed from the real server process, as
 * `npm start` runs it (its fast path included), and the warning it gives when SITE_URL is unset.
 */
import { describe, it } from 'vitest';
import { startServerForTest } from '../support/process.js';

const warnings = (output: string) => output.split('\n').filter((line) => line.includes('SITE_URL is not set'));

// The two servers start at the same time.
describe.concurrent('the real server', () => {
  it('warns once, loudly, when SITE_URL is not set in production, and still serves', async (context) => {
    const { expect } = context;
    delete process.env.SITE_URL; // this worker's own environment, passed on to the server
    const server = await startServerForTest(context, { NODE_ENV: 'production' });
    const [warning, ...more] = warnings(server.output());
    expect(more).toEqual([]);
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, msg: expect.stringContaining('Set SITE_URL to') });
    const robots = await fetch(`http://127.0.0.1:${server.port}/robots.txt`);
    // Unset, the public address is this machine on the port the server listens on.
    expect(await robots.text()).toContain(`Sitemap: http://localhost:${server.port}/sitemap.xml`);
  }, 30_000);

  it('answers the sitemap, robots.txt and every feed endpoint with their own types', async (context) => {
    const { expect } = context;
    const server = await startServerForTest(context, { NODE_ENV: 'production', SITE_URL: 'https://ot.example.nhs.uk/' });
    expect(warnings(server.output())).toEqual([]);
    const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);

    const sitemap = await get('/sitemap.xml');
    expect([sitemap.status, sitemap.headers.get('content-type')]).toEqual([200, 'application/xml; charset=utf-8']);
    expect(await sitemap.text()).toContain('<loc>https://ot.example.nhs.uk/referral</loc>');
    const robots = await get('/robots.txt');
    expect([robots.status, robots.headers.get('content-type')]).toEqual([200, 'text/plain; charset=utf-8']);

    const list = await get('/openreferral/services');
    const { contents } = (await list.json()) as { contents: { id: string }[] };
    for (const [path, status] of [
      ['/openreferral/', 200],
      ['/openreferral', 200],
      [`/openreferral/services/${contents[0]!.id}`, 200],
      ['/openreferral/services?page=0', 400],
      ['/openreferral/services/unknown', 404],
      ['/OpenReferral/services', 200],
    ] as const) {
      const res = await get(path);
      expect([path, res.status, res.headers.get('content-type'), res.headers.get('access-control-allow-origin')]).toEqual([
        path,
        status,
        'application/json; charset=utf-8',
        '*',
      ]);
    }
  }, 30_000);
});
