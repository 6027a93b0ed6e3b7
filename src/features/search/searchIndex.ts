/**
 * Site search: a full-text index (MiniSearch) of every section of every published page
 * (sections.ts), built once from the Site at load time. A search then only looks words
 * up in memory.
 *
 * How the words typed become a search:
 * - each word becomes its term (searchWords.ts): stemmed, stop words left out;
 * - a word that is on no page, and is not the start of one, is taken as a spelling
 *   mistake and replaced by the nearest word on the site, if there is one, and the answer
 *   says so ("Did you mean …?");
 * - editors' synonyms (synonyms.ts) add the site's own words for what was typed;
 * - sections are ranked (BM25) by all these words, any of them matching, so a question
 *   finds the section with the words that matter; the best section of each page is kept,
 *   and sections far below the best are left out.
 * Drafts are not in the Site in production, so they are never found.
 */
import MiniSearch, { type Query } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Page } from '../../content/page.js';
import { sectionsOf, type Section } from '../../content/sections.js';
import { normalWord, termOf, termWordsOf, wordsOf } from '../../content/searchWords.js';
import { synonymTerms, type Synonyms } from '../../content/synonyms.js';

/** The longest query we answer; longer ones are refused before they reach the index. */
export const MAX_QUERY_LENGTH = 200;
const MAX_RESULTS = 20;

/** A title or heading that matches says more than the same word in the text. */
const BOOST = { pageTitle: 2, heading: 3 };

/** Words of 5 letters or more may be a letter or two out (one in five). */
const typosAllowed = (word: string) => (word.length >= 5 ? Math.round(word.length * 0.2) : 0);

/**
 * A site word an editor gave for what was typed counts for more than a word typed: the
 * editor chose it for what the words mean together ("phone number" → "contact").
 */
const SYNONYM_BOOST = 1.5;

/**
 * Sections scoring under this share of the best are left out: with any word enough to
 * match, they matched only a word that most sections have ("Centre" in "Phoenix Centre").
 */
const RELEVANCE_FLOOR = 0.1;

/** A word typed matches longer words it starts ("physio" finds "physiotherapist"). */
const PREFIX_FROM = 4;

export interface SearchHit {
  section: Section;
  /** The section's terms that matched, to mark them in its passage. */
  terms: string[];
}

export interface SearchAnswer {
  /** The best section of each page found, best first. */
  hits: SearchHit[];
  /** The words as typed with misspelt ones corrected, when there were any. */
  correction?: string;
}

export interface SiteSearch {
  search(query: string): SearchAnswer;
}

export function buildSearchIndex(pages: Iterable<Page>, synonyms: Synonyms = {}): SiteSearch {
  const sections = [...pages].flatMap(sectionsOf);
  const index = new MiniSearch<Section & { id: number }>({
    fields: ['pageTitle', 'heading', 'text'],
    storeFields: [],
    tokenize: (text) => wordsOf(text).map((word) => word.text),
    processTerm: (word) => termOf(word),
    searchOptions: {
      boost: BOOST,
      prefix: (term) => term.length >= PREFIX_FROM,
      combineWith: 'OR',
      // Queries are built from terms already (below).
      tokenize: (terms) => terms.split(' '),
      processTerm: (term) => term,
    },
  });
  index.addAll(sections.map((section, id) => ({ ...section, id })));

  const vocabulary = siteVocabulary(sections);
  const expansions = synonymTerms(synonyms);
  const synonymWords = new Set(expansions.flatMap((synonym) => synonym.typed));

  /** A word that is on the site, starts a word on the site, or is a synonym editors gave. */
  const known = (word: string, term: string) =>
    vocabulary.terms.has(term) ||
    synonymWords.has(term) ||
    (word.length >= PREFIX_FROM && !vocabulary.words.atPrefix(word).keys().next().done);

  return {
    search(query) {
      let correction = '';
      let from = 0;
      const terms: string[] = [];
      for (const { text, index: at } of wordsOf(query)) {
        const word = normalWord(text);
        let term = termOf(word);
        if (!term) continue;
        if (!known(word, term)) {
          const near = vocabulary.nearest(word);
          if (near) {
            correction += query.slice(from, at) + near;
            from = at + text.length;
            term = termOf(near)!;
          }
        }
        terms.push(term);
      }
      if (!terms.length) return { hits: [] };

      const alsoMeant = expansions.filter((synonym) => occursIn(synonym.typed, terms)).flatMap((synonym) => synonym.means);
      const search: Query = {
        combineWith: 'OR',
        queries: [terms.join(' '), ...alsoMeant.map((means): Query => ({ combineWith: 'AND', queries: [means.join(' ')] }))],
      };
      const typed = new Set(terms);
      const hits: SearchHit[] = [];
      const pagesFound = new Set<string>();
      const results = index.search(search, { boostTerm: (term) => (typed.has(term) ? 1 : SYNONYM_BOOST) });
      const floor = (results[0]?.score ?? 0) * RELEVANCE_FLOOR;
      for (const result of results) {
        if (result.score < floor) break;
        const section = sections[result.id as number]!;
        if (pagesFound.has(section.path)) continue;
        pagesFound.add(section.path);
        hits.push({ section, terms: result.terms });
        if (hits.length === MAX_RESULTS) break;
      }
      return from > 0 ? { hits, correction: correction + query.slice(from) } : { hits };
    },
  };
}

/** Whether `run` occurs, in order and together, in `terms`. */
function occursIn(run: readonly string[], terms: readonly string[]): boolean {
  for (let i = 0; i + run.length <= terms.length; i++) {
    if (run.every((term, j) => terms[i + j] === term)) return true;
  }
  return false;
}

/** Every word on the site that search can find, with how often it is used, and their terms. */
function siteVocabulary(sections: readonly Section[]) {
  const words = new SearchableMap<number>();
  const terms = new Set<string>();
  for (const section of sections) {
    for (const { text, term } of [...termWordsOf(`${section.pageTitle} ${section.heading}`), ...section.words]) {
      if (!term) continue;
      terms.add(term);
      words.update(normalWord(text), (count = 0) => count + 1);
    }
  }
  return {
    words,
    terms,
    /** The site's word nearest in spelling to `word`, the most used among equals. */
    nearest(word: string): string | undefined {
      const allowed = typosAllowed(word);
      if (!allowed) return undefined;
      let best: { word: string; distance: number; count: number } | undefined;
      for (const [candidate, [count, distance]] of words.fuzzyGet(word, allowed)) {
        if (!best || distance < best.distance || (distance === best.distance && count > best.count))
          best = { word: candidate, distance, count };
      }
      return best?.word;
    },
  };
}
