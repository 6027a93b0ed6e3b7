/**
 * Render: turns a Site into finished, compressed responses, once. Requests then only
 * look up bytes. A reload renders a whole new RenderedSite beside the old one. Each page
 * is compressed in the thread pool while the next one is rendered.
 */
import type nunjucks from 'nunjucks';
import type { Site } from '../content/site.js';
import { ERROR_PAGES, ERROR_STATUSES } from './errorPages.js';
import { openReferralFeed, type OpenReferralFeed } from '../features/openreferral/feed.js';
import { FinishingQueue, HTML, PAGE_COMPRESSION, type Compression, type FinishedResponse } from './finishedResponse.js';
import { SEARCH_PATH, searchPageRenderer, type SearchPageRenderer } from '../features/search/searchPage.js';
import { chromeRenderer, type Assets } from './chrome.js';
import { renderCrawlerFiles } from '../features/pages/sitemap.js';
import { flowPageRenderer, type FlowPageRenderer } from '../features/flow/flowPage.js';
import { disallowedPaths } from '../routes.js';
import { pageModel } from '../features/pages/viewModel.js';
import { feedbackPages, type FeedbackPages } from '../features/feedback/pages.js';
import { FEEDBACK_MOUNT } from '../features/feedback/serve.js';

export interface RenderedSite {
  site: Site;
  /** Finished pages by URL path. */
  pages: ReadonlyMap<string, FinishedResponse>;
  /** Finished error pages by status code (see errorPages.ts). */
  errors: ReadonlyMap<number, FinishedResponse>;
  /** The search page, rendered for each request. */
  search: SearchPageRenderer;
  /** /sitemap.xml and /robots.txt by path. */
  crawlerFiles: ReadonlyMap<string, FinishedResponse>;
  /** The service as Open Referral UK records, for the feed at /openreferral/. */
  openReferral: OpenReferralFeed;
  /** The question flow's pages, rendered per request; none when the content has no flow. */
  flow?: FlowPageRenderer;
  /** The feedback pages (thank you, errors, not saved), rendered per request. */
  feedback: FeedbackPages;
}

const TEMPLATES = { home: 'home.njk', tier: 'tier.njk', page: 'page.njk' } as const;

/** `compression`: the pages' levels, or false to leave them uncompressed. */
export async function renderSite(
  env: nunjucks.Environment,
  site: Site,
  assets: Assets,
  siteUrl: string,
  compression: Compression | false = PAGE_COMPRESSION,
): Promise<RenderedSite> {
  const chrome = chromeRenderer(env, site, assets, siteUrl);
  const pages = new FinishingQueue<string>();
  for (const [path, page] of site.pages) {
    await pages.add(path, env.render(TEMPLATES[page.meta.layout], pageModel(site, page, chrome(path))), HTML, { compression });
  }
  const errors = new FinishingQueue<number>();
  for (const status of ERROR_STATUSES) {
    const html = env.render('error.njk', { chrome: chrome(undefined), error: ERROR_PAGES[status], page: {} });
    await errors.add(status, html, HTML, { status, compression });
  }
  const search = searchPageRenderer(env, chrome(SEARCH_PATH), site);
  const flow = site.flow && flowPageRenderer(env, chrome(site.flow.path), site.flow);
  const feedback = feedbackPages(env, chrome(FEEDBACK_MOUNT), site);
  return {
    site,
    pages: await pages.finished(),
    errors: await errors.finished(),
    search,
    flow,
    feedback,
    crawlerFiles: await renderCrawlerFiles(site, siteUrl, compression, disallowedPaths()),
    openReferral: openReferralFeed(site, siteUrl),
  };
}
