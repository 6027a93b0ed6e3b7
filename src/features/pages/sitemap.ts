/**
 * /sitemap.xml and /robots.txt, rendered once with the build: they change only when the
 * content does. The sitemap lists every published page (never a draft, even in the preview)
 * by its absolute address, with the date it was last reviewed.
 */
import type { Site } from '../../content/site.js';
import { finishResponse, type Compression, type FinishedResponse } from '../../render/finishedResponse.js';
import { absoluteUrl } from '../../render/structuredData.js';

export const SITEMAP_PATH = '/sitemap.xml';
export const ROBOTS_PATH = '/robots.txt';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);

export function sitemapXml(site: Site, siteUrl: string): string {
  const urls = [...site.pages.values()]
    .filter((page) => !page.meta.draft)
    .map(
      (page) =>
        `  <url>\n    <loc>${escapeXml(absoluteUrl(siteUrl, page.path))}</loc>\n    <lastmod>${page.meta.lastReviewed}</lastmod>\n  </url>\n`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`;
}

/** `disallow`: the paths crawlers are asked to stay out of (the route table's `disallow`). */
export function robotsTxt(siteUrl: string, disallow: readonly string[]): string {
  return ['User-agent: *', ...disallow.map((path) => `Disallow: ${path}`), '', `Sitemap: ${absoluteUrl(siteUrl, SITEMAP_PATH)}`, ''].join(
    '\n',
  );
}

/** The site's files for crawlers, finished like pages, by path. */
export async function renderCrawlerFiles(
  site: Site,
  siteUrl: string,
  compression: Compression | false,
  disallow: readonly string[],
): Promise<ReadonlyMap<string, FinishedResponse>> {
  return new Map([
    [SITEMAP_PATH, await finishResponse(sitemapXml(site, siteUrl), 'application/xml; charset=utf-8', { compression })],
    [ROBOTS_PATH, await finishResponse(robotsTxt(siteUrl, disallow), 'text/plain; charset=utf-8', { compression })],
  ]);
}
