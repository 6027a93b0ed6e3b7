/**
 * The HTTP server around the app: size and time limits, a safe answer to requests too broken
 * to reach Express, and a shutdown that drops no request it has accepted.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { NEVER_STORE } from './caching.js';
import { errorPageFor } from './errors.js';
import { securityHeaderValues } from './security.js';
import type { SiteHolder } from './siteHolder.js';

export const LIMITS = {
  /** Request line and headers together (Node's default, made explicit); more is answered 431. */
  maxHeaderSize: 16 * 1024,
  /** Time to receive the request line and headers (slow-loris clients), then the whole request. */
  headersTimeout: 10_000,
  requestTimeout: 15_000,
  /** How often Node checks those two timeouts (its default is 30 s). */
  connectionsCheckingInterval: 2_000,
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeout: 5_000,
};

export const SHUTDOWN = {
  /** Kept-alive connections get this long to send one more request (answered with `Connection: close`). */
  idleGraceMs: 1_000,
  /** After this, connections still open are closed and the process exits anyway. */
  drainTimeoutMs: 10_000,
};

export function createHttpServer(app: RequestListener, holder: SiteHolder, logger: Logger): Server {
  const server = createServer(
    {
      maxHeaderSize: LIMITS.maxHeaderSize,
      headersTimeout: LIMITS.headersTimeout,
      requestTimeout: LIMITS.requestTimeout,
      connectionsCheckingInterval: LIMITS.connectionsCheckingInterval,
      // A missing Host is refused by the app (`requestLimits`), with our page and headers.
      requireHostHeader: false,
    },
    app,
  );
  server.keepAliveTimeout = LIMITS.keepAliveTimeout;
  connectionsOf.set(server, new Connections(server));
  server.on('clientError', answerBrokenRequest(holder, logger));
  return server;
}

/**
 * Node answers a request it cannot parse (a bad request line, headers over the limit, a
 * timeout) below Express, with a bare status and none of our headers. This answers it with
 * the prepared error page and the same security headers as every other response.
 */
function answerBrokenRequest(holder: SiteHolder, logger: Logger) {
  const security = securityHeaderValues().map(([name, value]) => `${name}: ${value}`);
  return (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A response already under way on this connection cannot be replaced (Node's own check).
    const inProgress = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || inProgress) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    logger.info({ code: err.code, status, remoteAddress: (socket as Socket).remoteAddress }, 'Refused a request that could not be read');
    const body = errorPageFor(holder, status).identity;
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      ...security,
      'Content-Type: text/html; charset=utf-8',
      `Content-Length: ${body.length}`,
      `Cache-Control: ${NEVER_STORE}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n');
    socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  };
}

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
