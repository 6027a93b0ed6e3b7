/**
 * Entry point: read the config, build the site, listen, and reload on SIGHUP.
 * Bad content stops startup with every problem listed; a bad reload keeps the old site.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { build } from './build.js';
import { readConfig } from './config.js';
import { formatProblem, hasErrors } from './content/problem.js';
import { createApp } from './http/app.js';
import { constantHeaders, withFastPath } from './http/fastPath.js';
import { securityHeaders } from './http/security.js';
import { SiteHolder } from './http/siteHolder.js';

const config = readConfig();
const logger = pino({ level: config.logLevel });
const buildOptions = { contentDir: config.contentDir, viewsDir: config.viewsDir, publicDir: config.publicDir, includeDrafts: !config.production };

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
// Prepared pages and assets skip Express's middleware; everything else goes through it.
const server = createServer(withFastPath(holder, app, constantHeaders(securityHeaders()))).listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  logger.info(
    { pages: first.build!.rendered.pages.size, startupMs: Math.round(performance.now() - started), port },
    `Serving on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
  );
});

process.on('SIGHUP', async () => {
  const next = await build(buildOptions);
  if (next.build && !hasErrors(next.problems)) {
    holder.swap(next.build);
    logger.info({ pages: next.build.rendered.pages.size }, 'Content reloaded');
  } else {
    logger.error({ problems: next.problems.filter((p) => p.severity === 'error') }, 'Reload failed: still serving the last good site');
  }
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    holder.drain();
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
