/**
 * In production the log goes to standard output, read through a pipe by a log shipper. When
 * that reader goes away (it restarts, or the server was piped into `head`), the site must keep
 * serving and still stop when asked: the lost log is reported once and dropped.
 */
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/process.js';
import { rawRequest } from '../support/raw.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop('SIGKILL');
  server = undefined;
});

describe('when the log reader goes away', () => {
  it('the server still answers, /healthz says ok, and SIGTERM stops it', async () => {
    server = await startServer();
    const { port, child } = server;
    // Close the reading end of the pipe the server logs to, as a log shipper that exits does.
    child.stdout!.destroy();
    await once(child.stdout!, 'close');

    // A malformed request is answered and logged at once: the first write to the closed pipe.
    const refused = await rawRequest(port, 'ABC\u0000\u0001\r\n\r\n');
    expect(refused.status).toBe(400);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
    expect(health.status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/referral`, { signal: AbortSignal.timeout(5_000) });
    expect(await page.text()).toContain('<h1>How to get a referral</h1>');

    const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill('SIGTERM');
    const [code, signal] = await exited; // 'close': after the last of its standard error is read
    expect(signal).toBeNull(); // it stopped itself: not killed
    expect(code).toBe(0);
    const reports = server.output().match(/The log could not be written to standard output \(EPIPE[^)]*\)/g) ?? [];
    expect(reports).toHaveLength(1);
  }, 30_000);
});
