/**
 * The one start-up: config → site → app, shared by the server (`npm start`), the preview
 * (`npm run dev`) and the static export (`npm run export`). What differs between them is
 * decided here, from the mode, and nowhere else:
 *
 * | mode    | drafts               | advice checks | rendered, compressed | extra       |
 * | ------- | -------------------- | ------------- | -------------------- | ----------- |
 * | server  | unless in production | no            | yes (the first build | reload      |
 * |         |                      |               | after listening)     |             |
 * | preview | yes                  | yes           | rendered only        | live reload |
 * | export  | no                   | no            | yes                  |             |
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { build, type Build, type BuildOptions } from './build.js';
import type { Config } from './config.js';
import { formatProblem, type Problem } from './content/problem.js';
import { LIVE_RELOAD_SCRIPT } from './dev/liveReload.js';
import { cachingRules } from './http/caching.js';
import { createServer, type ServerOptions } from './http/createServer.js';
import { SiteHolder } from './http/siteHolder.js';
import { failedToStart } from './startupErrors.js';
import type { FeedbackOptions } from './features/feedback/serve.js';
import { FEEDBACK_WINDOW_MS } from './features/feedback/rateLimit.js';
import { SearchCounter } from './features/feedback/searchCounts.js';
import type { OpenStore } from './store/open.js';
import { formsOnTheMirror } from './routes.js';

export type Mode = 'server' | 'preview' | 'export';

/** What to build the site from, for each mode. */
export function buildOptionsFor(config: Config, mode: Mode): BuildOptions {
  return {
    siteUrl: config.siteUrl,
    contentDir: config.contentDir,
    viewsDir: config.viewsDir,
    publicDir: config.publicDir,
    includeDrafts: mode === 'preview' || (mode === 'server' && !config.production),
    // The server and the export act on errors only, so they skip the checks that only warn
    // (reading age is the slowest of them); `npm run content:check` and the preview run them.
    advice: mode === 'preview',
    extraScripts: mode === 'preview' ? [LIVE_RELOAD_SCRIPT] : undefined,
    // The preview has one reader, on this machine, and rebuilds at every save. (The server's
    // first build finishes the least it can, so that it listens sooner: see serve.ts.)
    finish: mode === 'preview' ? 'uncompressed' : 'all',
    // The mirror is static: forms the route table leaves out of it become the phone number.
    forms: mode !== 'export' || formsOnTheMirror(),
  };
}

/**
 * The first build, or, when the content has errors, every error printed and the process
 * stopped: `what` the site cannot do ("start", "be exported").
 */
export async function firstBuildOrExit(
  config: Config,
  options: BuildOptions,
  what: string,
): Promise<{ build: Build; problems: Problem[] }> {
  const result = await build(options).catch((err: unknown) => failedToStart(err, config));
  if (result.build) return { build: result.build, problems: result.problems };
  const errors = result.problems.filter((p) => p.severity === 'error');
  console.error(`\nThe site cannot ${what}: the content has ${errors.length} error${errors.length === 1 ? '' : 's'}.\n`);
  for (const problem of errors) console.error(formatProblem(problem) + '\n');
  console.error('Run `npm run content:check` for the full report, with warnings.');
  process.exit(1);
}

/** The holder of the site served, with the configured cache rules (empty until the preview's first good build). */
export function siteHolder(config: Config, first?: Build): SiteHolder {
  return new SiteHolder(first, cachingRules(config.cacheMaxAge));
}

/** The app, in the server every mode listens with (the preview adds its `routers`; the server its store). */
export function siteServer(
  holder: SiteHolder,
  logger: Logger,
  routers?: ServerOptions['routers'],
  feedback?: FeedbackOptions,
  staff?: ServerOptions['staff'],
): Server {
  return createServer({ holder, logger, routers, feedback, staff });
}

/** What the feedback forms and search counts need: the store, the site's address, the rate limit. */
export function feedbackOptions(config: Config, store: OpenStore, logger: Logger): FeedbackOptions {
  return {
    store,
    searches: new SearchCounter(store, logger),
    siteUrl: config.siteUrl,
    rateLimit: { trustedProxies: config.trustedProxies, limit: config.feedbackRateLimit, windowMs: FEEDBACK_WINDOW_MS },
  };
}
