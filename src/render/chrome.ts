/**
 * What is around every page: the chrome's data (`chromeFor`) and its header, drawn with
 * nhsuk-frontend's header macro (views/partials/header.njk) once per navigation state,
 * that is per menu item that can be current, rather than once per page. The header macro
 * took half of a page's render time (0.53 of 1.0 ms a page, on 1,000 generated pages).
 */
import type nunjucks from 'nunjucks';
import type { Site } from '../content/site.js';
import { jsonLd, serviceStructuredData } from './structuredData.js';
import { chromeFor, type Assets, type Chrome } from './viewModel.js';

export interface RenderedChrome extends Chrome {
  /** The page header, finished HTML. */
  headerHtml: string;
  /** The service as JSON-LD, the same on every page. */
  structuredData: string;
}

export type ChromeRenderer = (currentPath: string | undefined) => RenderedChrome;

export function chromeRenderer(env: nunjucks.Environment, site: Site, assets: Assets, siteUrl: string): ChromeRenderer {
  const headers = new Map<string, string>();
  const structuredData = jsonLd(serviceStructuredData(site, siteUrl));
  return (currentPath) => {
    const chrome = chromeFor(site, assets, currentPath, siteUrl);
    const current = chrome.navigation.find((item) => item.current)?.href ?? '';
    let headerHtml = headers.get(current);
    if (headerHtml === undefined) headers.set(current, (headerHtml = env.render('partials/header.njk', { chrome })));
    return { ...chrome, headerHtml, structuredData };
  };
}
