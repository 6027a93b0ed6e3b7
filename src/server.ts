/**
 * Entry point: read the config, build the site, listen, and reload on SIGHUP.
 * Bad content stops startup with every problem listed; a bad reload keeps the old site.
 */
import { build, compressBuild } from './build.js';
import { isOverdueReview } from './content/checks/reviewDates.js';
import { formatProblem, type Problem } from './content/problem.js';
import { cachingRules } from './http/caching.js';
import { createServer } from './http/createServer.js';
import { stopGracefully } from './http/lifecycle.js';
import { SiteHolder } from './http/siteHolder.js';
import { createLogger } from './log.js';
import { deleteOldTextRegularly } from './features/feedback/retention.js';
import { openStore } from './store/open.js';
import { staffAreaFor } from './features/staff/index.js';
import { Reloader } from './reload.js';
import { configOrStop, failedToStart, listenOrStop } from './startupErrors.js';

const config = await configOrStop();
const logger = createLogger(config.logLevel);
if (config.production && !config.siteUrlConfigured) {
  logger.warn(
    `SITE_URL is not set: canonical links, the sitemap, robots.txt, structured data and the Open Referral feed give ${config.siteUrl} addresses. Set SITE_URL to the site's public address, such as SITE_URL=https://ot.example.nhs.uk`,
  );
}
// The server acts on errors only, so it skips the checks that only warn (reading age is the
// slowest of them); `npm run content:check` and the preview run them.
const buildOptions = {
  siteUrl: config.siteUrl,
  contentDir: config.contentDir,
  viewsDir: config.viewsDir,
  publicDir: config.publicDir,
  includeDrafts: !config.production,
  advice: false,
};

const started = performance.now();
// Serve as soon as the pages are rendered; their compressed bytes are swapped in when made.
const first = await build({ ...buildOptions, compress: false }).catch((err: unknown) => failedToStart(err, config));
if (!first.build) {
  const errors = first.problems.filter((p) => p.severity === 'error');
  console.error(`\nThe site cannot start: the content has ${errors.length} error${errors.length === 1 ? '' : 's'}.\n`);
  for (const problem of errors) console.error(formatProblem(problem) + '\n');
  console.error('Run `npm run content:check` for the full report, with warnings.');
  process.exit(1);
}

// A passed review date fails `npm run content:check` (and CI), but never stops the site.
function warnOverdue(problems: readonly Problem[]): void {
  const overdue = problems.filter((p) => isOverdueReview(p));
  if (overdue.length === 0) return;
  const [pages, them] = overdue.length === 1 ? ['1 page is', 'it'] : [`${overdue.length} pages are`, 'them'];
  logger.warn({ problems: overdue }, `${pages} overdue for review, and still served (npm run content:check lists ${them})`);
}
warnOverdue(first.problems);

const holder = new SiteHolder(first.build, cachingRules(config.cacheMaxAge));
// The store opens in the background: pages never wait for it (src/store/open.ts).
const store = openStore({ ...config.store, serveReads: true }, logger);
const stopDeletingOldText = deleteOldTextRegularly(store, config.feedbackRetentionDays, logger);
const feedback = {
  store,
  siteUrl: config.siteUrl,
  rateLimit: { trustedProxies: config.trustedProxies, limit: config.feedbackRateLimit, windowMs: 10 * 60_000 },
};
// The staff area (/staff/) exists only when its sign-in is configured (OIDC_* settings).
const staff = staffAreaFor(config, { holder, store, logger });
if (staff) logger.info({ issuer: config.staff!.issuer.href }, 'Staff area on at /staff/, signing in with the configured provider');
const server = createServer({ holder, logger, feedback, staff });
listenOrStop(server, config, (port) => {
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info(
    { pages: first.build!.rendered.pages.size, startupMs: Math.round(performance.now() - started), port },
    `Serving on ${address}`,
  );
  void compressBuild(first.build!).then(
    (compressed) => holder.replace(first.build!, compressed),
    (err: unknown) => logger.error({ err }, 'Compressing the pages failed: serving them uncompressed'),
  );
  // In plain words for whoever started it; on stderr, so stdout stays one JSON line per entry.
  console.error(`\nThe site is running. Open ${address} in your browser.\nTo stop it, press Ctrl+C.\n`);
});

const reloader = new Reloader(holder, buildOptions);
process.on('SIGHUP', () => void reloadOnSignal());
async function reloadOnSignal(): Promise<void> {
  logger.info('SIGHUP: reloading the content');
  const next = await reloader.reload();
  if (next.build) {
    logger.info({ pages: next.build.rendered.pages.size }, 'Content reloaded');
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
      await store.close().catch((err: unknown) => logger.warn({ err }, 'Closing the store failed'));
      logger[outcome === 'drained' ? 'info' : 'warn']({ outcome }, 'Stopped');
      process.exit(0);
    });
  });
}
