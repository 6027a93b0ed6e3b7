/**
 * What search engines read: /sitemap.xml, /robots.txt, each page's canonical link and its
 * structured data (JSON-LD), all from the same content as the pages.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startApp, startSharedApp } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';

const SITE_URL = 'https://ot.example.nhs.uk';
let started: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  started = await startSharedApp({ siteUrl: SITE_URL });
});

/** Every `<script type="application/ld+json">` of a page, parsed. */
function structuredData(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1]!) as Record<string, unknown>,
  );
}

const sitemapEntries = (xml: string) =>
  [...xml.matchAll(/<url>\s*<loc>([^<]+)<\/loc>\s*<lastmod>([^<]+)<\/lastmod>\s*<\/url>/g)].map((m) => [m[1], m[2]]);

// schema.org, as far as this site uses it.
const openingHours = z.object({
  '@type': z.literal('OpeningHoursSpecification'),
  dayOfWeek: z.array(z.string().regex(/^https:\/\/schema\.org\/[A-Z][a-z]+day$/)).min(1),
  opens: z.string().regex(/^\d\d:\d\d$/),
  closes: z.string().regex(/^\d\d:\d\d$/),
});
const governmentService = z.object({
  '@context': z.literal('https://schema.org'),
  '@type': z.literal('GovernmentService'),
  name: z.string(),
  description: z.string(),
  url: z.url(),
  provider: z.object({ '@type': z.literal('Organization'), name: z.string() }),
  areaServed: z.object({ '@type': z.literal('AdministrativeArea'), name: z.string() }),
  audience: z.object({ '@type': z.literal('PeopleAudience'), suggestedMinAge: z.number(), suggestedMaxAge: z.number() }),
  availableChannel: z.object({
    '@type': z.literal('ServiceChannel'),
    name: z.string(),
    servicePhone: z.object({ '@type': z.literal('ContactPoint'), name: z.string(), telephone: z.string(), hoursAvailable: openingHours }),
  }),
});
const breadcrumbList = z.object({
  '@context': z.literal('https://schema.org'),
  '@type': z.literal('BreadcrumbList'),
  itemListElement: z.array(z.object({ '@type': z.literal('ListItem'), position: z.int().min(1), name: z.string(), item: z.url() })).min(1),
});

describe('/sitemap.xml', () => {
  it('lists every published page by its absolute address, with the date it was last reviewed', async () => {
    const res = await request(started.app).get('/sitemap.xml').expect(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/,
    );
    const expected = [...started.build.rendered.site.pages.values()].map((page) => [`${SITE_URL}${page.path}`, page.meta.lastReviewed]);
    expect(sitemapEntries(res.text)).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(8);
    for (const [loc] of expected) await request(started.app).get(new URL(loc!).pathname).expect(200);
  });

  it('never lists a draft, even in the preview, which shows drafts', async () => {
    const preview = await startApp({ contentDir: await fixtureSite('rules/draft'), includeDrafts: true, siteUrl: SITE_URL });
    await request(preview.app).get('/wip').expect(200);
    const res = await request(preview.app).get('/sitemap.xml').expect(200);
    const locs = sitemapEntries(res.text).map(([loc]) => loc);
    expect(locs).toEqual([`${SITE_URL}/`, `${SITE_URL}/about`]);
  });

  it('is prepared like a page: conditional GET and compression', async () => {
    const first = await request(started.app).get('/sitemap.xml').set('Accept-Encoding', 'gzip').expect(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    await request(started.app).get('/sitemap.xml').set('If-None-Match', first.headers.etag!).expect(304);
  });
});

describe('/robots.txt', () => {
  it('lets crawlers in, keeps them out of search results, and points at the sitemap', async () => {
    const res = await request(started.app).get('/robots.txt').expect(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text.split('\n')).toEqual([
      'User-agent: *',
      'Disallow: /feedback/thanks',
      'Disallow: /search',
      '',
      `Sitemap: ${SITE_URL}/sitemap.xml`,
      '',
    ]);
  });
});

describe('every page', () => {
  const paths = () => [...started.build.rendered.site.pages.keys()];

  it('has a canonical link to its own absolute address', async () => {
    for (const path of paths()) {
      const res = await request(started.app).get(path).expect(200);
      const canonical = [...res.text.matchAll(/<link rel="canonical" href="([^"]+)">/g)].map((m) => m[1]);
      expect(canonical, path).toEqual([`${SITE_URL}${path}`]);
    }
  });

  it('describes the service in JSON-LD from the facts in site.yml, the same on every page, with a breadcrumb trail', async () => {
    const { site } = started.build.rendered;
    const { service } = site.settings;
    const seen = new Set<string>();
    for (const path of paths()) {
      const page = site.pages.get(path)!;
      const [serviceData, trail, ...rest] = structuredData((await request(started.app).get(path)).text);
      expect(rest, path).toEqual([]);
      const parsed = governmentService.parse(serviceData);
      seen.add(JSON.stringify(parsed));
      expect(parsed).toMatchObject({
        name: site.settings.serviceName,
        description: site.pages.get('/')!.meta.description,
        url: `${SITE_URL}/`,
        provider: { name: 'Bromley Healthcare' },
        areaServed: { name: service.area },
        audience: { suggestedMinAge: 0, suggestedMaxAge: 18 },
        availableChannel: {
          name: 'Care Coordination Centre',
          servicePhone: {
            telephone: '+44 300 330 5777',
            hoursAvailable: {
              dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((day) => `https://schema.org/${day}`),
              opens: '09:00',
              closes: '17:00',
            },
          },
        },
      });
      const crumbs = breadcrumbList.parse(trail).itemListElement;
      // The home page's trail is the home page itself; every other page's is Home, then the page.
      const expected =
        path === '/'
          ? [[page.meta.title, `${SITE_URL}/`]]
          : [
              ['Home', `${SITE_URL}/`],
              [page.meta.title, `${SITE_URL}${path}`],
            ];
      expect(
        crumbs.map((crumb) => [crumb.name, crumb.item]),
        path,
      ).toEqual(expected);
      expect(crumbs.map((crumb) => crumb.position)).toEqual(crumbs.map((_, i) => i + 1));
    }
    expect(seen.size).toBe(1);
  });

  it('the search page and the page not found describe the service too, without a canonical link or a trail', async () => {
    for (const [path, status] of [
      ['/search?q=referral', 200],
      ['/no-such-page', 404],
    ] as const) {
      const res = await request(started.app).get(path).expect(status);
      const data = structuredData(res.text);
      expect(
        data.map((d) => d['@type']),
        path,
      ).toEqual(['GovernmentService']);
      expect(res.text, path).not.toContain('rel="canonical"');
    }
  });

  it('cannot be broken out of: text that closes the script is escaped', async () => {
    const { jsonLd } = await import('../../src/render/structuredData.js');
    const text = jsonLd({ name: '</script><script>alert(1)</script> & <!--' });
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual({ name: '</script><script>alert(1)</script> & <!--' });
  });
});
