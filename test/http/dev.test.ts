/**
 * The preview server (`npm run dev`) as an editor uses it: save a file and the open page
 * is told to reload and shows the change; save a broken file and the last good page keeps
 * serving with the errors at the top, and the terminal prints the same.
 */
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { ROOT } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';
import { programProcess, runToExit, startServerForTest } from '../support/process.js';
import { rawRequest } from '../support/raw.js';
import { expectSecurityHeaders } from '../support/security.js';
import { visibleText } from '../support/text.js';

/** The preview on a free port, stopped when the test ends. */
const startPreview = (env: Record<string, string>, context: TestContext) => startServerForTest(context, env, 20_000, 'src/cli/dev.ts');

/** Saves a file the way editors' tools do: written beside, then renamed over the old one. */
async function save(file: string, edit: (text: string) => string): Promise<void> {
  const text = edit(await readFile(file, 'utf8'));
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

/** The preview started on content with an error (a colon in about.md's title), listened to. */
async function startOnBrokenContent(context: TestContext) {
  const dir = await fixtureSite('rules/review-soon');
  const about = join(dir, 'about.md');
  await save(about, (text) => text.replace('title: About us', 'title: About: us'));
  const server = await startPreview({ CONTENT_DIR: dir }, context);
  return { about, server, reloaded: await listen(server.port, context) };
}

/** Listens to the live reload events; `next()` resolves at the next `reload` (or fails after 15 s). */
async function listen(port: number, { onTestFinished }: TestContext) {
  const events = new AbortController();
  onTestFinished(() => events.abort());
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

/** GET / at that address, with that Host header (fetch cannot set one). */
function statusAt(address: string, port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: address, port, path: '/', headers: { host }, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => done({ status: res.statusCode!, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/**
 * The answers production's server factory gives and a server of the preview's own would not:
 * a refused method, headers over Node's limit (answered below Express) and CONNECT, each
 * with the security headers.
 */
async function expectProductionLimits(port: number, when: string): Promise<void> {
  const trace = await rawRequest(port, 'TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  expect(trace.status, `TRACE ${when}`).toBe(405);
  expect(trace.headers.allow, `TRACE ${when}`).toBe('GET, HEAD');
  expectSecurityHeaders(trace.headers, `TRACE ${when}`);
  const big = await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
  expect(big.status, `oversized headers ${when}`).toBe(431);
  expectSecurityHeaders(big.headers, `oversized headers ${when}`);
  const connect = await rawRequest(port, 'CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n');
  expect(connect.status, `CONNECT ${when}`).toBe(405);
  expectSecurityHeaders(connect.headers, `CONNECT ${when}`);
}

/**
 * A save can reach the watcher as more than one change (the file written beside, then
 * renamed), each rebuilt in turn: after a reload event, the tests poll for the page the save
 * makes, for up to this long.
 */
const REBUILT = { timeout: 15_000 };

const statusOf = async (port: number, path: string) => (await fetch(`http://127.0.0.1:${port}${path}`)).status;

// The tests run at the same time: each has its own preview and folders, and most of their
// time is spent waiting on them.
describe.concurrent('npm run dev', () => {
  it('rebuilds on save and tells the open page to reload; a broken save keeps the last good page and shows the errors', async (context) => {
    const { expect } = context;
    const dir = await fixtureSite('rules/draft');
    const about = join(dir, 'about.md');
    const server = await startPreview({ CONTENT_DIR: dir }, context);
    const get = async (path: string) => (await fetch(`http://127.0.0.1:${server.port}${path}`)).text();
    const reloaded = await listen(server.port, context);

    // Ready: one plain sentence with the address to open.
    expect(server.output()).toMatch(
      /^\[[\d:]+\] The preview is ready: open http:\/\/localhost:\d+ in your browser \(drafts are shown, and pages reload when you save; press Ctrl\+C to stop\)\.$/m,
    );
    expect(server.output()).not.toContain('"port"');

    const before = await get('/about');
    expect(visibleText(before)).toContain('We are a test.');
    expect(before).toMatch(/<script type="module" src="\/static\/live-reload\.[0-9a-f]{12}\.js"><\/script>/);
    expect(visibleText(await get('/wip'))).toContain('Draft');

    const shows = (path: string, text: string) => expect.poll(() => get(path), REBUILT).toContain(text);
    await save(about, (text) => text.replace('We are a test.', 'We are an edited test.'));
    await reloaded();
    await shows('/about', 'We are an edited test.');

    await save(about, (text) => text.replace('title: About us', 'title: About: us'));
    await reloaded();
    await shows('/about', 'nhsuk-error-summary');
    const broken = await get('/about');
    expect(visibleText(broken)).toContain('We are an edited test.');
    expect(broken).toContain('nhsuk-error-summary');
    // The broken file is the one cause: the home page's link to it is not reported as another.
    expect(visibleText(broken)).toContain('The last change has 1 error');
    expect(visibleText(broken)).toMatch(
      /about\.md:2 The fields at the top of the file cannot be read: a colon inside a value needs the value in quotes\. How to fix: /,
    );
    expect(visibleText(await get('/'))).toContain('The last change has 1 error');
    expect(server.output()).toMatch(/about\.md:2 ERROR: The fields at the top of the file cannot be read/);
    expect(server.output()).toContain('1 error, 0 warnings (0 facts still to fill).');

    await save(about, (text) => text.replace('title: About: us', 'title: About us'));
    await reloaded();
    await expect.poll(() => get('/about'), REBUILT).not.toContain('nhsuk-error-summary');
    const fixed = await get('/about');
    expect(visibleText(fixed)).toContain('We are an edited test.');
  }, 60_000);

  it('starts when the content has errors, lists every problem on a page, and turns into the site on the first good save', async (context) => {
    const { expect } = context;
    const { about, server, reloaded } = await startOnBrokenContent(context);

    const res = await fetch(`http://127.0.0.1:${server.port}/about`);
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).toMatch(/<script type="module" src="\/static\/live-reload\.[0-9a-f]{12}\.js"><\/script>/);
    const text = visibleText(page);
    expect(text).toContain('The preview cannot show the site yet');
    expect(text).toContain('The content has 1 error');
    expect(text).toMatch(
      /about\.md:2 The fields at the top of the file cannot be read: a colon inside a value needs the value in quotes\. How to fix: Put the value in double quotes/,
    );
    expect(text).toContain('Warnings (1)');
    // A passed review date is a warning here, as on the live site: it never hides the site.
    expect(text).toMatch(/soon\.md:6 The review was due on 2026-06-20, \d+ days ago\./);
    expect(text).toContain('1 error, 1 warning (0 facts still to fill).');
    // The stylesheet the page links to is served.
    const css = /href="(\/static\/nhsuk-frontend\.[0-9a-f]{12}\.css)"/.exec(page)?.[1];
    expect((await fetch(`http://127.0.0.1:${server.port}${css}`)).status).toBe(200);
    // The provider's name, as on the site's pages, not the design system's default.
    expect(text).toContain('© Test Provider');
    expect(text).not.toContain('NHS England');
    expect(server.output()).toContain('The content has errors, so the preview shows them instead of the site.');
    expect(server.output()).toContain('1 error, 1 warning (0 facts still to fill).');

    await save(about, (text) => text.replace('title: About: us', 'title: About us'));
    await reloaded();
    await expect.poll(() => statusOf(server.port, '/about'), REBUILT).toBe(200);
    const fixed = await fetch(`http://127.0.0.1:${server.port}/about`);
    expect(fixed.status).toBe(200);
    expect(visibleText(await fixed.text())).toContain('We are a test.');
    expect(server.output()).toMatch(/Built: \d+ pages\. 0 errors, 1 warning \(0 facts still to fill\)\./);
  }, 60_000);

  it('rebuilds when a view or a stylesheet changes', async (context) => {
    const { expect } = context;
    const dir = await fixtureSite();
    const [views, assets] = [join(dir, 'views'), join(dir, 'public')];
    await cp(join(ROOT, 'views'), views, { recursive: true });
    await cp(join(ROOT, 'public'), assets, { recursive: true });
    const server = await startPreview({ CONTENT_DIR: dir, VIEWS_DIR: views, PUBLIC_DIR: assets }, context);
    const get = async () => (await fetch(`http://127.0.0.1:${server.port}/about`)).text();
    const reloaded = await listen(server.port, context);
    const stylesheet = (html: string) => /href="(\/static\/app\.[0-9a-f]{12}\.css)"/.exec(html)?.[1];
    const before = stylesheet(await get());

    await save(join(views, 'partials', 'review-date.njk'), (text) => text.replace('Page last reviewed:', 'Page last checked:'));
    await reloaded();
    await expect.poll(async () => visibleText(await get()), REBUILT).toContain('Page last checked:');

    await save(join(assets, 'css', 'app.css'), (text) => `${text}\n.app-preview-test { color: inherit; }\n`);
    await reloaded();
    await expect.poll(async () => stylesheet(await get()), REBUILT).not.toBe(before);
    const after = stylesheet(await get());
    expect(after).toBeDefined();
    expect(await (await fetch(`http://127.0.0.1:${server.port}${after}`)).text()).toContain('.app-preview-test');
  }, 60_000);

  it("has production's limits and security headers, before the content first builds and after", async (context) => {
    const { expect } = context;
    const { about, server, reloaded } = await startOnBrokenContent(context);

    await expectProductionLimits(server.port, 'before the first good build');
    const problems = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(visibleText(await problems.text())).toContain('The preview cannot show the site yet');
    expectSecurityHeaders(Object.fromEntries(problems.headers), 'the problems page');

    await save(about, (text) => text.replace('title: About: us', 'title: About us'));
    await reloaded();
    await expect.poll(() => statusOf(server.port, '/about'), REBUILT).toBe(200);
    await expectProductionLimits(server.port, 'once the site has built');
    expect((await fetch(`http://127.0.0.1:${server.port}/about`)).status).toBe(200);
  }, 60_000);

  it('a bad setting or a missing folder stops it with one sentence, as it stops the server', async ({ expect }) => {
    for (const [env, sentence] of [
      [{ PORT: '0' }, 'The site cannot start because PORT is "0": PORT must be a whole number from 1 to 65535, such as 3000.'],
      [
        { CONTENT_DIR: '/no-such-content-folder' },
        'The site cannot start because the content folder /no-such-content-folder does not exist: set CONTENT_DIR to the folder that holds the Markdown pages.',
      ],
    ] as const) {
      const { code, output } = await runToExit(await programProcess('src/cli/dev.ts', [], env));
      expect(code).toBe(1);
      expect(output.trim()).toBe(sentence);
    }
  }, 30_000);
});

// On its own, after the others: it starts two previews of its own.
describe('npm run dev, asked by other names', () => {
  it('answers only at localhost, 127.0.0.1 or [::1], and listens where PREVIEW_HOST says (this machine alone by default), never HOST', async (context) => {
    const { expect } = context;
    const dir = await fixtureSite('rules/review-soon');
    const [onIpv6, byDefault] = await Promise.all([
      // HOST names nothing on this machine (the server would stop on it): the preview never reads it.
      startPreview({ CONTENT_DIR: dir, HOST: 'no-such-host.invalid', PREVIEW_HOST: '::1' }, context),
      // HOST says every address: the preview still listens on 127.0.0.1 alone.
      startPreview({ CONTENT_DIR: dir, HOST: '::' }, context),
    ]);
    await expect(statusAt('127.0.0.1', onIpv6.port, `localhost:${onIpv6.port}`)).rejects.toThrow(/ECONNREFUSED/);
    await expect(statusAt('::1', byDefault.port, `localhost:${byDefault.port}`)).rejects.toThrow(/ECONNREFUSED/);

    const { port } = onIpv6;
    for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      expect((await statusAt('::1', port, host)).status, host).toBe(200);
    }
    // DNS rebinding: another site's name pointed at this machine, with or without the port; or another port.
    for (const host of ['attacker.example', `attacker.example:${port}`, `localhost.attacker.example:${port}`, 'localhost:1']) {
      const answer = await statusAt('::1', port, host);
      expect(answer.status, host).toBe(421);
      expect(answer.body, host).toContain(`http://localhost:${port}/`);
      expect(answer.body, host).not.toContain('attacker');
    }
    expect((await statusAt('127.0.0.1', byDefault.port, 'attacker.example')).status).toBe(421);
    // HTTP/1.0 may leave the Host out: then nothing says the page was asked for by this machine's name.
    expect((await rawRequest(byDefault.port, 'GET / HTTP/1.0\r\n\r\n')).status).toBe(421);
    expect((await statusAt('127.0.0.1', byDefault.port, `127.0.0.1:${byDefault.port}`)).status).toBe(200);
  }, 60_000);
});
