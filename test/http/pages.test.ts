import request from 'supertest';
import { formatDate } from '../../src/features/pages/viewModel.js';
import { visibleText } from '../support/text.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSharedApp } from '../support/app.js';

let app: Awaited<ReturnType<typeof startSharedApp>>['app'];
beforeAll(async () => {
  ({ app } = await startSharedApp());
});

const ROUTES: [path: string, heading: string][] = [
  ['/', "Children's Occupational Therapy"],
  ['/universal', 'Help for all children'],
  ['/targeted', 'Extra support: referral needed'],
  ['/specialist', 'Specialist support: referral needed'],
  ['/referral', 'How to get a referral'],
  ['/contact', 'Contact us'],
];

const escape = (text: string) => text.replace(/'/g, '&#39;');

describe('every page of the site', () => {
  it.each(ROUTES)('%s answers 200 with its heading', async (path, heading) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(`<h1>${escape(heading)}</h1>`);
  });

  it.each(ROUTES)('%s shows when it was last reviewed and when it is next due', async (path) => {
    const res = await request(app).get(path);
    expect(res.text).toMatch(/Page last reviewed: \d{1,2} [A-Z][a-z]+ \d{4}<br>Next review due: \d{1,2} [A-Z][a-z]+ \d{4}/);
  });

  it('writes review dates out in words, as the NHS does', async () => {
    const res = await request(app).get('/referral'); // lastReviewed: 2026-11-25, nextReview: 2027-11-25
    expect(res.text).toContain('Page last reviewed: 25 November 2026<br>Next review due: 25 November 2027');
    expect(formatDate('2026-01-01')).toBe('1 January 2026');
    expect(formatDate('2027-12-31')).toBe('31 December 2027');
  });

  it('the header names the provider and the service, and links every section', async () => {
    const res = await request(app).get('/');
    expect(res.text).toContain('nhsuk-header--organisation');
    expect(res.text).toContain('<span class="nhsuk-header__organisation-name">Bromley Healthcare</span>');
    for (const [path] of ROUTES.slice(1)) expect(res.text).toContain(`class="nhsuk-header__navigation-link" href="${path}"`);
  });

  it('the footer copyright is the provider, not NHS England', async () => {
    const res = await request(app).get('/contact');
    expect(res.text).toContain('© Bromley Healthcare');
    expect(res.text).not.toContain('NHS England');
  });

  it('the current page is marked in the navigation', async () => {
    const res = await request(app).get('/targeted');
    expect(res.text).toContain('href="/targeted" aria-current="page"');
  });

  it('the home page leads with three tasks, then a phone number to tap (an action link) and its hours, and shows the three tiers as cards', async () => {
    const { build } = await startSharedApp();
    const res = await request(app).get('/');
    const cards = [...res.text.matchAll(/<a class="nhsuk-card__link" href="([^"]+)">([^<]+)</g)].map((m) => [m[1], m[2]]);
    expect(cards.slice(0, 3)).toEqual([
      ['/could-ot-help', 'Could Occupational Therapy help my child?'],
      ['/universal', 'Help for all children'],
      ['/referral', 'How to get a referral'],
    ]);
    expect(cards.slice(3).map(([href]) => href)).toEqual(['/universal', '/targeted', '/specialist']);
    for (const tier of build.rendered.site.tiers) expect(res.text).toContain(escape(tier.meta.description));
    const phone = res.text.indexOf('href="tel:03003305777"');
    expect(phone).toBeGreaterThan(res.text.indexOf('href="/referral"'));
    expect(phone).toBeLessThan(res.text.indexOf('href="/targeted"', res.text.indexOf('<main')));
    expect(res.text).toMatch(/<a class="nhsuk-action-link" href="tel:03003305777">/);
    expect(visibleText(res.text)).toMatch(/Phone 0300 330 5777 Open 9am to 5pm, Monday to Friday\./);
  });

  it('tier pages name the tier in plain words, then say once who it is for and what professionals call it', async () => {
    for (const [path, heading, lead] of [
      [
        '/universal',
        'Help for all children',
        'This help is for all children. Your child does not need a referral to use it. Professionals call it the universal offer.',
      ],
      [
        '/targeted',
        'Extra support: referral needed',
        'This support is for some children with additional needs. Professionals call it targeted support.',
      ],
      [
        '/specialist',
        'Specialist support: referral needed',
        'This support is for a few children with additional needs. Professionals call it specialist support.',
      ],
    ] as const) {
      const html = (await request(app).get(path)).text;
      // "On this page" (links to the headings below) may sit between the heading and the lead.
      const prose = html.replace(/<p[^>]*>On this page<\/p>\s*<nav class="nhsuk-contents-list"[^]*?<\/nav>/, '');
      expect(visibleText(prose), path).toContain(`${heading} ${lead}`);
      // No lead paragraph or summary list above it saying the same again.
      expect(html, path).not.toContain('nhsuk-lede-text');
      expect(html, path).not.toContain('nhsuk-summary-list');
    }
  });

  it('content pages have breadcrumbs back home that leave out the current page', async () => {
    const res = await request(app).get('/referral');
    const trail = /<ol class="nhsuk-breadcrumb__list">([^]*?)<\/ol>/.exec(res.text)?.[1] ?? '';
    expect(trail).toContain('href="/"');
    expect(trail).not.toContain('How to get a referral');
  });

  it('an address with a trailing slash redirects to the page', async () => {
    const res = await request(app).get('/referral/');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/referral');
  });
});

describe('pages that do not exist', () => {
  it('answer 404 with a page in the same design that links home', async () => {
    const res = await request(app).get('/no-such-page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('<h1>Page not found</h1>');
    expect(res.text).toContain('href="/"');
    expect(res.text).toContain('nhsuk-header');
  });

  it('a web address that cannot be decoded answers 400, not 500', async () => {
    const res = await request(app).get('/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.text).toContain('nhsuk-header');
  });

  it('a POST answers 405 with the methods allowed', async () => {
    const res = await request(app).post('/referral').send('a=b');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('the server', () => {
  it('does not say it is Express', async () => {
    const res = await request(app).get('/');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sends a strict Content Security Policy with no unsafe-inline', async () => {
    const res = await request(app).get('/');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain('font-src https://assets.nhs.uk');
  });

  it('the inline script in the page matches the hash in the policy', async () => {
    const { createHash } = await import('node:crypto');
    const res = await request(app).get('/');
    const script = /<script>([^<]*)<\/script>/.exec(res.text)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(res.headers['content-security-policy']).toContain(`'sha256-${hash}'`);
  });

  it('serves the stylesheet and script the pages link to, and the nhsuk-frontend images', async () => {
    const page = await request(app).get('/');
    const urls = [...page.text.matchAll(/(?:href|src)="(\/(?:static|assets)\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const url of urls) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(200);
    }
  });

  it('compresses pages for clients that accept it', async () => {
    const res = await request(app).get('/').set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});
