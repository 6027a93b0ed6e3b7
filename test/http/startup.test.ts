import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig, type Config } from '../../src/config.js';
import { folderProblem, whyItCannotStart } from '../../src/startupErrors.js';
import { freePort } from '../../bench/support.js';
import { ROOT } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';
import { runToExit, serverProcess, startServerForTest } from '../support/process.js';

// The tests of each group run at the same time: each starts its own process, and most of
// their time is spent waiting on it.
describe.concurrent('starting the server', () => {
  it('serves the real content on the port it is given', async (context) => {
    const { expect } = context;
    const server = await startServerForTest(context);
    const res = await fetch(`http://127.0.0.1:${server.port}/referral`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>How to get a referral</h1>');
    // Whoever started it is told, in plain words, where to look and how to stop it.
    await expect.poll(() => server.output()).toContain(`Open http://127.0.0.1:${server.port} in your browser.`);
    expect(server.output()).toContain('To stop it, press Ctrl+C.');
  }, 30_000);

  it('serves at once, then the compressed pages and assets once they are made', async (context) => {
    const { expect } = context;
    const server = await startServerForTest(context);
    const encodingOf = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { headers: { 'accept-encoding': 'br' } });
      await res.arrayBuffer();
      return res.headers.get('content-encoding');
    };
    const deadline = Date.now() + 20_000;
    while ((await encodingOf('/referral')) !== 'br' && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    expect(await encodingOf('/referral')).toBe('br');
    expect(await encodingOf('/assets/images/favicon.svg')).toBe('br');
    expect(await encodingOf('/assets/images/nhsuk-icon-192.png')).toBeNull();
  }, 30_000);

  // Pages are rendered while the server serves (src/serve.ts), one of each layout before it
  // listens: a template with a mistake still stops the start, whichever page shows it.
  it('a page template that cannot be drawn stops startup, naming the template', async ({ expect }) => {
    const brokenFor = async (condition: string) => {
      const views = await mkdtemp(join(tmpdir(), 'ot-views-'));
      await cp(join(ROOT, 'views'), views, { recursive: true });
      const page = join(views, 'page.njk');
      const text = await readFile(page, 'utf8');
      await writeFile(page, text.replace('{% block content %}', `{% block content %}{% if ${condition} %}{{ noSuchMacro() }}{% endif %}`));
      return views;
    };
    const sentence =
      'The site cannot start (views/page.njk:5): The template could not be drawn: Unable to call `noSuchMacro`, which is undefined or falsey. Undo the last change to views/, or correct it.';
    const started = async (views: string) =>
      runToExit(await serverProcess({ VIEWS_DIR: views, PORT: String(await freePort()), LOG_LEVEL: 'warn' }));
    // Every page of the layout: the page drawn before listening fails, and it never listens.
    const before = await started(await brokenFor('true'));
    expect(before.code).toBe(1);
    expect(before.output.trim()).toBe(sentence);
    // One page only, drawn once the server listens: it stops as soon as that page fails.
    const after = await started(await brokenFor("page.path == '/privacy'"));
    expect(after.code).toBe(1);
    expect(after.output).toContain('The site is running.');
    expect(after.output.trim().split('\n').at(-1)).toBe(sentence);
  }, 30_000);

  it('a bad content file stops startup with the file, the line and the fix', async ({ expect }) => {
    const dir = await fixtureSite('bad/wrong-type', 'bad/yaml-error');
    const { code, output } = await runToExit(await serverProcess({ CONTENT_DIR: dir }));
    expect(code).toBe(1);
    expect(output).toContain('The site cannot start: the content has 2 errors.');
    expect(output).toMatch(/typed\.md:4 \[order\] error: `order` must be a whole number/);
    expect(output).toMatch(
      /broken\.md:3 error: The fields at the top of the file cannot be read: a colon inside a value needs the value in quotes\./,
    );
    expect(output).toContain('Fix: ');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  }, 30_000);
});

