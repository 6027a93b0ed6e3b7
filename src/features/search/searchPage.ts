/**
 * The search page: rendered for each request from views/search.njk and a view model
 * made here, like any other page, with autoescape on for everything typed and found.
 */
import type nunjucks from 'nunjucks';
import { passageOf, type Passage } from './passage.js';
import { buildSearchIndex, type SearchAnswer, type SiteSearch } from './searchIndex.js';
import { isEnglishWord } from './spelling.js';
import { digitsOf, hoursInWords } from '../../content/service.js';
import type { Site } from '../../content/site.js';
import type { RenderedChrome } from '../../render/chrome.js';

export const SEARCH_PATH = '/search';

/** The finished search page for the words asked for ('' for none yet). */
export type SearchPageRenderer = (query: string) => string;

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
  /** The words searched for when some typed were misspelt ("Showing results for …"). */
  correction?: { text: string };
  /** The question flow, offered to a question-like search and whenever nothing is found. */
  flow?: { text: string; href: string };
  /** Where to go when nothing is found. */
  mainPages: { text: string; href: string }[];
  contact: { name: string; phone: string; phoneHref: string; openingHours: string };
}

export const searchHref = (query: string) => `${SEARCH_PATH}?q=${encodeURIComponent(query)}`;

/** A search that asks something ("could ot help", "is this right for my child?"). */
const QUESTION = /^\s*(?:am|are|can|could|do|does|how|is|should|what|when|where|which|who|why|will|would)\b|\?\s*$/i;
export const isQuestion = (query: string) => QUESTION.test(query);

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
  // The legal pages (linked only from the footer, such as privacy and accessibility) come after the offer.
  const footerOnly = new Set(site.footer.filter((page) => !page.meta.navTitle).map((page) => page.path));
  const flow = site.flow && { text: site.flow.title, href: site.flow.path };
  return (query) => {
    index ??= buildSearchIndex(site.pages.values(), site.synonyms, { isEnglishWord, rankLast: (path) => footerOnly.has(path) });
    const answer = query ? index.search(query) : { hits: [] };
    return template.render({ chrome, page: {}, search: searchModel(query, answer, form, mainPages, contactModel, flow) });
  };
}

export function searchModel(
  query: string,
  answer: SearchAnswer,
  form: SearchForm,
  mainPages: SearchModel['mainPages'],
  contact: SearchModel['contact'],
  flow?: SearchModel['flow'],
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
    correction: correction && hits.length ? { text: correction } : undefined,
    flow: flow && query && (!hits.length || isQuestion(query)) ? flow : undefined,
    mainPages,
    contact,
  };
}
