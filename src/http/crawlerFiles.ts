/**
 * /sitemap.xml and /robots.txt: prepared with the build, sent like pages.
 */
import type { RequestHandler } from 'express';
import { ROBOTS_PATH, SITEMAP_PATH } from '../render/sitemap.js';
import { sendFinished } from './send.js';
import type { SiteHolder } from './siteHolder.js';

export const CRAWLER_FILE_PATHS: readonly string[] = [SITEMAP_PATH, ROBOTS_PATH];

export function serveCrawlerFiles(holder: SiteHolder): RequestHandler {
  return (req, res, next) => {
    const file = holder.current.rendered.crawlerFiles.get(req.path);
    if (!file) return next();
    sendFinished(req, res, file, holder.caching.page);
  };
}
