import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, LOG_BATCH_BYTES, LOG_FLUSH_MS } from '../../src/log.js';

const written = async (file: string) =>
  (await readFile(file, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { msg: string; req?: { path: string } });

async function logFile() {
  const file = join(await mkdtemp(join(tmpdir(), 'log-')), 'site.log');
  return { file, logger: createLogger('info', file) };
}

const requestLine = (path: string) => ({
  req: { method: 'GET', path, remoteAddress: '127.0.0.1' },
  res: { statusCode: 200 },
  responseTime: 0,
});

describe('the log', () => {
  it('keeps request lines back until a batch is full', async () => {
    const { file, logger } = await logFile();
    logger.info(requestLine('/universal'), 'request completed');
    expect(await written(file)).toEqual([]);
    const lineBytes = JSON.stringify(requestLine('/universal')).length;
    for (let i = 0; i < Math.ceil(LOG_BATCH_BYTES / lineBytes) + 1; i++) logger.info(requestLine('/targeted'), 'request completed');
    const lines = await written(file);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]!.req!.path).toBe('/universal');
  });

  it('writes any other line at once, after the request lines before it', async () => {
    const { file, logger } = await logFile();
    logger.info(requestLine('/referral'), 'request completed');
    logger.warn('Draining');
    expect((await written(file)).map((line) => line.msg)).toEqual(['request completed', 'Draining']);
  });

  it('writes an aborted or failed request at once', async () => {
    const { file, logger } = await logFile();
    logger.info(requestLine('/universal'), 'request completed');
    logger.warn(requestLine('/targeted'), 'request aborted');
    expect((await written(file)).map((line) => line.req?.path)).toEqual(['/universal', '/targeted']);
  });

  it('writes a quiet site’s request lines by itself, about a second later', async () => {
    const { file, logger } = await logFile();
    logger.info(requestLine('/contact'), 'request completed');
    const logged = performance.now();
    expect(await written(file)).toEqual([]);
    // Polled rather than timed exactly: on a busy machine the flush timer can run late.
    while ((await written(file)).length === 0 && performance.now() - logged < LOG_FLUSH_MS * 5) {
      await new Promise((done) => setTimeout(done, 50));
    }
    expect((await written(file)).map((line) => line.req?.path)).toEqual(['/contact']);
    expect(performance.now() - logged).toBeGreaterThan(LOG_FLUSH_MS / 2);
  });
});
