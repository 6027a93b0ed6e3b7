/**
 * Express's view engine, on the Nunjucks environment of the build being served: a handler
 * calls `renderPage(req, res, next, 'search.njk', locals)` and the page is drawn with
 * `res.render` and sent with `sendPage` (ETag, 304, compression) like every other page.
 * The view class is nunjucks' own `env.express(app)` one, except that it asks the holder for
 * the environment each time, because a reload brings a new one with the new build.
 */
import type { Express, NextFunction, Request, Response } from 'express';
import { failsIfMatch, pageFor, sendPage } from './send.js';
import type { SiteHolder } from './siteHolder.js';

export function useViews(app: Express, holder: SiteHolder): void {
  class View {
    readonly path: string;
    constructor(readonly name: string) {
      this.path = name;
    }
    render(locals: object, done: (err: Error | null, html?: string | null) => void): void {
      holder.current.rendered.views.render(this.name, locals, done);
    }
  }
  app.set('view', View);
}

/**
 * Draws `view` with `locals` and sends it as a page (with `status`), or passes a failure on
 * to the error page. An If-Match that names none of its ETags gets 412, as for a page
 * finished at build (features/pages/serve.ts). Express adds `settings`, `cache` and `_locals`
 * to the locals; no template reads them (test/http/prepared-responses.test.ts compares each
 * page drawn here with its finished copy).
 */
export function renderPage(req: Request, res: Response, next: NextFunction, view: string, locals: object, status = 200): void {
  res.render(view, locals, (err: Error | null, html?: string | null) => {
    if (err) return next(err);
    const page = pageFor(html!, undefined, status);
    if (status === 200 && failsIfMatch(req, page))
      return next(Object.assign(new Error('If-Match names none of the ETags'), { status: 412 }));
    sendPage(req, res, page);
  });
}
