/**
 * Production reload without a restart: SIGHUP builds the site beside the one being served
 * and swaps it in; a broken file leaves the last good site serving and logs the problems.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { SiteHolder } from '../../src/http/siteHolder.js';
import { Reloader } from '../../src/reload.js';
import { buildOptions } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';
import { startServer, type RunningServer } from '../support/process.js';
import { visibleText } from '../support/text.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Polls until `check` passes: at most 50 tries, 100 ms apart. */
async function eventually<T>(check: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let i = 0; i < 50; i++) {
    try {
      return await check();
    } catch (thrown) {
      last = thrown;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  throw last;
}

describe('SIGHUP', () => {
  it('reloads edited content, and keeps the last good site when a file breaks', async () => {
    const dir = await fixtureSite();
    const about = join(dir, 'about.md');
    server = await startServer({ CONTENT_DIR: dir });
    const page = async () => visibleText(await (await fetch(`http://127.0.0.1:${server!.port}/about`)).text());
    expect(await page()).toContain('We are a test.');

    await writeFile(about, (await readFile(about, 'utf8')).replace('We are a test.', 'We are an edited test.'));
    server.child.kill('SIGHUP');
    await eventually(async () => expect(await page()).toContain('We are an edited test.'));

    await writeFile(about, (await readFile(about, 'utf8')).replace('title: About us', 'title: About: us').replace('edited', 'broken'));
    server.child.kill('SIGHUP');
    await eventually(() => Promise.resolve(expect(server!.output()).toContain('Reload failed: still serving the last good site')));
    expect(server.output()).toMatch(
      /"file":"about\.md","line":2,"message":"The fields at the top of the file cannot be read: a colon inside a value needs the value in quotes\./,
    );
    expect(await page()).toContain('We are an edited test.');
  }, 30_000);
});

describe('the reloader', () => {
  it('never runs two builds at once: calls during a build share one queued reload', async () => {
    const dir = await fixtureSite();
    const options = buildOptions({ contentDir: dir });
    const holder = new SiteHolder((await build(options)).build);
    const reloader = new Reloader(holder, options);

    const first = reloader.reload();
    // Edited while the first build runs (written beside and renamed, so no build reads half a
    // file). Synchronously, so the first build cannot have finished before the next calls.
    const edited = readFileSync(join(dir, 'about.md'), 'utf8').replace('We are a test.', 'Queued edit.');
    writeFileSync(join(dir, '.about.md.tmp'), edited);
    renameSync(join(dir, '.about.md.tmp'), join(dir, 'about.md'));
    const second = reloader.reload();
    const third = reloader.reload();
    expect(second).toBe(third);
    expect(second).not.toBe(first);

    const results = await Promise.all([first, second]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(holder.current).toBe(results[1].build);
    expect(holder.current.rendered.pages.get('/about')!.identity.toString()).toContain('Queued edit.');
  });

  it('reports a template that throws as a problem and keeps serving', async () => {
    const dir = await fixtureSite();
    const options = buildOptions({ contentDir: dir });
    const good = (await build(options)).build!;
    const holder = new SiteHolder(good);
    const result = await new Reloader(holder, { ...options, viewsDir: join(dir, 'no-such-views') }).reload();
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ severity: 'error', file: 'views', message: expect.stringMatching(/could not be rendered/) });
    expect(holder.current).toBe(good);
  });
});
