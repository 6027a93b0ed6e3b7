/**
 * Everything a template needs for one page, decided here in TypeScript so that the
 * templates hold layout only.
 */
import { contentsOf } from '../../render/contents.js';
import type { Page } from '../../content/page.js';
import { digitsOf } from '../../content/service.js';
import type { Site } from '../../content/site.js';
import type { RenderedChrome } from '../../render/chrome.js';
import { PAGE_LAYOUTS } from './layouts.js';
import { absoluteUrl, breadcrumbStructuredData, jsonLd, type Crumb } from '../../render/structuredData.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * `2026-08-06` → `6 August 2026` (NHS style), from a date the schema has checked is a real
 * one. Written out: Intl.DateTimeFormat's first use loads the locale's date data, about 10 ms
 * of every start, for one fixed format.
 */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** The heading the home page's template adds over the tier cards (views/home.njk). */
export const TIER_CARDS_HEADING = { text: 'The help on offer', id: 'the-help-on-offer' };

/** `chrome`: what is around the page (see chrome.ts), with this page as the current one. */
export function pageModel(site: Site, page: Page, chrome: RenderedChrome, { feedbackForm = true } = {}) {
  const { meta } = page;
  const { contact } = site.settings.service;
  const breadcrumbs: Crumb[] = page.path === '/' ? [] : [{ text: 'Home', href: '/' }];
  return {
    chrome,
    page: {
      path: page.path,
      title: meta.title,
      description: meta.description,
      layout: meta.layout,
      draft: meta.draft,
      html: page.body.html,
      contents: contentsOf(
        page.body.headings,
        meta.layout === 'home' && site.tiers.length ? [{ text: TIER_CARDS_HEADING.text, href: `#${TIER_CARDS_HEADING.id}` }] : [],
      ),
      tierCardsHeading: TIER_CARDS_HEADING,
      actionLink: meta.actionLink,
      tasks: meta.tasks ?? [],
      lastReviewed: formatDate(meta.lastReviewed),
      nextReview: formatDate(meta.nextReview),
      breadcrumbs,
      // "Is this page useful?": the form, or where a form cannot be sent (the static mirror) the phone number.
      feedbackForm,
      contact: { name: contact.name, phone: contact.phone.replace(/ /g, '\u00a0'), phoneHref: `tel:${digitsOf(contact.phone)}` },
      canonicalUrl: absoluteUrl(chrome.siteUrl, page.path),
      structuredData: jsonLd(breadcrumbStructuredData([...breadcrumbs, { text: meta.title, href: page.path }], chrome.siteUrl)),
      ...PAGE_LAYOUTS[meta.layout].model(site, page),
    },
  };
}
