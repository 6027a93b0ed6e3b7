/**
 * The chrome: what is around every page (service name, navigation, footer links, stylesheets
 * and scripts, the service's structured data), as data. views/layout.njk draws it with
 * nhsuk-frontend's macros on every page.
 */
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
  /** The service as JSON-LD, the same on every page. */
  structuredData: string;
}

export type ChromeRenderer = (currentPath: string | undefined) => RenderedChrome;

export function chromeRenderer(site: Site, assets: Assets, siteUrl: string): ChromeRenderer {
  const structuredData = jsonLd(serviceStructuredData(site, siteUrl));
  return (currentPath) => ({ ...chromeFor(site, assets, currentPath, siteUrl), structuredData });
}
