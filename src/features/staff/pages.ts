/**
 * Staff pages, rendered for each request from views/staff/ with nhsuk-frontend's macros,
 * around the same header and footer as the public pages (the build being served). Every
 * staff response is `no-store` and kept out of search engines.
 */
import type { Response } from 'express';
import type nunjucks from 'nunjucks';
import type { Build } from '../../build.js';
import { chromeRenderer, type ChromeRenderer } from '../../render/chrome.js';
import { createEnvironment } from '../../render/environment.js';
import type { SiteHolder } from '../../http/siteHolder.js';

/** Every staff answer: never stored by a browser or a cache; never indexed. */
export const STAFF_HEADERS = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' } as const;

export class StaffPages {
  readonly #env: nunjucks.Environment;
  readonly #chromes = new WeakMap<Build, ChromeRenderer>();

  constructor(
    private readonly holder: SiteHolder,
    viewsDir: string,
    private readonly siteUrl: string,
  ) {
    this.#env = createEnvironment(viewsDir);
  }

  /** The site being served, for page titles and the facts still missing. */
  site() {
    return this.holder.current.rendered.site;
  }

  /** The paths of the site's pages, in the site's order. */
  sitePaths(): string[] {
    return [...this.site().pages.keys()];
  }

  /** The finished HTML of a staff template; `model.page.title` is its title. */
  html(template: string, model: { page: { title: string } } & Record<string, unknown>): string {
    const build = this.holder.current;
    let chrome = this.#chromes.get(build);
    if (!chrome) this.#chromes.set(build, (chrome = chromeRenderer(this.#env, build.rendered.site, build.assets, this.siteUrl)));
    return this.#env.render(`staff/${template}.njk`, { ...model, chrome: chrome(undefined) });
  }

  send(res: Response, status: number, template: string, model: { page: { title: string } } & Record<string, unknown>): void {
    res.status(status).set(STAFF_HEADERS).type('html').send(this.html(template, model));
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
