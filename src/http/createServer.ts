/**
 * The one server factory, used by `npm start`, the preview and every test: Node's HTTP
 * server with our limits, around the Express app (app.ts).
 *
 * Node answers some requests itself, below Express: those it cannot parse (400), whose
 * headers are too large (431) or too slow (408). Those answers are written here instead,
 * with the same security headers and error page as every other answer. CONNECT, which Node
 * would drop without a word, goes to the app like any request, which refuses it (405).
 */
import { createServer as createHttpServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { createApp, type AppOptions } from './app.js';
import { NEVER_STORE } from './caching.js';
import { isAnswering, trackConnections } from './lifecycle.js';
import { SERVER_LIMITS } from './limits.js';
import { SECURITY_HEADERS } from './security.js';
import type { SiteHolder } from './siteHolder.js';

export type ServerOptions = AppOptions;

export function createServer(options: ServerOptions): Server {
  const app = createApp(options);
  const server = createHttpServer(
    {
      maxHeaderSize: SERVER_LIMITS.maxHeaderSize,
      headersTimeout: SERVER_LIMITS.headersTimeout,
      requestTimeout: SERVER_LIMITS.requestTimeout,
      connectionsCheckingInterval: SERVER_LIMITS.connectionsCheckingInterval,
      // The app refuses a missing or repeated Host itself (limits.ts), with its page and log line.
      requireHostHeader: false,
    },
    app,
  );
  server.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeout;
  trackConnections(server);

  // The app never reads a body, so `Expect: 100-continue` gets the final answer at once,
  // never a 100 (a refused body is then not even sent). Any other expectation is refused
  // by the app (limits.ts).
  server.on('checkContinue', app);
  server.on('checkExpectation', app);
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    // A CONNECT's target is a host and port, not a path: the answer is always 405.
    writeAnswer(options.holder, socket, 405, { Allow: 'GET, HEAD' });
    logAnswer(options.logger, req.method, '/', socket as Socket, 405);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A response already under way on this connection cannot be replaced.
    if (err.code === 'ECONNRESET' || !socket.writable || isAnswering(server, socket as Socket)) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    options.logger.debug({ code: err.code, status }, 'a request that could not be read');
    writeAnswer(options.holder, socket, status);
    logAnswer(options.logger, undefined, undefined, socket as Socket, status);
  });
  return server;
}

/**
 * An error page written straight onto the connection, which then closes: the status line,
 * the security headers, and the page (the status in words in the preview before its first
 * good build, when there are no error pages yet).
 */
function writeAnswer(holder: SiteHolder, socket: Duplex, status: number, extra: Record<string, string> = {}): void {
  const page = holder.hasBuild ? (holder.current.rendered.errors.get(status) ?? holder.current.rendered.errors.get(500)) : undefined;
  const body = page?.identity ?? Buffer.from(`${status} ${STATUS_CODES[status]}\n`);
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': page?.contentType ?? 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': NEVER_STORE,
    Connection: 'close',
    ...extra,
  };
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  socket.end(Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n', 'latin1'), body]));
}

/** The same log line as any request's (requestLog.ts), for an answer written here. */
function logAnswer(logger: Logger, method: string | undefined, path: string | undefined, socket: Socket, statusCode: number): void {
  logger.info({ req: { method, path, remoteAddress: socket.remoteAddress }, res: { statusCode }, responseTime: 0 }, 'request completed');
}
