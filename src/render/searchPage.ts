/**
 * The search results page: the one page whose words depend on the request. It is rendered
 * once per build from views/search.njk for each of its three states (no words yet, some
 * results, no results), with placeholders where the words asked for, the count and the
 * results go, and cut into fixed pieces at them. Each result is rendered from
 * views/partials/search-result.njk the first time its page is found, and kept. A request
 * then renders nothing: it looks the words up and lays the pieces out with its own words,
 * escaped as autoescape would (see pieces.ts for how that is sent compressed).
 */
import nunjucks from 'nunjucks';
import type { SearchResult, SiteSearch } from '../content/search.js';
import { fixedPiece, type FixedPiece, type Piece } from './pieces.js';
import type { RenderedChrome } from './chrome.js';

export const SEARCH_PATH = '/search';

export type SearchPageRenderer = (query: string) => Piece[];

type Slot = 'query' | 'count' | 'results';
type Shell = (FixedPiece | Slot)[];

const placeholder = (slot: Slot) => `\u0000search-${slot}\u0000`;
const PLACEHOLDER = /\u0000search-(query|count|results)\u0000/g;

/** Nunjucks' own autoescape function (present at run time, missing from its type definitions). */
const escape = (nunjucks.lib as unknown as { escape(text: string): string }).escape;

/** `chrome`: what is around the page, with the search page as the current one. */
export function searchPageRenderer(env: nunjucks.Environment, chrome: RenderedChrome, index: SiteSearch): SearchPageRenderer {
  const shell = (state: { query: boolean; found: boolean }, slots: Slot[]): Shell => {
    const search = { query: state.query ? placeholder('query') : '', count: placeholder('count'), found: state.found, results: placeholder('results') };
    return cutAtSlots(env.render('search.njk', { chrome, page: {}, search }), slots);
  };
  const empty = shell({ query: false, found: false }, []).filter((part) => typeof part !== 'string');
  const found = shell({ query: true, found: true }, ['query', 'count', 'results']);
  const none = shell({ query: true, found: false }, ['query', 'count']);

  const resultTemplate = env.getTemplate('partials/search-result.njk', true);
  const renderedResults = new Map<string, FixedPiece>();
  const resultPiece = (result: SearchResult): FixedPiece => {
    let piece = renderedResults.get(result.path);
    if (!piece) renderedResults.set(result.path, (piece = fixedPiece(resultTemplate.render({ result }))));
    return piece;
  };

  return (query) => {
    if (!query) return empty;
    const results = index.search(query);
    const words: Record<Exclude<Slot, 'results'>, Buffer> = {
      query: Buffer.from(escape(query), 'utf8'),
      count: Buffer.from(`${results.length} result${results.length === 1 ? '' : 's'}`, 'utf8'),
    };
    return (results.length ? found : none).flatMap((part) => (typeof part !== 'string' ? part : part === 'results' ? results.map(resultPiece) : words[part]));
  };
}

/** The rendered shell as fixed pieces and the slots between them; each of `slots` must be there. */
function cutAtSlots(html: string, slots: Slot[]): Shell {
  const shell: Shell = [];
  let from = 0;
  for (const match of html.matchAll(PLACEHOLDER)) {
    shell.push(fixedPiece(html.slice(from, match.index)), match[1] as Slot);
    from = match.index + match[0].length;
  }
  shell.push(fixedPiece(html.slice(from)));
  for (const slot of slots) {
    if (!shell.includes(slot)) throw new Error(`search.njk must show search.${slot}`);
  }
  return shell;
}
