/**
 * Entry point: read the config, build the site, listen, and reload on SIGHUP.
 * Bad content stops startup with every problem listed; a bad reload keeps the old site.
 */
import type { AddressInfo } from 'node:net';
import { build } from './build.js';
import { readConfig } from './config.js';
import { formatProblem } from './content/problem.js';
import { createApp } from './http/app.js';
import { withFastPath } from './http/fastPath.js';
import { createHttpServer, stopGracefully } from './http/lifecycle.js';
import { SiteHolder } from './http/siteHolder.js';
import { createLogger } from './log.js';
import { Reloader } from './reload.js';

const config = readConfig();
const logger = createLogger(config.logLevel);
// The server acts on errors only, so it skips the checks that only warn (reading age took
// 0.4 s of a 1,000-page start); `npm run content:check` and the preview run them.
const buildOptions = {
  siteUrl: config.siteUrl,
  contentDir: config.contentDir,
  viewsDir: config.viewsDir,
  publicDir: config.publicDir,
  includeDrafts: !config.production,
  advice: false,
};

const started = performance.now();
const first = await build(buildOptions);
if (!first.build) {
  const errors = first.problems.filter((p) => p.severity === 'error');
  console.error(`\nThe site cannot start: the content has ${errors.length} error${errors.length === 1 ? '' : 's'}.\n`);
  for (const problem of errors) console.error(formatProblem(problem) + '\n');
  console.error('Run `npm run content:check` for the full report, with warnings.');
  process.exit(1);
}

const holder = new SiteHolder(first.build);
const app = createApp(holder, logger);
// Prepared pages, assets and searches skip Express's middleware; everything else goes through it.
const server = createHttpServer(withFastPath(holder, app, logger), holder, logger).listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info(
    { pages: first.build!.rendered.pages.size, startupMs: Math.round(performance.now() - started), port },
    `Serving on ${address}`,
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
    void stopGracefully(server, holder).then((outcome) => {
      logger[outcome === 'drained' ? 'info' : 'warn']({ outcome }, 'Stopped');
      process.exit(0);
    });
  });
}
