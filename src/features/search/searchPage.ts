/**
 * The search page's view model, made for each request: the words asked for, the results with
 * the passage that matched, a corrected spelling, and where to go when nothing is found.
 * views/search.njk lays it out, with autoescape on for everything typed and found.
 */
import { passageOf, type Passage } from './passage.js';
import { buildSearchIndex, type SearchAnswer, type SiteSearch } from './searchIndex.js';
import { digitsOf, hoursInWords } from '../../content/service.js';
import type { Site } from '../../content/site.js';
import type { RenderedChrome } from '../../render/chrome.js';

export const SEARCH_PATH = '/search';

/** The view (views/search.njk) and what it shows for the words asked for ('' for none yet). */
export const SEARCH_VIEW = 'search.njk';
export type SearchPage = (query: string) => { chrome: RenderedChrome; page: object; search: SearchModel };

export interface SearchResultModel {
  href: string;
  pageTitle: string;
  /** The heading of the section found; '' for the opening of the page. */
  sectionTitle: string;
  passage: Passage;
}

export interface SearchModel {
  query: string;
  /** "3 results" */
  countText: string;
  results: SearchResultModel[];
  /** A search with the spelling corrected, shown when the words as typed were not on the site. */
  correction?: { text: string; href: string };
  /** Where to go when nothing is found. */
  mainPages: { text: string; href: string }[];
  contact: { name: string; phone: string; phoneHref: string; openingHours: string };
}

export const searchHref = (query: string) => `${SEARCH_PATH}?q=${encodeURIComponent(query)}`;

/**
 * `chrome`: what is around the page, with the search page as the current one. The index is
 * built by the first search, not with the build: the pages serve without waiting for it.
 */
export function searchPage(chrome: RenderedChrome, site: Site): SearchPage {
  let index: SiteSearch | undefined;
  const home = site.pages.get('/');
  const mainPages = [...(home ? [home] : []), ...site.navigation].map((page) => ({
    text: page.meta.navTitle ?? page.meta.title,
    href: page.path,
  }));
  const { contact } = site.settings.service;
  const contactModel = {
    name: contact.name,
    // Non-breaking spaces: a phone number split across lines is easy to misdial.
    phone: contact.phone.replace(/ /g, '\u00a0'),
    phoneHref: `tel:${digitsOf(contact.phone)}`,
    openingHours: hoursInWords(contact.hours),
  };
  return (query) => {
    const answer = query ? (index ??= buildSearchIndex(site.pages.values(), site.synonyms)).search(query) : { hits: [] };
    return { chrome, page: {}, search: searchModel(query, answer, mainPages, contactModel) };
  };
}

export function searchModel(
  query: string,
  answer: SearchAnswer,
  mainPages: SearchModel['mainPages'],
  contact: SearchModel['contact'],
): SearchModel {
  const { hits, correction } = answer;
  return {
    query,
    countText: `${hits.length} result${hits.length === 1 ? '' : 's'}`,
    results: hits.map(({ section, terms }) => ({
      href: section.anchor ? `${section.path}#${section.anchor}` : section.path,
      pageTitle: section.pageTitle,
      sectionTitle: section.heading,
      passage: passageOf(section.text, section.words, new Set(terms)),
    })),
    correction: correction && hits.length ? { text: correction, href: searchHref(correction) } : undefined,
    mainPages,
    contact,
  };
}
