/**
 * The preview's site, which always starts. Until the content first builds, every address
 * answers with the problems page (and the stylesheets and live reload script it needs);
 * the first good build becomes the site, served by the app `serveSite` makes. After that a
 * save rebuilds beside it (the Reloader); a broken save keeps the last good build with the
 * errors at the top of every page.
 */
import type { RequestHandler } from 'express';
import { build, type Build, type BuildOptions } from '../build.js';
import { error, hasErrors, type Problem } from '../content/problem.js';
import { formatReport, summaryLine } from '../content/report.js';
import { SiteHolder } from '../http/siteHolder.js';
import { buildAssets, type AssetBundle } from '../render/assets.js';
import { createEnvironment } from '../render/environment.js';
import type { FinishedResponse } from '../render/finishedResponse.js';
import { Reloader } from '../reload.js';
import { problemsPage, problemsPanel, withProblems } from './problems.js';

export interface PreviewOutcome {
  ok: boolean;
  problems: Problem[];
  /** Pages in the good build, when it succeeded. */
  pages?: number;
  /** False while the content has never built (the problems page is showing). */
  hasSite: boolean;
}

export class Preview {
  #site?: { holder: SiteHolder; reloader: Reloader; handler: RequestHandler };
  #problems?: { page: FinishedResponse; assets?: AssetBundle };

  constructor(
    private readonly options: BuildOptions,
    private readonly serveSite: (holder: SiteHolder) => RequestHandler,
  ) {}

  /** The first build, and every save after it. */
  async rebuild(): Promise<PreviewOutcome> {
    if (this.#site) return this.#reload(this.#site.holder, this.#site.reloader);
    const next = await buildReportingThrows(this.options);
    if (next.build && !hasErrors(next.problems)) {
      const holder = new SiteHolder(next.build);
      this.#site = { holder, reloader: new Reloader(holder, this.options), handler: this.serveSite(holder) };
      this.#problems = undefined;
      return { ok: true, problems: next.problems, pages: next.build.rendered.pages.size, hasSite: true };
    }
    this.#problems = await this.#problemsPage(next.problems);
    return { ok: false, problems: next.problems, hasSite: false };
  }

  /** The site once it has built; until then the problems page at every address. */
  handler: RequestHandler = (req, res, next) => {
    if (this.#site) return this.#site.handler(req, res, next);
    const asset = this.#problems?.assets?.fingerprinted.get(req.path);
    const body = asset ?? this.#problems?.page;
    if (!body) return next();
    res.status(body.status).type(body.contentType).set('Cache-Control', 'no-store').send(body.identity);
  };

  async #reload(holder: SiteHolder, reloader: Reloader): Promise<PreviewOutcome> {
    const result = await reloader.reload();
    if (!result.ok) {
      const panel = problemsPanel(createEnvironment(this.options.viewsDir), result.problems);
      holder.swap(await withProblems(reloader.lastGood, panel));
    }
    return { ok: result.ok, problems: result.problems, pages: result.build?.rendered.pages.size, hasSite: true };
  }

  async #problemsPage(problems: readonly Problem[]): Promise<{ page: FinishedResponse; assets?: AssetBundle }> {
    let assets: AssetBundle | undefined;
    try {
      assets = await buildAssets(this.options.publicDir, { scripts: this.options.extraScripts }, undefined, false);
    } catch {
      // A stylesheet that cannot be read is already among the problems: show them unstyled.
    }
    return { page: await problemsPage(createEnvironment(this.options.viewsDir), problems, assets), assets };
  }
}

/** A build that throws (a template or stylesheet that cannot be read) becomes a problem, as a reload's does. */
async function buildReportingThrows(options: BuildOptions): Promise<{ build?: Build; problems: Problem[] }> {
  try {
    return await build(options);
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return {
      problems: [
        error({
          file: 'views',
          message: `The site could not be rendered: ${message}`,
          fix: 'Undo the last change to views/ or public/, or correct it.',
        }),
      ],
    };
  }
}

/** What the terminal says after a build: the counts always, the errors when there are any. */
export function describeOutcome(outcome: PreviewOutcome): string {
  if (outcome.ok) {
    const warnings = outcome.problems.length ? ' Run `npm run content:check -- --drafts` to list the warnings.' : '';
    return `Built: ${outcome.pages} pages. ${summaryLine(outcome.problems)}${warnings}`;
  }
  const what = outcome.hasSite
    ? 'The last change has errors. Still showing the last version that worked.'
    : 'The content has errors, so the preview shows them instead of the site. Fix them and save: the site appears by itself.';
  return `${what}\n\n${formatReport({ problems: outcome.problems, pages: [] }, { listWarnings: false })}\n`;
}
