/**
 * A shutdown that drops no request the server has accepted.
 */
import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { SiteHolder } from './siteHolder.js';

export const SHUTDOWN = {
  /** Idle keep-alive connections get this long to send one more request (answered with `Connection: close`). */
  idleGraceMs: 1_000,
  /** After this, connections still open are closed and the process exits anyway. */
  drainTimeoutMs: 10_000,
};

/**
 * Stops without dropping accepted requests: readiness turns false, the listening socket
 * closes (new connections are refused), requests in flight finish, and every response from
 * now on carries `Connection: close`. Idle keep-alive connections get a short grace to send
 * one last request, then are closed; whatever is still open at the deadline is cut.
 */
export function stopGracefully(server: Server, holder: SiteHolder, options = SHUTDOWN): Promise<'drained' | 'forced'> {
  holder.drain();
  return new Promise((done) => {
    const timers: NodeJS.Timeout[] = [];
    const finish = (outcome: 'drained' | 'forced') => {
      for (const timer of timers) clearTimeout(timer);
      done(outcome);
    };
    // `server.close()` would also close idle keep-alive connections at once, racing a request a
    // client is sending on one right now; net's close only stops accepting new connections.
    NetServer.prototype.close.call(server, () => finish('drained'));
    // After a stall, timers run before pending reads are parsed: a request already sent on an
    // "idle" connection would be cut. setImmediate closes only after those reads are handled.
    const closeIdle = () => setImmediate(() => server.closeIdleConnections());
    timers.push(
      setTimeout(() => {
        closeIdle();
        // Connections whose last response started before draining may turn idle later.
        timers.push(setInterval(closeIdle, 250));
      }, options.idleGraceMs),
      setTimeout(() => {
        server.closeAllConnections();
        finish('forced');
      }, options.drainTimeoutMs),
    );
  });
}
