/**
 * `npm run dev`: the preview server for content editors.
 *
 * Watches content/, views/ and public/; on any change it rebuilds the whole site (drafts
 * included, with their "Draft" tag) beside the one being served and swaps it in, then
 * every open page reloads by itself. When a change breaks something, the terminal prints
 * the checker's report, every page shows the errors at the top, and the last good
 * version keeps serving until the change is fixed. It always starts: content that has
 * errors from the first shows a page listing them until the first good save (src/dev/preview.ts).
 */
import { basename } from 'node:path';
import chokidar from 'chokidar';
import { Router } from 'express';
import { LiveReloadHub, EVENTS_PATH } from '../dev/liveReload.js';
import { loopbackHostsOnly } from '../dev/loopbackOnly.js';
import { describeOutcome, Preview, previewReady, type PreviewOutcome } from '../dev/preview.js';
import { stopGracefully } from '../http/lifecycle.js';
import { createLogger } from '../log.js';
import { buildOptionsFor, siteHolder, siteServer } from '../startup.js';
import { configOrStop, listenOrStop } from '../startupErrors.js';

const DEBOUNCE_MS = 150;

// A bad setting, a missing folder or a port in use stops the preview with one sentence, as
// it stops the server. It listens where PREVIEW_HOST says, this machine alone unless told:
// never HOST, which some shells set to the machine's name for everyone on the network.
const config = await configOrStop({ NODE_ENV: 'development', PORT: '3000', ...process.env, HOST: process.env.PREVIEW_HOST || '127.0.0.1' });
const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);

const say = (text: string) => console.log(`[${new Date().toLocaleTimeString('en-GB')}] ${text}`);

const preview = new Preview(buildOptionsFor(config, 'preview'), siteHolder(config));
const hub = new LiveReloadHub();

// The production server, with the preview's routers tried first: Hosts other than this
// machine's loopback names refused, the event stream that reloads open pages, and the
// problems page at every other address until the content first builds. Limits, refusals and
// security headers are production's.
const events = Router().get(EVENTS_PATH, hub.handler);
const server = siteServer(preview.holder, logger, [loopbackHostsOnly(config.port), events, preview.handler]);

function show(outcome: PreviewOutcome): void {
  say(describeOutcome(outcome));
  hub.reload();
}
show(await preview.rebuild());

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
    void preview.rebuild().then(show);
  }, DEBOUNCE_MS);
});

// Listen once the watcher has seen every file, so no save is missed.
await new Promise((ready) => watcher.once('ready', ready));
// One plain sentence: the address to open (localhost: the preview answers no other name), and how to stop it.
listenOrStop(server, config, (port) => say(previewReady(port)));

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    void watcher.close().then(async () => {
      // The open pages' event streams never end by themselves: end them as the server stops.
      const stopped = stopGracefully(server, preview.holder);
      hub.close();
      await stopped;
      process.exit(0);
    });
  });
}
