/**
 * A refusal sent before the request's body has arrived still reaches the client: the server
 * reads and discards the rest of the body for a short while instead of closing on it, which
 * would reset the connection under a client still sending (RFC 9112 §9.6). Run against the
 * server in its own process, as in production: in-process, client and server take turns and
 * the reset rarely shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/process.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const TEN_MB = Buffer.alloc(10 * 1024 * 1024, 'x');

describe('an early refusal', () => {
  it('a POST with a 10 MB body gets its 405 every time through Node’s fetch, never a reset', async () => {
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        const res = await fetch(`http://127.0.0.1:${server.port}/universal`, { method: 'POST', body: TEN_MB });
        outcomes.push(`${res.status} ${res.headers.get('allow')} ${(await res.text()).includes('Sorry, you cannot do that on this page')}`);
      } catch (err) {
        outcomes.push(String((err as { cause?: { code?: string } }).cause?.code ?? err));
      }
    }
    expect(outcomes).toEqual(Array(10).fill('405 GET, HEAD true'));
  }, 60_000);
});
