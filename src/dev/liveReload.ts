/**
 * Preview only: tell open pages to reload when the site is rebuilt, and show the
 * checker's problems on every page while the last change is broken.
 *
 * Pages get one small script from 'self' (added as an ordinary fingerprinted asset, so
 * the strict CSP stays as it is) that listens to Server-Sent Events on EVENTS_PATH.
 * The live site has neither the script nor the endpoint.
 */
import type { RequestHandler } from 'express';
import type nunjucks from 'nunjucks';
import type { Build } from '../build.js';
import { location, sortProblems, type Problem } from '../content/problem.js';
import type { ExtraScript } from '../render/assets.js';
import { escapeHtml } from '../render/environment.js';
import { finishResponse, type FinishedResponse } from '../render/finishedResponse.js';
import { HTML } from '../render/renderSite.js';

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

const SUMMARY = `{% from "nhsuk/components/error-summary/macro.njk" import errorSummary %}
{{ errorSummary({ heading: { text: title }, description: { text: description }, errorList: items, disableAutoFocus: true }) }}`;

/** The NHS.UK error summary listing the problems, drawn with nhsuk-frontend's own macro. */
export function problemsPanel(env: nunjucks.Environment, problems: readonly Problem[]): string {
  const errors = sortProblems(problems.filter((p) => p.severity === 'error'));
  return env.renderString(SUMMARY, {
    title: `The last change has ${errors.length} error${errors.length === 1 ? '' : 's'}`,
    description: 'You are seeing the last version that worked. Fix these and save: the page reloads by itself.',
    items: errors.map((p) => ({
      html: `<strong>${escapeHtml(location(p))}</strong> ${escapeHtml(p.message)}<br>How to fix: ${escapeHtml(p.fix)}`,
    })),
  });
}

/**
 * The last good build with the problems panel at the top of every page's main content.
 * The pages are otherwise byte for byte the last good ones.
 */
export async function withProblems(good: Build, panel: string): Promise<Build> {
  const addPanel = (page: FinishedResponse): Promise<FinishedResponse> => {
    const html = page.identity.toString('utf8').replace(/<main\b[^>]*>/, (main) => `${main}\n${panel}`);
    return finishResponse(html, HTML, { status: page.status });
  };
  const withPanel = <K>(pages: ReadonlyMap<K, FinishedResponse>) =>
    Promise.all([...pages].map(async ([key, page]): Promise<[K, FinishedResponse]> => [key, await addPanel(page)]));
  const [pages, errors] = await Promise.all([withPanel(good.rendered.pages), withPanel(good.rendered.errors)]);
  return { ...good, rendered: { ...good.rendered, pages: new Map(pages), errors: new Map(errors) } };
}
