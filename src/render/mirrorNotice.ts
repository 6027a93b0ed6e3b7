/**
 * The static mirror's stand-in for a page that answers from the web address (search): a
 * static host cannot run the search, so the page says that it is not available on this
 * copy and lists every page (views/mirror-notice.njk).
 */
import type nunjucks from 'nunjucks';
import type { Site } from '../content/site.js';
import type { RenderedChrome } from './chrome.js';

/** `what`: what the page does, as the start of a sentence ("Search"). */
export function renderMirrorNotice(env: nunjucks.Environment, chrome: RenderedChrome, site: Site, what: string): string {
  const notice = {
    title: `${what} is not available on this copy of the website`,
    what,
    pages: [...site.pages.values()].map((page) => ({ href: page.path, title: page.meta.title })),
  };
  return env.render('mirror-notice.njk', { chrome, page: {}, notice });
}
