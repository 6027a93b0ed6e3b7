/**
 * The preview's site, which always starts. Its holder starts empty: until the content first
 * builds, `handler` answers every address with the problems page (and the stylesheets and
 * live reload script it needs); the first good build is swapped in and from then on the
 * server's app serves it. After that a save rebuilds beside it (the Reloader); a broken save
 * keeps the last good build with the errors at the top of every page.
 */
import type { RequestHandler } from 'express';
import { build, type Build, type BuildOptions } from '../build.js';
import { error, hasErrors, type Problem } from '../content/problem.js';
import { formatReport, summaryLine } from '../content/report.js';
import { NEVER_STORE } from '../http/caching.js';
import { refusalStatus } from '../http/limits.js';
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
  #reloader?: Reloader;
  #problems?: { page: FinishedResponse; assets?: AssetBundle };

  /** `holder`: what the server serves, empty until the content first builds. */
  constructor(
    private readonly options: BuildOptions,
    readonly holder: SiteHolder = new SiteHolder(),
  ) {}

  /** The first build, and every save after it. */
  async rebuild(): Promise<PreviewOutcome> {
    if (this.#reloader) return this.#reload(this.#reloader);
    const next = await buildReportingThrows(this.options);
    if (next.build && !hasErrors(next.problems)) {
      this.holder.swap(next.build);
      this.#reloader = new Reloader(this.holder, this.options);
      this.#problems = undefined;
      return { ok: true, problems: next.problems, pages: next.build.rendered.pages.size, hasSite: true };
    }
    this.#problems = await this.#problemsPage(next.problems, next.provider);
    return { ok: false, problems: next.problems, hasSite: false };
  }

  /**
   * A gate in front of the site (createApp's `routers`): until the content first builds, the
   * problems page at every address; requests limits.ts refuses go on to be refused, as they
   * are once the site is there.
   */
  handler: RequestHandler = (req, res, next) => {
    if (this.holder.hasBuild || refusalStatus(req, req.path) !== undefined) return next();
    const asset = this.#problems?.assets?.fingerprinted.get(req.path);
    const body = asset ?? this.#problems?.page;
    if (!body) return next();
    res.status(body.status).type(body.contentType).set('Cache-Control', NEVER_STORE).send(body.identity);
  };

  async #reload(reloader: Reloader): Promise<PreviewOutcome> {
    const result = await reloader.reload();
    if (!result.ok) {
      const panel = problemsPanel(createEnvironment(this.options.viewsDir), result.problems);
      this.holder.swap(await withProblems(reloader.lastGood, panel));
    }
    return { ok: result.ok, problems: result.problems, pages: result.build?.rendered.pages.size, hasSite: true };
  }

  async #problemsPage(
    problems: readonly Problem[],
    provider: string | undefined,
  ): Promise<{ page: FinishedResponse; assets?: AssetBundle }> {
    let assets: AssetBundle | undefined;
    try {
      assets = await buildAssets(this.options.publicDir, { scripts: this.options.extraScripts }, false);
    } catch {
      // A stylesheet that cannot be read is already among the problems: show them unstyled.
    }
    return { page: await problemsPage(createEnvironment(this.options.viewsDir), problems, assets, provider), assets };
  }
}

/** A build that throws (a template or stylesheet that cannot be read) becomes a problem, as a reload's does. */
async function buildReportingThrows(options: BuildOptions): Promise<{ build?: Build; problems: Problem[]; provider?: string }> {
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

/** What the terminal says once the preview listens: where to look, and how to stop it. */
export function previewReady(port: number): string {
  return `The preview is ready: open http://localhost:${port} in your browser (drafts are shown, and pages reload when you save; press Ctrl+C to stop).`;
}
