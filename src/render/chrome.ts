/**
 * The chrome: what is around every page (service name, navigation, footer links, stylesheets
 * and scripts), with its skip link, header and footer drawn by nhsuk-frontend's macros
 * ahead of the pages rather than for each: the header (views/partials/header.njk) once per
 * navigation state, that is per menu item that can be current, and the skip link and footer
 * (views/partials/), the same everywhere, once. The header macro is the costliest part of a
 * page, and the pages rendered per request (search, the question flow) would otherwise run
 * all three macros for every answer.
 */
import type nunjucks from 'nunjucks';
import type { Site } from '../content/site.js';
import { jsonLd, serviceStructuredData } from './structuredData.js';

export interface NavItem {
  text: string;
  href: string;
  current: boolean;
}

export interface Chrome {
  serviceName: string;
  provider: string;
  navigation: NavItem[];
  footerLinks: { text: string; href: string }[];
  copyright: string;
  /** The public address of the site, without a trailing slash. */
  siteUrl: string;
  stylesheets: string[];
  scripts: string[];
}

export interface Assets {
  stylesheets: string[];
  scripts: string[];
}

export function chromeFor(site: Site, assets: Assets, currentPath: string | undefined, siteUrl: string): Chrome {
  return {
    serviceName: site.settings.serviceName,
    provider: site.settings.provider,
    navigation: site.navigation.map((page) => ({
      text: page.meta.navTitle ?? page.meta.title,
      href: page.path,
      current: page.path === currentPath,
    })),
    footerLinks: site.footer.map((page) => ({ text: page.meta.navTitle ?? page.meta.title, href: page.path })),
    copyright: `© ${site.settings.provider}`,
    siteUrl,
    stylesheets: assets.stylesheets,
    scripts: assets.scripts,
  };
}

export interface RenderedChrome extends Chrome {
  /** The link to skip to the main content, finished HTML. */
  skipLinkHtml: string;
  /** The page header, finished HTML. */
  headerHtml: string;
  /** The page footer, finished HTML. */
  footerHtml: string;
  /** The service as JSON-LD, the same on every page. */
  structuredData: string;
}

export type ChromeRenderer = (currentPath: string | undefined) => RenderedChrome;

export function chromeRenderer(env: nunjucks.Environment, site: Site, assets: Assets, siteUrl: string): ChromeRenderer {
  const headers = new Map<string, string>();
  const structuredData = jsonLd(serviceStructuredData(site, siteUrl));
  const skipLinkHtml = env.render('partials/skip-link.njk');
  const footerHtml = env.render('partials/footer.njk', { chrome: chromeFor(site, assets, undefined, siteUrl) });
  return (currentPath) => {
    const chrome = chromeFor(site, assets, currentPath, siteUrl);
    const current = chrome.navigation.find((item) => item.current)?.href ?? '';
    let headerHtml = headers.get(current);
    if (headerHtml === undefined) headers.set(current, (headerHtml = env.render('partials/header.njk', { chrome })));
    return { ...chrome, skipLinkHtml, headerHtml, footerHtml, structuredData };
  };
}
