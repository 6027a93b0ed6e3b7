/**
 * Preview only: tell open pages to reload when the site is rebuilt.
 *
 * Pages get one small script from 'self' (added as an ordinary fingerprinted asset, so
 * the strict CSP stays as it is) that listens to Server-Sent Events on EVENTS_PATH.
 * The live site has neither the script nor the endpoint.
 */
import type { RequestHandler } from 'express';
import type { ExtraScript } from '../render/assets.js';

export const EVENTS_PATH = '/__dev/events';

export const LIVE_RELOAD_SCRIPT: ExtraScript = {
  name: 'live-reload',
  body: `// Preview server only: reload this page when the site is rebuilt.
const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
events.addEventListener('open', () => (document.documentElement.dataset.liveReload = 'connected'));
events.addEventListener('reload', () => location.reload());
`,
};

/** The open pages, each holding an event stream. */
export class LiveReloadHub {
  readonly #clients = new Set<import('express').Response>();

  get clients(): number {
    return this.#clients.size;
  }

  handler: RequestHandler = (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    this.#clients.add(res);
    req.on('close', () => this.#clients.delete(res));
  };

  /** Every open page reloads. */
  reload(): void {
    for (const client of this.#clients) client.write('event: reload\ndata: {}\n\n');
  }

  close(): void {
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }
}
