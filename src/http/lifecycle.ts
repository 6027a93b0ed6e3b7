/**
 * The HTTP server around the app: size and time limits, a safe answer to requests too broken
 * to reach Express, and a shutdown that drops no request it has accepted.
 */
import { createServer, STATUS_CODES, type RequestListener, type Server } from 'node:http';
import { Server as NetServer } from 'node:net';
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
  /** Idle keep-alive connections get this long to send one more request (answered with `Connection: close`). */
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
    logger.info({ code: err.code, status }, 'Refused a request that could not be read');
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
