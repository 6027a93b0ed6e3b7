/**
 * The production log must say what happened to whom: the address that was asked for, the
 * client a refusal went to, and the file a failed reload was really about.
 */
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { fixtureSite } from '../support/fixtureSite.js';
import { startServerForTest, type RunningServer } from '../support/process.js';
import { rawRequest } from '../support/raw.js';

interface LogLine {
  msg: string;
  req?: { path: string; remoteAddress: string };
  res?: { statusCode: number };
  problems?: { file: string; message: string; fix: string }[];
}

/** The first log line with this message, waiting for the server to write it. */
async function logged(running: RunningServer, msg: string): Promise<LogLine> {
  const signal = AbortSignal.timeout(10_000);
  for (;;) {
    const line = running
      .output()
      .split('\n')
      .filter((text) => text.startsWith('{') && text.endsWith('}'))
      .map((text) => JSON.parse(text) as LogLine)
      .find((entry) => entry.msg === msg);
    if (line) return line;
    await once(running.child.stdout!, 'data', { signal });
  }
}

// Each test starts a server of its own: they run at the same time.
describe.concurrent('the production log', () => {
  it('names an nhsuk-frontend file by its whole address', async (context) => {
    const { expect } = context;
    const server = await startServerForTest(context, { CONTENT_DIR: await fixtureSite() });
    const res = await fetch(`http://127.0.0.1:${server.port}/assets/manifest.json`);
    expect(res.status).toBe(200);
    const line = await logged(server, 'request completed');
    expect(line.req?.path).toBe('/assets/manifest.json');
  }, 30_000);

  it('says which client a request that could not be read came from', async (context) => {
    const { expect } = context;
    const server = await startServerForTest(context, { CONTENT_DIR: await fixtureSite() });
    expect((await rawRequest(server.port, 'ABC\u0000\u0001\r\n\r\n')).status).toBe(400);
    const line = await logged(server, 'request completed');
    expect(line.res?.statusCode).toBe(400);
    expect(line.req?.remoteAddress).toBe('127.0.0.1');
  }, 30_000);

  it('blames a content file that cannot be read during a reload on that file, not on views', async (context) => {
    const { expect } = context;
    const content = await fixtureSite();
    const server = await startServerForTest(context, { CONTENT_DIR: content });
    // A name that is not valid UTF-8 is listed as `news\uFFFD.md`, which then does not exist when
    // the build reads it: the error a file deleted during the reload gives, without the race.
    await writeFile(Buffer.concat([Buffer.from(join(content, 'news')), Buffer.from([0xff]), Buffer.from('.md')]), '# News\n');
    server.child.kill('SIGHUP');
    const { problems } = await logged(server, 'Reload failed: still serving the last good site');
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'news\uFFFD.md',
        message: 'The file cannot be read: it was moved or deleted while the site was being built.',
        fix: 'If it was moved or deleted on purpose, reload again (or save any file); if not, put it back.',
        detail: expect.stringContaining('ENOENT') as string,
        wholeFile: true,
      },
    ]);
    expect((await fetch(`http://127.0.0.1:${server.port}/about`)).status).toBe(200);
  }, 30_000);
});
