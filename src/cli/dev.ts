/**
 * `npm run dev`: the preview server for content editors.
 *
 * Watches content/, views/ and public/; on any change it rebuilds the whole site (drafts
 * included, with their "Draft" tag) beside the one being served and swaps it in, then
 * every open page reloads by itself. When a change breaks something, the terminal prints
 * the checker's report, every page shows the errors at the top, and the last good
 * version keeps serving until the change is fixed.
 */
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { basename } from 'node:path';
import chokidar from 'chokidar';
import { build, type BuildOptions } from '../build.js';
import { readConfig } from '../config.js';
import { formatReport } from '../content/report.js';
import { LiveReloadHub, EVENTS_PATH, LIVE_RELOAD_SCRIPT, problemsPanel, withProblems } from '../dev/liveReload.js';
import { createServer } from '../http/createServer.js';
import { SiteHolder } from '../http/siteHolder.js';
import { createLogger } from '../log.js';
import { createEnvironment } from '../render/environment.js';
import { Reloader, type ReloadResult } from '../reload.js';

const DEBOUNCE_MS = 150;

const config = readConfig({ NODE_ENV: 'development', PORT: '3000', HOST: '127.0.0.1', ...process.env });
const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
const options: BuildOptions = {
  siteUrl: config.siteUrl,
  contentDir: config.contentDir,
  viewsDir: config.viewsDir,
  publicDir: config.publicDir,
  includeDrafts: true,
  extraScripts: [LIVE_RELOAD_SCRIPT],
};

const say = (text: string) => console.log(`[${new Date().toLocaleTimeString('en-GB')}] ${text}`);

const first = await build(options);
if (!first.build) {
  console.error(formatReport({ problems: first.problems, pages: [] }));
  console.error('\nThe preview cannot start until these errors are fixed. Fix them and run `npm run dev` again.');
  process.exit(1);
}

const holder = new SiteHolder(first.build);
const reloader = new Reloader(holder, options);
const hub = new LiveReloadHub();

// The production server, with one more route: the event stream that reloads open pages.
const server = createServer({ holder, logger, routers: [Router().get(EVENTS_PATH, hub.handler)] });

async function show(result: ReloadResult): Promise<void> {
  if (result.ok) {
    const warnings = result.problems.length;
    say(
      `Rebuilt: ${result.build!.rendered.pages.size} pages${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'} (run \`npm run content:check\` to list them)` : ''}.`,
    );
  } else {
    say('The last change has errors. Still showing the last version that worked.\n');
    console.log(formatReport({ problems: result.problems.filter((p) => p.severity === 'error'), pages: [] }) + '\n');
    holder.swap(await withProblems(reloader.lastGood, problemsPanel(createEnvironment(config.viewsDir), result.problems)));
  }
  hub.reload();
}

let timer: NodeJS.Timeout | undefined;
// Hidden files (editors' swap and temporary files) are ignored, as the loader ignores them.
const watcher = chokidar.watch([config.contentDir, config.viewsDir, config.publicDir], {
  ignoreInitial: true,
  ignored: (path: string) => basename(path).startsWith('.'),
});
watcher.on('all', (_event, path) => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    say(`Changed: ${path}`);
    void reloader.reload().then(show);
  }, DEBOUNCE_MS);
});

// Listen once the watcher has seen every file, so no save is missed.
await new Promise((ready) => watcher.once('ready', ready));
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  say(`Preview on http://${config.host}:${port} (drafts shown). Watching content/, views/ and public/. Press Ctrl+C to stop.`);
  console.log(JSON.stringify({ port }));
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    clearTimeout(timer);
    void watcher.close().then(() => {
      hub.close();
      server.close(() => process.exit(0));
      server.closeIdleConnections();
    });
  });
}
