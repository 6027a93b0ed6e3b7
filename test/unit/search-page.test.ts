/**
 * The search results page is laid out from pieces rendered once. Whatever the words, the
 * page must be exactly the one Nunjucks renders from the same templates with those words.
 */
import { describe, expect, it } from 'vitest';
import { SEARCH_PATH } from '../../src/render/searchPage.js';
import { joinPieces } from '../../src/render/pieces.js';
import { createEnvironment } from '../../src/render/environment.js';
import { chromeRenderer } from '../../src/render/chrome.js';
import { buildSearchIndex } from '../../src/content/search.js';
import { buildOptions, startApp } from '../support/app.js';

describe('the search results page', () => {
  it('is the page Nunjucks renders with the words asked for, whatever they are', async () => {
    const { build } = await startApp();
    const { site, search } = build.rendered;
    const env = createEnvironment(buildOptions().viewsDir);
    const index = buildSearchIndex(site.pages.values());
    const chrome = chromeRenderer(env, site, build.assets, 'http://localhost:3000')(SEARCH_PATH);
    const queries = ['referral', 'Phoenix Centre', 'no such words zzz', '<script>"&\'</script>', 'café “quotes” — ünïcode', 'a'];
    for (const query of [...queries, '']) {
      const results = index.search(query);
      const rendered = env.render('search.njk', {
        chrome,
        page: {},
        search: {
          query,
          count: `${results.length} result${results.length === 1 ? '' : 's'}`,
          found: results.length > 0,
          results: results.map((result) => env.render('partials/search-result.njk', { result })).join(''),
        },
      });
      expect(joinPieces(search(query)).toString('utf8'), query).toBe(rendered);
    }
    expect(index.search('referral').length).toBeGreaterThan(1);
  });
});
