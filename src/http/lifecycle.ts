/**
 * A shutdown that drops no request the server has accepted.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { SiteHolder } from './siteHolder.js';

export const SHUTDOWN = {
  /** Kept-alive connections get this long to send one more request (answered with `Connection: close`). */
  idleGraceMs: 1_000,
  /** After this, connections still open are closed and the process exits anyway. */
  drainTimeoutMs: 10_000,
};

/**
 * The open connections, with how many requests each has had answered and has being answered.
 * Node's own `closeIdleConnections` counts a connection that has sent nothing, or only part
 * of its headers, as busy, so a shutdown would wait for its timeout.
 */
class Connections {
  readonly #open = new Map<Socket, { answering: number; answered: number }>();
  /** Which connections to close once nothing is being answered on them. */
  #closing: 'none' | 'unanswered' | 'all' = 'none';

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.#open.set(socket, { answering: 0, answered: 0 });
      socket.once('close', () => this.#open.delete(socket));
    });
    // Before the app's listener, which may answer at once.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      const counts = this.#open.get(req.socket);
      if (!counts) return;
      counts.answering++;
      res.once('close', () => {
        counts.answering--;
        counts.answered++;
        if (this.#closing !== 'none') this.#closeIfIdle(req.socket);
      });
    });
  }

  /** True while a request on this connection is being answered. */
  isAnswering(socket: Socket): boolean {
    return (this.#open.get(socket)?.answering ?? 0) > 0;
  }

  /**
   * Closes, now and whenever their answers end, the connections with nothing being answered:
   * those that have had no answer yet (silent, or still sending headers), or all of them.
   */
  closeIdle(which: 'unanswered' | 'all'): void {
    this.#closing = which;
    for (const socket of this.#open.keys()) this.#closeIfIdle(socket);
  }

  // After a stall, timers run before pending reads are parsed: closing only after those reads
  // are handled keeps a request that has already arrived from being cut.
  #closeIfIdle(socket: Socket): void {
    setImmediate(() => {
      const counts = this.#open.get(socket);
      if (counts?.answering === 0 && (this.#closing === 'all' || counts.answered === 0)) socket.destroy();
    });
  }
}

const connectionsOf = new WeakMap<Server, Connections>();

/** Counts each connection's requests from now on, so that `stopGracefully` knows which are idle. */
export function trackConnections(server: Server): void {
  connectionsOf.set(server, new Connections(server));
}

/** True while a request on this connection is being answered (its answer cannot be replaced). */
export function isAnswering(server: Server, socket: Socket): boolean {
  return connectionsOf.get(server)?.isAnswering(socket) ?? false;
}

/**
 * Stops without dropping accepted requests: readiness turns false, the listening socket
 * closes (new connections are refused), and connections that have had no answer and are not
 * being answered (silent, or still sending headers) are closed at once. Requests being
 * answered finish, with `Connection: close` when they start from now on. A kept-alive
 * connection gets a short grace to send one last request, as its client may be sending it
 * right now; then every connection closes as soon as nothing is being answered on it, and
 * whatever is still open at the deadline is cut.
 */
export function stopGracefully(server: Server, holder: SiteHolder, options = SHUTDOWN): Promise<'drained' | 'forced'> {
  holder.drain();
  const connections = connectionsOf.get(server);
  return new Promise((done) => {
    const finish = (outcome: 'drained' | 'forced') => {
      clearTimeout(grace);
      clearTimeout(deadline);
      done(outcome);
    };
    const grace = setTimeout(() => connections?.closeIdle('all'), options.idleGraceMs);
    const deadline = setTimeout(() => {
      server.closeAllConnections();
      finish('forced');
    }, options.drainTimeoutMs);
    // `server.close()` would also close idle keep-alive connections at once, racing a request a
    // client is sending on one right now; net's close only stops accepting new connections,
    // and calls back once every connection has closed.
    NetServer.prototype.close.call(server, () => finish('drained'));
    connections?.closeIdle('unanswered');
  });
}
