/**
 * Site search: a full-text index (MiniSearch) of every published page, built once from the
 * Site at load time. Words match whole words or the start of longer ones; a spelling
 * mistake is forgiven when nothing matches as typed. Drafts are not in the Site in
 * production, so they are never found. A search then only looks words up in memory.
 */
import MiniSearch from 'minisearch';
import type { Page } from './page.js';

/** The longest query we answer; longer ones are refused before they reach the index. */
export const MAX_QUERY_LENGTH = 200;
const MAX_RESULTS = 20;

/**
 * Words of 5 letters or more may be a letter or two out (one in five). Only tried when the
 * words as typed find nothing: a spelling mistake still finds its page, and correctly spelt
 * words are not padded with near misses. Looking up words as typed is also much quicker.
 */
const TYPO_TOLERANCE = (term: string) => (term.length >= 5 ? 0.2 : false);

export interface SearchResult {
  path: string;
  title: string;
  description: string;
}

export interface SiteSearch {
  search(query: string): SearchResult[];
}

interface Document extends SearchResult {
  headings: string;
  text: string;
}

/** What a search shows of a page. */
export function searchResultFor(page: Page): SearchResult {
  return { path: page.path, title: page.meta.title, description: page.meta.description };
}

export function buildSearchIndex(pages: Iterable<Page>): SiteSearch {
  const index = new MiniSearch<Document>({
    idField: 'path',
    fields: ['title', 'description', 'headings', 'text'],
    storeFields: ['path', 'title', 'description'],
    searchOptions: {
      boost: { title: 4, headings: 2, description: 2 },
      prefix: (term) => term.length >= 3,
      combineWith: 'AND',
    },
  });
  index.addAll(
    [...pages].map((page) => ({
      ...searchResultFor(page),
      headings: page.body.headings.map((heading) => heading.text).join('\n'),
      text: page.body.textBlocks.join('\n'),
    })),
  );
  return {
    search(query) {
      const words = query.trim();
      if (!words) return [];
      const asTyped = index.search(words);
      const hits = asTyped.length ? asTyped : index.search(words, { fuzzy: TYPO_TOLERANCE });
      return hits
        .slice(0, MAX_RESULTS)
        .map((hit) => ({ path: hit.id as string, title: hit.title as string, description: hit.description as string }));
    },
  };
}
