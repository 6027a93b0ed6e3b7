/**
 * The search results page: the one page whose words depend on the request. The page
 * around the results (head, header, search box, footer: most of its bytes and nearly all
 * of the macro calls) is rendered once per build from views/search.njk with placeholders;
 * each request renders only the list of results (views/partials/search-results.njk,
 * compiled once) and fills the placeholders, escaped as autoescape would.
 */
import type nunjucks from 'nunjucks';
import type { SiteSearch } from '../content/search.js';
import type { Site } from '../content/site.js';
import { chromeFor, type Assets } from './viewModel.js';

export const SEARCH_PATH = '/search';

export type SearchPageRenderer = (query: string) => string;

const SLOTS = ['title', 'heading', 'query', 'body'] as const;
const placeholder = (slot: string) => `\u0000search-${slot}\u0000`;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** The same escaping as Nunjucks' autoescape. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export function searchPageRenderer(env: nunjucks.Environment, site: Site, assets: Assets, index: SiteSearch): SearchPageRenderer {
  const chrome = chromeFor(site, assets, SEARCH_PATH);
  const shell = env.render('search.njk', { chrome, page: {}, search: Object.fromEntries(SLOTS.map((slot) => [slot, placeholder(slot)])) });
  const pieces = splitAtSlots(shell);
  const results = env.getTemplate('partials/search-results.njk', true);

  return (query) => {
    const found = index.search(query);
    const count = `${found.length} result${found.length === 1 ? '' : 's'}`;
    const body = results.render({ serviceName: chrome.serviceName, search: { query, results: found, summary: `${count} for “${query}”.` } });
    const filled: Record<(typeof SLOTS)[number], string> = {
      title: escapeHtml(query ? `Search results for ${query}` : 'Search'),
      heading: query ? 'Search results' : 'Search this website',
      query: escapeHtml(query),
      body,
    };
    return pieces.map((piece) => (typeof piece === 'string' ? piece : filled[piece.slot])).join('');
  };
}

/** The shell cut at each placeholder, each of which must appear exactly once. */
function splitAtSlots(shell: string): (string | { slot: (typeof SLOTS)[number] })[] {
  const found = SLOTS.map((slot) => ({ slot, at: shell.indexOf(placeholder(slot)) }));
  for (const { slot, at } of found) {
    if (at < 0 || shell.indexOf(placeholder(slot), at + 1) >= 0) throw new Error(`search.njk must show search.${slot} exactly once`);
  }
  const pieces: (string | { slot: (typeof SLOTS)[number] })[] = [];
  let from = 0;
  for (const { slot, at } of found.sort((a, b) => a.at - b.at)) {
    pieces.push(shell.slice(from, at), { slot });
    from = at + placeholder(slot).length;
  }
  pieces.push(shell.slice(from));
  return pieces;
}
