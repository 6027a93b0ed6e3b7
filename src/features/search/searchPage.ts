/**
 * The search page's view model, made for each request: the words asked for, the results with
 * the passage that matched, a corrected spelling, and where to go when nothing is found.
 * views/search.njk lays it out, with autoescape on for everything typed and found.
 */
import { passageOf, type Passage } from './passage.js';
import { buildSearchIndex, type SearchAnswer, type SiteSearch } from './searchIndex.js';
import { englishWords } from './spelling.js';
import { digitsOf, hoursInWords } from '../../content/service.js';
import type { Site } from '../../content/site.js';
import type { RenderedChrome } from '../../render/chrome.js';

export const SEARCH_PATH = '/search';

/** The view (views/search.njk) and what it shows for the words asked for ('' for none yet). */
export const SEARCH_VIEW = 'search.njk';
export type SearchPage = (query: string) => Promise<{ chrome: RenderedChrome; page: object; search: SearchModel }>;

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
  /** The words searched for when some typed were misspelt ("Showing results for …"). */
  correction?: { text: string };
  /** The question flows ("Could Occupational Therapy help my child?"), offered to a question-like search and whenever nothing is found. */
  flows: { text: string; href: string }[];
  /** Where to go when nothing is found. */
  mainPages: { text: string; href: string }[];
  contact: { name: string; phone: string; phoneHref: string; openingHours: string };
}

export const searchHref = (query: string) => `${SEARCH_PATH}?q=${encodeURIComponent(query)}`;

/** A search that asks something ("could ot help", "is this right for my child?"). */
const QUESTION = /^\s*(?:am|are|can|could|do|does|how|is|should|what|when|where|which|who|why|will|would)\b|\?\s*$/i;
export const isQuestion = (query: string) => QUESTION.test(query);

/**
 * `chrome`: what is around the page, with the search page as the current one. The index is
 * built by the first search, not with the build: the pages serve without waiting for it.
 */
export function searchPage(chrome: RenderedChrome, site: Site): SearchPage {
  let index: Promise<SiteSearch> | undefined;
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
  // The legal pages (linked only from the footer, such as privacy and accessibility) come after the offer.
  const footerOnly = new Set(site.footer.filter((page) => !page.meta.navTitle).map((page) => page.path));
  const flows = [...site.flows.values()].map((flow) => ({ text: flow.title, href: flow.path }));
  const build = (isEnglishWord: (word: string) => boolean) =>
    buildSearchIndex(site.pages.values(), site.synonyms, { isEnglishWord, rankLast: (path) => footerOnly.has(path) });
  return async (query) => {
    const answer = query ? (await (index ??= englishWords().then(build))).search(query) : { hits: [] };
    return { chrome, page: {}, search: searchModel(query, answer, mainPages, contactModel, flows) };
  };
}

export function searchModel(
  query: string,
  answer: SearchAnswer,
  mainPages: SearchModel['mainPages'],
  contact: SearchModel['contact'],
  flows: SearchModel['flows'] = [],
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
    correction: correction && hits.length ? { text: correction } : undefined,
    flows: query && (!hits.length || isQuestion(query)) ? flows : [],
    mainPages,
    contact,
  };
}
