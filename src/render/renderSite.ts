/**
 * Render: turns a Site into finished, compressed responses, once. Requests then only
 * look up bytes. A reload renders a whole new RenderedSite beside the old one.
 */
import type nunjucks from 'nunjucks';
import type { Site } from '../content/site.js';
import { ERROR_PAGES, ERROR_STATUSES } from './errorPages.js';
import { openReferralFeed, type OpenReferralFeed } from './openReferral.js';
import { prepare, type Prepared } from './prepared.js';
import { SEARCH_PATH, searchPageRenderer, type SearchPageRenderer } from './searchPage.js';
import { chromeRenderer } from './chrome.js';
import { renderCrawlerFiles } from './sitemap.js';
import { flowPageRenderer, type FlowPageRenderer } from './flowPage.js';
import { pageModel, type Assets } from './viewModel.js';

export const HTML = 'text/html; charset=utf-8';

export interface RenderedSite {
  site: Site;
  /** Finished pages by URL path. */
  pages: ReadonlyMap<string, Prepared>;
  /** Finished error pages by status code (400, 404, 405, 413, 500). */
  errors: ReadonlyMap<number, Prepared>;
  /** The search page, rendered for each request. */
  search: SearchPageRenderer;
  /** /sitemap.xml and /robots.txt by path. */
  crawlerFiles: ReadonlyMap<string, Prepared>;
  /** The service as Open Referral UK records, for the feed at /openreferral/. */
  openReferral: OpenReferralFeed;
  /** The question flow's pages, rendered per request; none when the content has no flow. */
  flow?: FlowPageRenderer;
}

const TEMPLATES = { home: 'home.njk', tier: 'tier.njk', page: 'page.njk' } as const;

export function renderSite(env: nunjucks.Environment, site: Site, assets: Assets, siteUrl: string): RenderedSite {
  const chrome = chromeRenderer(env, site, assets, siteUrl);
  const pages = new Map<string, Prepared>();
  for (const [path, page] of site.pages) {
    const html = env.render(TEMPLATES[page.meta.layout], pageModel(site, page, chrome(path)));
    pages.set(path, prepare(html, HTML));
  }
  const errors = new Map<number, Prepared>();
  for (const status of ERROR_STATUSES) {
    const html = env.render('error.njk', { chrome: chrome(undefined), error: ERROR_PAGES[status], page: {} });
    errors.set(status, prepare(html, HTML, status));
  }
  const search = searchPageRenderer(env, chrome(SEARCH_PATH), site);
  const flow = site.flow && flowPageRenderer(env, chrome(site.flow.path), site.flow);
  return {
    site,
    pages,
    errors,
    search,
    flow,
    crawlerFiles: renderCrawlerFiles(site, siteUrl),
    openReferral: openReferralFeed(site, siteUrl),
  };
}
