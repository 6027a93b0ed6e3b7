/**
 * The search results page: the one page rendered per request, because it depends on the
 * words asked for. The template is compiled once; the query is escaped by autoescape.
 */
import type nunjucks from 'nunjucks';
import type { SiteSearch } from '../content/search.js';
import type { Site } from '../content/site.js';
import { chromeFor, type Assets } from './viewModel.js';

export const SEARCH_PATH = '/search';

export type SearchPageRenderer = (query: string) => string;

export function searchPageRenderer(env: nunjucks.Environment, site: Site, assets: Assets, index: SiteSearch): SearchPageRenderer {
  const template = env.getTemplate('search.njk', true);
  const chrome = chromeFor(site, assets, SEARCH_PATH);
  return (query) => {
    const results = index.search(query);
    const count = `${results.length} result${results.length === 1 ? '' : 's'}`;
    return template.render({
      chrome,
      page: {},
      search: {
        query,
        results,
        title: query ? `Search results for ${query}` : 'Search',
        heading: query ? 'Search results' : 'Search this website',
        summary: `${count} for “${query}”.`,
      },
    });
  };
}
