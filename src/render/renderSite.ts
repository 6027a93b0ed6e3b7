/**
 * Render: turns a Site into finished, compressed responses, once. Requests then only
 * look up bytes. A reload renders a whole new RenderedSite beside the old one. Each page
 * is compressed in the thread pool while the next one is rendered.
 *
 * The server's first build renders one page of each layout (`pages: 'one of each layout'`),
 * which proves every page template before it listens, and leaves the rest for `renderPages`
 * while it serves: until then, a page asked for is drawn for its request from the same view
 * (`pageView`), byte for byte the page it will be.
 */
import { setImmediate } from 'node:timers/promises';
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
  /** Finished pages by URL path (none yet in the server's first build: see above). */
  pages: ReadonlyMap<string, FinishedResponse>;
  /** The template and view model of the content page at `path`, if there is one. */
  pageView: (path: string) => PageView | undefined;
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

export interface PageView {
  template: string;
  model: object;
}

/** `compression`: the pages' levels, or false to leave them uncompressed. `pages`: which to render (see above). */
export async function renderSite(
  env: nunjucks.Environment,
  site: Site,
  assets: Assets,
  siteUrl: string,
  compression: Compression | false = PAGE_COMPRESSION,
  { forms = true, pages = 'all' }: { forms?: boolean; pages?: 'all' | 'one of each layout' } = {},
): Promise<RenderedSite> {
  const chrome = chromeRenderer(site, assets, siteUrl);
  const pageView = (path: string): PageView | undefined => {
    const page = site.pages.get(path);
    if (!page) return undefined;
    return { template: PAGE_LAYOUTS[page.meta.layout].template, model: pageModel(site, page, chrome(path), { feedbackForm: forms }) };
  };
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
  const rendered: RenderedSite = {
    site,
    views: env,
    images: new Map(images),
    pages: new Map(),
    pageView,
    errors: await errors.finished(),
    search,
    flows,
    feedback,
    crawlerFiles: await renderCrawlerFiles(site, siteUrl, compression, disallowedPaths()),
    openReferral: openReferralFeed(site, siteUrl),
  };
  return { ...rendered, pages: await renderPages(rendered, compression, pages === 'all' ? site.pages.keys() : oneOfEachLayout(site)) };
}

/** The first page of each layout the site uses. */
function oneOfEachLayout(site: Site): string[] {
  const first = new Map<string, string>();
  for (const [path, page] of site.pages) if (!first.has(page.meta.layout)) first.set(page.meta.layout, path);
  return [...first.values()];
}

/**
 * The content pages at `paths` (every page unless told), finished: each is compressed in the
 * thread pool while the next is drawn. The server renders while it serves (its first build,
 * and every reload), so after each page it lets waiting requests in: one waits for one page's
 * drawing at most.
 */
export async function renderPages(
  { site, views, pageView }: RenderedSite,
  compression: Compression | false,
  paths: Iterable<string> = site.pages.keys(),
): Promise<ReadonlyMap<string, FinishedResponse>> {
  const pages = new FinishingQueue<string>();
  for (const path of paths) {
    const { template, model } = pageView(path)!;
    await pages.add(path, views.render(template, model), HTML, { compression });
    await setImmediate();
  }
  return pages.finished();
}
