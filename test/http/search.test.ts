import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { startApp } from '../support/app.js';
import { DEFAULT_CACHING } from '../../src/http/caching.js';
import { getRaw } from '../support/rawBody.js';
import { fixtureSite } from '../support/fixtureSite.js';

let app: Awaited<ReturnType<typeof startApp>>['app'];
beforeAll(async () => {
  ({ app } = await startApp());
});

const resultLinks = (html: string) => [...html.matchAll(/<h2 class="nhsuk-heading-xs[^"]*"><a href="([^"]+)"/g)].map((m) => m[1]);

describe('site search', () => {
  it('finds the pages that mention the words, best match first', async () => {
    const res = await request(app).get('/search').query({ q: 'referral' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(resultLinks(res.text)[0]).toBe('/referral');
    expect(res.text).toContain('<h1>Search results</h1>');
  });

  it('finds words in the body of a page, not only its title', async () => {
    const res = await request(app).get('/search').query({ q: 'Phoenix Centre' });
    expect(resultLinks(res.text)).toContain('/contact');
    expect(resultLinks(res.text)).not.toContain('/referral');
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

  it('says so when nothing matches, and shows the words asked for, escaped', async () => {
    const res = await request(app).get('/search').query({ q: '<script>alert(1)</script>' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('0 results for “&lt;script&gt;alert(1)&lt;/script&gt;”');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toContain('<title>Search results for &lt;script&gt;alert(1)&lt;/script&gt; - ');
    expect(res.text).toContain('Check the spelling');
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

  it('results are gzipped for clients that accept it, and cached per full address for a short time', async () => {
    const plain = await request(app).get('/search').query({ q: 'referral' }).set('Accept-Encoding', 'identity');
    const zipped = await getRaw(app, '/search?q=referral', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['cache-control']).toBe(DEFAULT_CACHING.queryAnswer);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(gunzipSync(zipped.body).toString('utf8')).toBe(plain.text);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('a client that takes brotli but not gzip gets the results plain', async () => {
    const res = await request(app).get('/search').query({ q: 'referral' }).set('Accept-Encoding', 'br');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(resultLinks(res.text)[0]).toBe('/referral');
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
