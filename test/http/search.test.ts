import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startApp, startSharedApp } from '../support/app.js';
import { DEFAULT_CACHING } from '../../src/http/caching.js';
import { getRaw } from '../support/rawBody.js';
import { fixtureSite } from '../support/fixtureSite.js';

let app: Awaited<ReturnType<typeof startApp>>['app'];
beforeAll(async () => {
  ({ app } = await startSharedApp());
});

/** The address of each result, section included. */
const resultHrefs = (html: string) => [...html.matchAll(/<h2 class="nhsuk-heading-xs[^"]*"><a href="([^"]+)"/g)].map((m) => m[1]!);
/** The page of each result. */
const resultLinks = (html: string) => resultHrefs(html).map((href) => href.split('#')[0]);

describe('site search', () => {
  it('finds the pages that mention the words, best match first', async () => {
    const res = await request(app).get('/search').query({ q: 'referral' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(resultLinks(res.text)[0]).toBe('/referral');
    expect(res.text).toContain('<h1>Search results</h1>');
  });

  it('finds words in the body of a page, not only its title, and leaves out pages with only a common word', async () => {
    const res = await request(app).get('/search').query({ q: 'Phoenix Centre' });
    expect(resultHrefs(res.text)[0]).toBe('/contact#phoenix-centre');
    // "Centre" alone is on most pages ("Care Coordination Centre").
    expect(resultLinks(res.text)).not.toContain('/referral');
  });

  it('finds other forms of a word and ignores the words of a question', async () => {
    for (const q of ['referrals', 'referring', 'refer', 'how do I refer my child']) {
      const res = await request(app).get('/search').query({ q });
      expect(resultLinks(res.text).slice(0, 2), q).toContain('/referral');
    }
    expect(resultLinks((await request(app).get('/search').query({ q: 'how do I' })).text)).toEqual([]);
  });

  it('forgives a spelling mistake when the words as typed find nothing', async () => {
    const res = await request(app).get('/search').query({ q: 'refferal' });
    expect(resultLinks(res.text)[0]).toBe('/referral');
    expect(res.text).toContain('for “refferal”');
  });

  it('does not pad correctly spelt words with near misses', async () => {
    const { writeFile } = await import('node:fs/promises');
    const dir = await fixtureSite();
    const page = (name: string, words: string) =>
      writeFile(
        `${dir}/${name}.md`,
        `---\ntitle: ${name}\ndescription: A page.\norder: 9\nlastReviewed: 2026-01-01\nnextReview: 2036-01-01\n---\n\n${words}\n`,
      );
    await page('handles', 'Door handle practice.');
    await page('candles', 'Birthday candle practice.');
    const { app: site } = await startApp({ contentDir: dir });
    expect(resultLinks((await request(site).get('/search?q=handle')).text)).toEqual(['/handles']);
    expect(resultLinks((await request(site).get('/search?q=hendle')).text)).toEqual(['/handles']);
  });

  it('links each result to its section and shows the passage that matched, the words marked', async () => {
    const res = await request(app).get('/search').query({ q: 'EHCP' });
    expect(resultHrefs(res.text)[0]).toBe('/specialist#education-health-and-care-plans');
    const first = res.text.slice(res.text.indexOf('<li>', res.text.indexOf('app-search-results')));
    expect(first).toMatch(
      /^<li>\s*<h2[^>]*><a href="[^"]+">Education, Health and Care plans<\/a><\/h2>\s*<p[^>]*>On the page: Specialist support: referral needed<\/p>/,
    );
    const passage = /<p class="nhsuk-body-s nhsuk-u-margin-bottom-0">(.*?)<\/p>/.exec(first)![1]!;
    expect(passage).toContain('<mark>EHC</mark> <mark>plan</mark>');
    expect(passage.replace(/<\/?mark>/g, '').split(/\s+/).length).toBeLessThanOrEqual(32);
    expect(res.text).toMatch(/<p>\d+ results? for “EHCP”\.<\/p>/);
  });

  it('offers a corrected spelling, with a link, when a word typed is on no page', async () => {
    const res = await request(app).get('/search').query({ q: 'refferal form' });
    expect(res.text).toContain('Did you mean <a href="/search?q=referral%20form">referral form</a>?');
    expect(resultLinks(res.text)).toContain('/referral');
    expect((await request(app).get('/search').query({ q: 'referral form' })).text).not.toContain('Did you mean');
  });

  it('a search that finds nothing says so and gives a way forward: main pages, phone number and hours', async () => {
    const res = await request(app).get('/search').query({ q: 'zzqxw' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('0 results for “zzqxw”');
    expect(res.text).toContain('Check the spelling, or try fewer or different words.');
    for (const page of ['/', '/referral', '/contact']) expect(res.text).toContain(`<li><a href="${page}">`);
    expect(res.text).toContain('<a href="tel:03003305777">0300\u00a0330\u00a05777</a>');
    expect(res.text).toContain('9am to 5pm, Monday to Friday');
    expect(res.text).not.toContain('Did you mean');
  });

  it('escapes whatever is typed, wherever it is shown', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' onmouseover='alert(1)",
      'refferal <b>bold</b>',
      'referral &amp; &lt;i&gt;',
      '{{ 7*7 }} {% raw %}', // template syntax is words, never run
    ];
    const escape = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    for (const q of hostile) {
      const res = await request(app).get('/search').query({ q });
      expect(res.status, q).toBe(200);
      if (q !== escape(q)) expect(res.text, q).not.toContain(q);
      expect(res.text, q).toContain(`<title>Search results for ${escape(q)} - `);
      expect(res.text, q).toContain(`value="${escape(q)}"`);
      expect(res.text, q).toContain(`for “${escape(q)}”`);
      const main = res.text.slice(res.text.indexOf('<main'), res.text.indexOf('</main>'));
      expect(main, q).not.toMatch(/<(script|img|b|i)[ >]/);
      expect(main, q).not.toContain('49');
    }
    const corrected = await request(app).get('/search').query({ q: 'refferal <b>bold</b>' });
    expect(corrected.text).toContain(
      'Did you mean <a href="/search?q=referral%20%3Cb%3Ebold%3C%2Fb%3E">referral &lt;b&gt;bold&lt;/b&gt;</a>?',
    );
    // Typed marks are text; the only marks are the ones search puts round matched words.
    const marked = await request(app).get('/search').query({ q: '<mark>referral</mark>' });
    expect(marked.text).toContain('for “&lt;mark&gt;referral&lt;/mark&gt;”');
    expect(marked.text).toContain('<mark>referral</mark>');
    expect(marked.text).not.toContain('<mark><mark>');
  });

  it('the search box holds the words asked for, as text', async () => {
    const escaped: Record<string, string> = {
      '': '',
      referral: 'referral',
      '"><script>alert(1)</script>': '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
      "' & ’": '&#39; &amp; ’',
    };
    for (const [q, value] of Object.entries(escaped)) {
      const res = await request(app).get('/search').query({ q });
      const box = /<input [^>]*id="search-query"[^>]*>/.exec(res.text)?.[0];
      expect(box, q).toContain('class="nhsuk-input nhsuk-search-input__input"'); // nhsuk-frontend's own
      expect(box, q).toContain(`value="${value}"`);
      expect(res.text, q).not.toContain('<script>alert(1)');
    }
  });

  it('an empty search shows the search form and no results', async () => {
    const res = await request(app).get('/search');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Search this website</h1>');
    expect(resultLinks(res.text)).toEqual([]);
  });

  it('the search box in every page header sends its words to /search', async () => {
    const res = await request(app).get('/universal');
    expect(res.text).toMatch(/<form class="nhsuk-header__search-form" id="search" action="\/search" method="get"/);
    expect(res.text).toContain('name="q"');
  });

  it('a repeated q answers 400, not 500', async () => {
    const res = await request(app).get('/search?q=a&q=b');
    expect(res.status).toBe(400);
    expect(res.text).toContain('nhsuk-header');
  });

  it('q[]= is not the q parameter, so it is an empty search rather than an error', async () => {
    const res = await request(app).get('/search?q[]=referral');
    expect(res.status).toBe(200);
    expect(resultLinks(res.text)).toEqual([]);
  });

  it('a query longer than 200 characters answers 400', async () => {
    expect(
      (
        await request(app)
          .get('/search')
          .query({ q: 'a'.repeat(200) })
      ).status,
    ).toBe(200);
    expect(
      (
        await request(app)
          .get('/search')
          .query({ q: 'a'.repeat(201) })
      ).status,
    ).toBe(400);
  });

  it('results are compressed as pages are (brotli, else gzip, else plain), and cached per full address for a short time', async () => {
    const plain = await request(app).get('/search').query({ q: 'referral' }).set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(DEFAULT_CACHING.queryAnswer);
    const decoders = { br: brotliDecompressSync, gzip: gunzipSync };
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br', 'br'],
    ] as const) {
      const res = await getRaw(app, '/search?q=referral', { 'Accept-Encoding': accept });
      expect(res.headers['content-encoding'], accept).toBe(encoding);
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.headers['cache-control']).toBe(DEFAULT_CACHING.queryAnswer);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(decoders[encoding](res.body).toString('utf8')).toBe(plain.text);
    }
  });

  it('a HEAD gets the headers of the GET and no body', async () => {
    const get = await getRaw(app, '/search?q=referral', { 'Accept-Encoding': 'br' });
    const head = await request(app).head('/search?q=referral').set('Accept-Encoding', 'br');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.text).toBeUndefined();
  });

  it('draft pages are not found in production', async () => {
    const { writeFile } = await import('node:fs/promises');
    const dir = await fixtureSite();
    await writeFile(
      `${dir}/secret.md`,
      '---\ntitle: Unpublished zebra page\ndescription: Not ready.\norder: 9\nlastReviewed: 2026-01-01\nnextReview: 2036-01-01\ndraft: true\n---\n\nZebra words.\n',
    );
    const published = await startApp({ contentDir: dir, includeDrafts: false });
    expect(resultLinks((await request(published.app).get('/search?q=zebra')).text)).toEqual([]);
    const preview = await startApp({ contentDir: dir, includeDrafts: true });
    expect(resultLinks((await request(preview.app).get('/search?q=zebra')).text)).toEqual(['/secret']);
  });
});