/** Runs the server to its exit and returns what it printed, which must be one line. */
async function failedStart(env: Record<string, string>) {
  const child = await serverProcess(env);
  // A server that starts anyway is stopped at once, and fails on its exit code.
  child.stdout.on('data', (chunk: Buffer) => /"port":\d+/.test(chunk.toString()) && child.kill());
  const { code, output } = await runToExit(child);
  expect(code).toBe(1);
  expect(output).not.toMatch(/\n\s+at |Error:|node:internal/); // no stack trace
  expect(output.trim().split('\n')).toHaveLength(1);
  return output.trim();
}

/** The sentence the server prints for these settings, worked out here, in-process. */
async function sentenceFor(env: Record<string, string>): Promise<string | undefined> {
  let config: Config;
  try {
    config = readConfig(env);
  } catch (err) {
    return whyItCannotStart(err);
  }
  return folderProblem(config);
}

describe.concurrent('a server that cannot start says why in one sentence, and what to do', () => {
  const PORT_RULE = 'PORT must be a whole number from 1 to 65535, such as 3000.';

  // Each way of failing, once as the server process prints it: a setting, a folder, the port,
  // the address (and, above, the content).
  it('a PORT that is zero (any free port)', async ({ expect }) => {
    expect(await failedStart({ PORT: '0' })).toBe(`The site cannot start because PORT is "0": ${PORT_RULE}`);
  }, 30_000);

  it('a content folder that is not there', async ({ expect }) => {
    const missing = join(tmpdir(), 'no-such-content-folder');
    expect(await failedStart({ CONTENT_DIR: missing })).toBe(
      `The site cannot start because the content folder ${missing} does not exist: set CONTENT_DIR to the folder that holds the Markdown pages.`,
    );
  }, 30_000);

  // The other settings and folders the same way, checked in-process: the same sentences.
  it.each([
    ['empty', ''],
    ['hexadecimal', '0xC81'],
    ['too large', '70000'],
    ['not a number', 'abc'],
  ])('a PORT that is %s', async (_, port) => {
    expect(await sentenceFor({ PORT: port })).toBe(`The site cannot start because PORT is ${JSON.stringify(port)}: ${PORT_RULE}`);
  });

  it('another bad setting', async ({ expect }) => {
    expect(await sentenceFor({ LOG_LEVEL: 'loud' })).toBe(
      'The site cannot start because LOG_LEVEL is "loud": LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent.',
    );
  });

  it('a content folder that cannot be read as one', async ({ expect }) => {
    const file = join(await mkdtemp(join(tmpdir(), 'ot-')), 'content.md');
    await writeFile(file, '# Not a folder\n');
    expect(await sentenceFor({ CONTENT_DIR: file })).toBe(
      `The site cannot start because the content folder ${file} is a file, not a folder: set CONTENT_DIR to the folder that holds the Markdown pages.`,
    );
  });

  it('a views folder that is not there', async ({ expect }) => {
    const missing = join(tmpdir(), 'no-such-views-folder');
    expect(await sentenceFor({ VIEWS_DIR: missing })).toBe(
      `The site cannot start because the views folder ${missing} does not exist: set VIEWS_DIR to the folder that holds the page templates.`,
    );
  });

  it('a port already in use', async ({ expect }) => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const { port } = taken.address() as AddressInfo;
    try {
      expect(await failedStart({ PORT: String(port) })).toBe(
        `The site cannot start because port ${port} is already in use on 127.0.0.1: stop whatever is using it, or set PORT to a free port.`,
      );
    } finally {
      taken.close();
    }
  }, 30_000);

  it('a HOST that cannot be looked up', async ({ expect }) => {
    expect(await failedStart({ HOST: 'no-such-host.invalid' })).toBe(
      'The site cannot start because HOST is "no-such-host.invalid", a name that could not be looked up: set HOST to an address of this machine, such as 0.0.0.0 (all of them) or 127.0.0.1.',
    );
  }, 30_000);
});
