/**
 * The search results page: the one page whose words depend on the request. It is rendered
 * once per build from views/search.njk for each of its three states (no words yet, some
 * results, no results), with placeholders where the words asked for, the count and the
 * results go, and cut into fixed pieces at them; each page's result is rendered once from
 * views/partials/search-result.njk. A request renders nothing: it looks the words up and
 * lays the pieces out around its own words, escaped as autoescape would (pieces.ts says how
 * that is sent compressed).
 */
import type nunjucks from 'nunjucks';
import type { Page } from '../content/page.js';
import { searchResultFor, type SiteSearch } from '../content/search.js';
import type { RenderedChrome } from './chrome.js';
import { escapeHtml } from './environment.js';
import { fixedPiece, type FixedPiece, type Piece } from './pieces.js';

export const SEARCH_PATH = '/search';

export type SearchPageRenderer = (query: string) => Piece[];

type Slot = 'query' | 'count' | 'results';
type Shell = (FixedPiece | Slot)[];

const placeholder = (slot: Slot) => `\u0000search-${slot}\u0000`;
// eslint-disable-next-line no-control-regex -- NUL cannot occur in rendered HTML, so it marks the slots safely
const PLACEHOLDER = /\u0000search-(query|count|results)\u0000/g;

/** `chrome`: what is around the page, with the search page as the current one. */
export function searchPageRenderer(
  env: nunjucks.Environment,
  chrome: RenderedChrome,
  pages: Iterable<Page>,
  index: SiteSearch,
): SearchPageRenderer {
  const shell = (state: { query: boolean; found: boolean }, slots: Slot[]): Shell => {
    const search = {
      query: state.query ? placeholder('query') : '',
      count: placeholder('count'),
      found: state.found,
      results: placeholder('results'),
    };
    return cutAtSlots(env.render('search.njk', { chrome, page: {}, search }), slots);
  };
  const empty = shell({ query: false, found: false }, []) as FixedPiece[]; // no slots: cutAtSlots refuses any
  const found = shell({ query: true, found: true }, ['query', 'count', 'results']);
  const none = shell({ query: true, found: false }, ['query', 'count']);

  const resultTemplate = env.getTemplate('partials/search-result.njk', true);
  const resultPieces = new Map<string, FixedPiece>();
  for (const page of pages) resultPieces.set(page.path, fixedPiece(resultTemplate.render({ result: searchResultFor(page) })));

  return (query) => {
    if (!query) return empty;
    const results = index.search(query);
    const fills: Record<Slot, Piece[]> = {
      query: [Buffer.from(escapeHtml(query), 'utf8')],
      count: [Buffer.from(`${results.length} result${results.length === 1 ? '' : 's'}`, 'utf8')],
      results: results.map((result) => resultPieces.get(result.path)!),
    };
    return (results.length ? found : none).flatMap((part) => (typeof part === 'string' ? fills[part] : part));
  };
}

/** The rendered shell as fixed pieces and the slots between them: exactly the slots in `slots`, each at least once. */
function cutAtSlots(html: string, slots: Slot[]): Shell {
  const shell: Shell = [];
  let from = 0;
  for (const match of html.matchAll(PLACEHOLDER)) {
    const slot = match[1] as Slot;
    if (!slots.includes(slot)) throw new Error(`search.njk shows search.${slot} where it has no value`);
    shell.push(fixedPiece(html.slice(from, match.index)), slot);
    from = match.index + match[0].length;
  }
  shell.push(fixedPiece(html.slice(from)));
  for (const slot of slots) {
    if (!shell.includes(slot)) throw new Error(`search.njk must show search.${slot}`);
  }
  return shell;
}
