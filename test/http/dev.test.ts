/**
 * The preview server (`npm run dev`) as an editor uses it: save a file and the open page
 * is told to reload and shows the change; save a broken file and the last good page keeps
 * serving with the errors at the top, and the terminal prints the same.
 */
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';
import { startServer, type RunningServer } from '../support/process.js';
import { visibleText } from '../support/text.js';

let server: RunningServer | undefined;
let events: AbortController | undefined;
afterEach(async () => {
  events?.abort();
  await server?.stop();
  server = undefined;
});

/** Saves a file the way editors' tools do: written beside, then renamed over the old one. */
async function save(file: string, edit: (text: string) => string): Promise<void> {
  const text = edit(await readFile(file, 'utf8'));
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

/** Listens to the live reload events; `next()` resolves at the next `reload` (or fails after 15 s). */
async function listen(port: number) {
  events = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/__dev/events`, { signal: events.signal });
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  await reader.read(); // the opening `retry:` line
  return async function next(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!buffer.includes('event: reload')) {
      const left = deadline - Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>(
        (_, fail) => (timer = setTimeout(() => fail(new Error('no reload event within 15 s')), Math.max(0, left))),
      );
      const chunk = await Promise.race([reader.read(), timeout]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error('event stream closed');
      buffer += decoder.decode(chunk.value);
    }
    buffer = buffer.slice(buffer.indexOf('event: reload') + 'event: reload'.length);
  };
}

describe('npm run dev', () => {
  it('rebuilds on save and tells the open page to reload; a broken save keeps the last good page and shows the errors', async () => {
    const dir = await fixtureSite('rules/draft');
    const about = join(dir, 'about.md');
    server = await startServer({ CONTENT_DIR: dir, PORT: '0' }, 20_000, 'src/cli/dev.ts');
    const get = async (path: string) => (await fetch(`http://127.0.0.1:${server!.port}${path}`)).text();
    const reloaded = await listen(server.port);

    const before = await get('/about');
    expect(visibleText(before)).toContain('We are a test.');
    expect(before).toMatch(/<script type="module" src="\/static\/live-reload\.[0-9a-f]{12}\.js"><\/script>/);
    expect(visibleText(await get('/wip'))).toContain('Draft');

    await save(about, (text) => text.replace('We are a test.', 'We are an edited test.'));
    await reloaded();
    expect(visibleText(await get('/about'))).toContain('We are an edited test.');

    await save(about, (text) => text.replace('title: About us', 'title: About: us'));
    await reloaded();
    const broken = await get('/about');
    expect(visibleText(broken)).toContain('We are an edited test.');
    expect(broken).toContain('nhsuk-error-summary');
    // The broken page no longer counts as a page, so the home page's link to it fails too.
    expect(visibleText(broken)).toContain('The last change has 2 errors');
    expect(visibleText(broken)).toMatch(/about\.md:2 The front matter is not valid YAML: .* How to fix: /);
    expect(visibleText(broken)).toMatch(/index\.md:12 The link "about us" goes to \/about/);
    expect(visibleText(await get('/'))).toContain('The last change has 2 errors');
    expect(server.output()).toMatch(/about\.md:2 ERROR: The front matter is not valid YAML/);

    await save(about, (text) => text.replace('title: About: us', 'title: About us'));
    await reloaded();
    const fixed = await get('/about');
    expect(fixed).not.toContain('nhsuk-error-summary');
    expect(visibleText(fixed)).toContain('We are an edited test.');
  }, 60_000);

  it('rebuilds when a view or a stylesheet changes', async () => {
    const dir = await fixtureSite();
    const [views, assets] = [join(dir, 'views'), join(dir, 'public')];
    await cp(join(ROOT, 'views'), views, { recursive: true });
    await cp(join(ROOT, 'public'), assets, { recursive: true });
    server = await startServer({ CONTENT_DIR: dir, VIEWS_DIR: views, PUBLIC_DIR: assets, PORT: '0' }, 20_000, 'src/cli/dev.ts');
    const get = async () => (await fetch(`http://127.0.0.1:${server!.port}/about`)).text();
    const reloaded = await listen(server.port);
    const stylesheet = (html: string) => /href="(\/static\/app\.[0-9a-f]{12}\.css)"/.exec(html)?.[1];
    const before = stylesheet(await get());

    await save(join(views, 'partials', 'review-date.njk'), (text) => text.replace('Page last reviewed:', 'Page last checked:'));
    await reloaded();
    expect(visibleText(await get())).toContain('Page last checked:');

    await save(join(assets, 'css', 'app.css'), (text) => `${text}\n.app-preview-test { color: inherit; }\n`);
    await reloaded();
    const after = stylesheet(await get());
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(await (await fetch(`http://127.0.0.1:${server.port}${after}`)).text()).toContain('.app-preview-test');
  }, 60_000);
});
