/**
 * The search page: rendered for each request from views/search.njk and a view model
 * made here, like any other page, with autoescape on for everything typed and found.
 */
import type nunjucks from 'nunjucks';
import { passageOf, type Passage } from './passage.js';
import { buildSearchIndex, type SearchAnswer, type SiteSearch } from './searchIndex.js';
import { digitsOf, hoursInWords } from '../../content/service.js';
import type { Site } from '../../content/site.js';
import type { RenderedChrome } from '../../render/chrome.js';

export const SEARCH_PATH = '/search';

/** The finished search page for the words asked for ('' for none yet), and whether it found anything. */
export type SearchPageRenderer = (query: string) => { html: string; found: boolean };

export interface SearchResultModel {
  href: string;
  pageTitle: string;
  /** The heading of the section found; '' for the opening of the page. */
  sectionTitle: string;
  passage: Passage;
}

/**
 * nhsuk-frontend's search box, finished HTML cut where its value goes: the template writes
 * ` value="…"` between the two, with the words asked for escaped like any other value.
 */
export interface SearchForm {
  beforeValue: string;
  afterValue: string;
}

export interface SearchModel {
  query: string;
  form: SearchForm;
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

/** The only difference between one search box and another is what it holds. */
const EMPTY_VALUE = ' value=""';

/**
 * The search box, drawn once per build: the macro costs more than the rest of the page
 * together, and only its value changes from one search to the next.
 */
export function searchForm(env: nunjucks.Environment): SearchForm {
  const parts = env.render('partials/search-form.njk').split(EMPTY_VALUE);
  if (parts.length !== 2) throw new Error(`The search box from partials/search-form.njk should have ${EMPTY_VALUE} exactly once`);
  return { beforeValue: parts[0]!, afterValue: parts[1]! };
}

/**
 * `chrome`: what is around the page, with the search page as the current one. The index is
 * built by the first search, not with the build: the pages serve without waiting for it.
 */
export function searchPageRenderer(env: nunjucks.Environment, chrome: RenderedChrome, site: Site): SearchPageRenderer {
  let index: SiteSearch | undefined;
  const template = env.getTemplate('search.njk', true);
  const form = searchForm(env);
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
    const html = template.render({ chrome, page: {}, search: searchModel(query, answer, form, mainPages, contactModel) });
    return { html, found: answer.hits.length > 0 };
  };
}

export function searchModel(
  query: string,
  answer: SearchAnswer,
  form: SearchForm,
  mainPages: SearchModel['mainPages'],
  contact: SearchModel['contact'],
): SearchModel {
  const { hits, correction } = answer;
  return {
    query,
    form,
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
