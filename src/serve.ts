/**
 * The server (started by server.ts): read the config, build the site, listen, and reload on
 * SIGHUP. Bad content stops startup with every problem listed; a bad reload keeps the old site.
 */
import { finishBuild } from './build.js';
import { isOverdueReview } from './content/checks/reviewDates.js';
import type { Problem } from './content/problem.js';
import { stopGracefully } from './http/lifecycle.js';
import { createLogger } from './log.js';
import { deleteOldTextRegularly } from './features/feedback/retention.js';
import { openStore } from './store/open.js';
import { staffAreaFor } from './features/staff/index.js';
import { Reloader } from './reload.js';
import { buildOptionsFor, feedbackOptions, firstBuildOrExit, siteHolder, siteServer } from './startup.js';
import { configOrStop, failedToStart, listenOrStop } from './startupErrors.js';

const config = await configOrStop();
const logger = createLogger(config.logLevel);
if (config.production && !config.siteUrlConfigured) {
  logger.warn(
    `SITE_URL is not set: canonical links, the sitemap, robots.txt, structured data and the Open Referral feed give ${config.siteUrl} addresses. Set SITE_URL to the site's public address, such as SITE_URL=https://ot.example.nhs.uk`,
  );
}
const buildOptions = buildOptionsFor(config, 'server');

const started = performance.now();
// Serve as soon as the content is loaded and checked: the pages are rendered and compressed
// while the site serves, and swapped in at once when all are made (a page asked for before
// then is drawn for its request).
const first = await firstBuildOrExit(config, { ...buildOptions, finish: 'least' }, 'start');

// A passed review date fails `npm run content:check` (and CI), but never stops the site.
function warnOverdue(problems: readonly Problem[]): void {
  const overdue = problems.filter((p) => isOverdueReview(p));
  if (overdue.length === 0) return;
  const [pages, them] = overdue.length === 1 ? ['1 page is', 'it'] : [`${overdue.length} pages are`, 'them'];
  logger.warn({ problems: overdue }, `${pages} overdue for review, and still served (npm run content:check lists ${them})`);
}
warnOverdue(first.problems);

const holder = siteHolder(config, first.build);
// Opened once the pages are finished, so that no page waits for it (loading and starting the
// database takes about 0.5 s of CPU, PGlite's most), or at once by the first form that needs
// it. A store that cannot be opened is tried again later (src/store/open.ts); it never stops
// the site.
let pagesFinished!: () => void;
const store = openStore({ ...config.store, serveReads: true, openAfter: new Promise<void>((done) => (pagesFinished = done)) }, logger);
const stopDeletingOldText = deleteOldTextRegularly(store, config.feedbackRetentionDays, logger);
const feedback = feedbackOptions(config, store, logger);
// The staff area (/staff/) exists only when its sign-in is configured (OIDC_* settings).
const staff = await staffAreaFor(config, { holder, store, logger });
if (staff) logger.info({ issuer: config.staff!.issuer.href }, 'Staff area on at /staff/, signing in with the configured provider');
const server = siteServer(holder, logger, undefined, feedback, staff);
listenOrStop(server, config, (port) => {
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info(
    { pages: first.build.rendered.site.pages.size, store: store.kind, startupMs: Math.round(performance.now() - started), port },
    `Serving on ${address}`,
  );
  const finishing = performance.now();
  void finishBuild(first.build)
    .then(
      (finished) => {
        if (holder.replace(first.build, finished)) {
          logger.info({ ms: Math.round(performance.now() - finishing) }, 'Every page rendered and compressed');
        }
      },
      // A page that cannot be rendered stops the start, as it did when every page was rendered
      // before listening (one of each layout still is), unless a reload has replaced the build.
      (err: unknown) => holder.current === first.build && failedToStart(err, config),
    )
    .finally(pagesFinished);
  // In plain words for whoever started it; on stderr, so stdout stays one JSON line per entry.
  console.error(`\nThe site is running. Open ${address} in your browser.\nTo stop it, press Ctrl+C.\n`);
});

const reloader = new Reloader(holder, buildOptions);
process.on('SIGHUP', () => void reloadOnSignal());
async function reloadOnSignal(): Promise<void> {
  logger.info('SIGHUP: reloading the content');
  const next = await reloader.reload();
  if (next.build) {
    logger.info({ pages: next.build.rendered.site.pages.size }, 'Content reloaded');
    warnOverdue(next.problems);
  } else {
    logger.error({ problems: next.problems.filter((p) => p.severity === 'error') }, 'Reload failed: still serving the last good site');
  }
}

let stopping = false; // a repeated signal changes nothing: the drain is already bounded
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Draining: finishing requests in flight, then stopping');
    void stopGracefully(server, holder).then(async (outcome) => {
      // Every answered form is already committed; closing finishes anything still being written.
      stopDeletingOldText();
      await feedback.searches.stop(); // the searches counted since the last batch
      await store.close().catch((err: unknown) => logger.warn({ err }, 'Closing the store failed'));
      logger[outcome === 'drained' ? 'info' : 'warn']({ outcome }, 'Stopped');
      process.exit(0);
    });
  });
}
