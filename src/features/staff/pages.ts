/**
 * Staff pages, rendered for each request from views/staff/ with nhsuk-frontend's macros,
 * around the same header and footer as the public pages (the build being served). Every
 * staff response is `no-store` and kept out of search engines.
 */
import type { Response } from 'express';
import type { Build } from '../../build.js';
import { chromeRenderer, type ChromeRenderer, type RenderedChrome } from '../../render/chrome.js';
import type { SiteHolder } from '../../http/siteHolder.js';

/** Every staff answer: never stored by a browser or a cache; never indexed. */
export const STAFF_HEADERS = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' } as const;

export class StaffPages {
  readonly #chromes = new WeakMap<Build, ChromeRenderer>();

  constructor(
    private readonly holder: SiteHolder,
    private readonly siteUrl: string,
  ) {}

  /** The site being served, for page titles and the facts still missing. */
  site() {
    return this.holder.current.rendered.site;
  }

  /** The paths of the site's pages, in the site's order. */
  sitePaths(): string[] {
    return [...this.site().pages.keys()];
  }

  /** What is around a staff page: the site's header and footer, with no menu item current. */
  chrome(): RenderedChrome {
    const build = this.holder.current;
    let chrome = this.#chromes.get(build);
    if (!chrome) this.#chromes.set(build, (chrome = chromeRenderer(build.rendered.site, build.assets, this.siteUrl)));
    return chrome(undefined);
  }

  /** Draws views/staff/`template`.njk with `res.render` and sends it with `status`; a template fault goes to the error handler. */
  send(res: Response, status: number, template: string, model: { page: { title: string } } & Record<string, unknown>): void {
    res
      .status(status)
      .set(STAFF_HEADERS)
      .render(`staff/${template}.njk`, { ...model, chrome: this.chrome() });
  }

  /** A page that says one thing: a refusal, a confirmation, a fault. */
  message(res: Response, status: number, message: StaffMessage): void {
    this.send(res, status, 'message', { page: { title: message.title }, message });
  }
}

export interface StaffMessage {
  title: string;
  paragraphs: string[];
  /** Where to go next. */
  link?: { text: string; href: string };
  /** The provider's own sign-out address, offered after signing out here. */
  providerSignOut?: string;
}
