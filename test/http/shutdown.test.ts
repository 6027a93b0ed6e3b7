/**
 * A deploy stops the old server with SIGTERM while people are using the site: it must drop
 * nothing it has accepted, tell the platform it is no longer ready, and exit 0 promptly.
 */
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureSite } from '../support/fixtureSite.js';
import { parseResponse } from '../support/raw.js';
import { startServer, type RunningServer } from '../support/process.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop('SIGKILL');
  server = undefined;
});

const PATHS = ['/', '/universal', '/targeted', '/specialist', '/referral', '/contact'];

type Outcome = { kind: 'ok' } | { kind: 'refused' } | { kind: 'failed'; detail: string };

interface Answer {
  status: number;
  body: string;
  connection?: string;
}

/** A GET; a failure says whether it went out on a connection kept alive from an earlier request. */
function get(port: number, path: string, agent: Agent): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode!, body, connection: res.headers.connection }));
      res.on('error', fail);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err: NodeJS.ErrnoException & { reusedSocket?: boolean }) =>
      fail(Object.assign(err, { reusedSocket: req.reusedSocket })),
    );
    req.end();
  });
}

/**
 * Never accepted: refused once the listening socket is closed, or reset on a brand-new
 * connection that was still waiting in the kernel's accept queue when it closed. A reset on a
 * kept-alive connection is a real failure: that is the server dropping a client it had.
 */
function notAccepted(err: unknown): boolean {
  const { code, reusedSocket } = err as NodeJS.ErrnoException & { reusedSocket?: boolean };
  return code === 'ECONNREFUSED' || (code === 'ECONNRESET' && reusedSocket === false);
}

/** Exit code and how long after the signal the process took to end. */
function exitAfter(child: RunningServer['child'], signalledAt: () => number) {
  return new Promise<{ code: number | null; ms: number }>((done) =>
    child.once('exit', (code) => done({ code, ms: performance.now() - signalledAt() })),
  );
}

describe('stopping the server with SIGTERM', () => {
  it('answers every request it accepted during a burst, turns not-ready, and exits 0', async () => {
    server = await startServer();
    const { port, child } = server;
    let signalledAt = 0;
    const exited = exitAfter(child, () => signalledAt);

    // 20 keep-alive clients, each sending requests one after another: 400 at most.
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const outcomes: Outcome[] = [];
    let sent = 0;
    const client = async () => {
      while (sent < 400) {
        const path = PATHS[sent++ % PATHS.length]!;
        try {
          const res = await get(port, path, agent);
          const complete = res.status === 200 && res.body.includes('</html>');
          outcomes.push(complete ? { kind: 'ok' } : { kind: 'failed', detail: `${path}: ${res.status}` });
          if (outcomes.length === 100 && !signalledAt) {
            signalledAt = performance.now();
            child.kill('SIGTERM');
          }
        } catch (err) {
          if (notAccepted(err)) {
            outcomes.push({ kind: 'refused' });
            return;
          }
          const { code, reusedSocket } = err as NodeJS.ErrnoException & { reusedSocket?: boolean };
          outcomes.push({ kind: 'failed', detail: `${path}: ${code ?? String(err)}${reusedSocket ? ' on a kept-alive connection' : ''}` });
        }
      }
    };

    // Readiness, polled on its own keep-alive connection (open before the burst), must say 503
    // once draining starts.
    const probe = new Agent({ keepAlive: true, maxSockets: 1 });
    const readiness: number[] = [(await get(port, '/readyz', probe)).status];
    const poll = async () => {
      for (let i = 0; i < 2_000 && child.exitCode === null; i++) {
        try {
          const res = await get(port, '/readyz', probe);
          readiness.push(res.status);
          if (res.status === 503) {
            expect(res.connection).toBe('close');
            return;
          }
        } catch (err) {
          if (notAccepted(err)) return;
          throw err;
        }
        await new Promise((wait) => setTimeout(wait, 5));
      }
    };

    await Promise.all([...Array.from({ length: 20 }, client), poll()]);
    const { code, ms } = await exited;
    agent.destroy();
    probe.destroy();

    const failed = outcomes.filter((o) => o.kind === 'failed');
    expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);
    expect(outcomes.filter((o) => o.kind === 'ok').length).toBeGreaterThanOrEqual(100);
    expect(signalledAt).toBeGreaterThan(0);
    expect(code).toBe(0);
    expect(server.output()).toContain('"outcome":"drained"'); // not cut at the deadline
    expect(ms).toBeLessThan(11_000); // the drain deadline is 10 s
    expect(readiness[0]).toBe(200);
    expect(readiness.at(-1)).toBe(503);
  }, 60_000);

  it('closes silent and half-sent connections at once, and finishes a download in progress', async () => {
    // An 8 MB page, far more than the socket buffers hold, so its download is still in
    // progress while the client does not read. Long words keep it quick to index.
    const content = await fixtureSite();
    await writeFile(join(content, 'long.md'), `${LONG_PAGE_FRONT_MATTER}\n${`${'page'.repeat(400)}\n\n`.repeat(5_000)}`);
    server = await startServer({ CONTENT_DIR: content }, 60_000);
    const { port, child } = server;
    const exited = once(child, 'exit') as Promise<[number | null]>;

    // 25 connections that send nothing and 25 still sending their headers.
    const halfOpen = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined); // a reset is one way of being closed
        await once(socket, 'connect');
        if (i % 2) socket.write('GET /about HTTP/1.1\r\nHost: localhost\r\n');
        return socket;
      }),
    );

    // The download: the answer has started, then the client stops reading.
    const download = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    download.on('data', (chunk: Buffer) => received.push(chunk));
    download.write('GET /long HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await once(download, 'data');
    download.pause();
    let downloadClosed = false;
    download.once('close', () => (downloadClosed = true));

    child.kill('SIGTERM');
    await Promise.all(halfOpen.filter((socket) => !socket.closed).map((socket) => once(socket, 'close')));
    // Closed while the download was still going: not cut together with it at the deadline.
    expect(downloadClosed).toBe(false);
    expect(child.exitCode).toBeNull();

    download.resume();
    await once(download, 'close');
    const res = parseResponse(Buffer.concat(received));
    expect(res.status).toBe(200);
    expect(Buffer.byteLength(res.body)).toBe(Number(res.headers['content-length']));
    expect(res.body.trimEnd().endsWith('</html>')).toBe(true);
    const [code] = await exited;
    expect(code).toBe(0);
    expect(server.output()).toContain('"outcome":"drained"'); // not cut at the deadline
  }, 90_000);
});

const LONG_PAGE_FRONT_MATTER = `---
title: A long page
description: Long enough to take a while to download.
order: 2
lastReviewed: 2026-01-01
nextReview: 2099-01-01
---
`;
