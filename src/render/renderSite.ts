/**
 * Render: turns a Site into finished, compressed responses, once. Requests then only
 * look up bytes. A reload renders a whole new RenderedSite beside the old one. Each page
 * is compressed in the thread pool while the next one is rendered.
 */
import type nunjucks from 'nunjucks';
import type { Site } from '../content/site.js';
import { ERROR_PAGES, ERROR_STATUSES } from './errorPages.js';
import { openReferralFeed, type OpenReferralFeed } from '../features/openreferral/feed.js';
import { finishResponse, FinishingQueue, HTML, PAGE_COMPRESSION, type Compression, type FinishedResponse } from './finishedResponse.js';
import { SEARCH_PATH, searchPage, type SearchPage } from '../features/search/searchPage.js';
import { chromeRenderer, type Assets } from './chrome.js';
import { renderCrawlerFiles } from '../features/pages/sitemap.js';
import { flowPages, type FlowPages } from '../features/flow/flowPage.js';
import { disallowedPaths } from '../routes.js';
import { PAGE_LAYOUTS } from '../features/pages/layouts.js';
import { pageModel } from '../features/pages/viewModel.js';
import { feedbackPages, type FeedbackPages } from '../features/feedback/pages.js';
import { FEEDBACK_PATH } from '../features/feedback/serve.js';

export interface RenderedSite {
  site: Site;
  /** Finished pages by URL path. */
  pages: ReadonlyMap<string, FinishedResponse>;
  /** Finished error pages by status code (see errorPages.ts). */
  errors: ReadonlyMap<number, FinishedResponse>;
  /** The Nunjucks environment of this build: the app's view engine draws with it (res.render). */
  views: nunjucks.Environment;
  /** The search page's view model for the words asked for, made for each request. */
  search: SearchPage;
  /** /sitemap.xml and /robots.txt by path. */
  crawlerFiles: ReadonlyMap<string, FinishedResponse>;
  /** The service as Open Referral UK records, for the feed at /openreferral/. */
  openReferral: OpenReferralFeed;
  /** Each question flow's pages, made per request, by the flow's address. */
  flows: ReadonlyMap<string, FlowPages>;
  /** The feedback pages (thank you, errors, not saved), made per request. */
  feedback: FeedbackPages;
  /** The editors' pictures (content/images/) by their fingerprinted address, sent as they are. */
  images: ReadonlyMap<string, FinishedResponse>;
}

/** `compression`: the pages' levels, or false to leave them uncompressed. */
export async function renderSite(
  env: nunjucks.Environment,
  site: Site,
  assets: Assets,
  siteUrl: string,
  compression: Compression | false = PAGE_COMPRESSION,
  { forms = true } = {},
): Promise<RenderedSite> {
  const chrome = chromeRenderer(site, assets, siteUrl);
  const pages = new FinishingQueue<string>();
  for (const [path, page] of site.pages) {
    await pages.add(
      path,
      env.render(PAGE_LAYOUTS[page.meta.layout].template, pageModel(site, page, chrome(path), { feedbackForm: forms })),
      HTML,
      { compression },
    );
  }
  const errors = new FinishingQueue<number>();
  for (const status of ERROR_STATUSES) {
    const html = env.render('error.njk', { chrome: chrome(undefined), error: ERROR_PAGES[status], page: {} });
    await errors.add(status, html, HTML, { status, compression });
  }
  const search = searchPage(chrome(SEARCH_PATH), site);
  const flows = new Map([...site.flows].map(([path, flow]) => [path, flowPages(chrome(path), flow)]));
  const feedback = feedbackPages(chrome(FEEDBACK_PATH), site);
  // Pictures are compressed already: their bytes are sent as they are.
  const images = await Promise.all(
    site.images.map(async (image) => [image.url, await finishResponse(image.bytes, image.contentType, { compression: false })] as const),
  );
  return {
    site,
    views: env,
    images: new Map(images),
    pages: await pages.finished(),
    errors: await errors.finished(),
    search,
    flows,
    feedback,
    crawlerFiles: await renderCrawlerFiles(site, siteUrl, compression, disallowedPaths()),
    openReferral: openReferralFeed(site, siteUrl),
  };
}
