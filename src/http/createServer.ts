/**
 * The one server factory, used by `npm start`, the preview and every test: Node's HTTP
 * server with our limits, around the Express app (app.ts).
 *
 * Every response carries the security headers: the server makes its responses from a class
 * that writes them into every head it sends, and the answers to requests Node cannot parse,
 * to `CONNECT` and to unknown `Expect`s are made from the same class and sent by the same
 * code as every other error page.
 */
import {
  createServer as createHttpServer,
  IncomingMessage,
  ServerResponse,
  type OutgoingHttpHeader,
  type OutgoingHttpHeaders,
  type Server,
} from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { createApp, type AppOptions } from './app.js';
import { sendError } from './errors.js';
import { trackConnections } from './lifecycle.js';
import { SERVER_LIMITS } from './limits.js';
import { requestLog } from './requestLog.js';
import { SECURITY_HEADERS } from './security.js';
import type { SiteHolder } from './siteHolder.js';

export type ServerOptions = AppOptions;

/** The security headers as a list Node takes: name, value, name, value… */
const SECURITY_HEADER_LIST: readonly string[] = Object.entries(SECURITY_HEADERS).flat();

/**
 * Request and response classes whose prototypes are the app's own. Express gives each
 * request and response its prototypes as they arrive; when they already have them, that
 * costs nothing, where changing an object's prototype makes every later use of it slow.
 * They are classes that extend Node's, so V8 lays their objects out as Node's own (a
 * plain function calling Node's constructor leaves them as slow dictionaries); each class's
 * prototype is put in front of the app's and becomes the app's.
 */
function classesFor(app: ReturnType<typeof createApp>) {
  class Request extends IncomingMessage {}
  class Response extends ServerResponse {
    /**
     * Node writes every head through here (`end()` without one too), so each carries the
     * security headers; headers passed here come after them, and win.
     */
    override writeHead(
      statusCode: number,
      reason?: string | OutgoingHttpHeaders | OutgoingHttpHeader[],
      headers?: OutgoingHttpHeaders | OutgoingHttpHeader[],
    ): this {
      if (typeof reason !== 'string') [reason, headers] = [undefined, reason];
      const list: OutgoingHttpHeader[] = [...SECURITY_HEADER_LIST];
      if (Array.isArray(headers)) list.push(...headers);
      else for (const name in headers) list.push(name, headers[name]!);
      return super.writeHead(statusCode, reason, list);
    }
  }
  Object.setPrototypeOf(Request.prototype, app.request);
  Object.setPrototypeOf(Response.prototype, app.response);
  app.request = Request.prototype as typeof app.request;
  app.response = Response.prototype as typeof app.response;
  return { Request, Response };
}

export function createServer(options: ServerOptions): Server {
  const app = createApp(options);
  const { Request, Response } = classesFor(app);
  const server = createHttpServer(
    {
      IncomingMessage: Request,
      ServerResponse: Response,
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

  /** A response of our class on a connection Node has handed over, closed once sent. */
  const responseOn = (socket: Duplex, req: IncomingMessage): ServerResponse => {
    const res = new Response(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as Socket);
    res.once('finish', () => (socket as Socket).destroySoon());
    return res;
  };

  // The app never reads a body, so `Expect: 100-continue` gets the final answer at once,
  // never a 100 (a refused body is then not even sent). Any other expectation, and
  // CONNECT, are refused by the app (limits.ts).
  server.on('checkContinue', app);
  server.on('checkExpectation', app);
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    // Express routes by path, and CONNECT's target is a host and port instead.
    req.url = '/';
    app(req, responseOn(socket, req));
  });
  server.on('clientError', answerBrokenRequest(options.holder, options.logger, Request, responseOn));
  return server;
}

/**
 * Node answers a request it cannot parse (a bad request line, headers over the limit, a
 * timeout) below Express, with a bare status. This answers it with the error page instead,
 * logged like any other request.
 */
function answerBrokenRequest(
  holder: SiteHolder,
  logger: Logger,
  Request: typeof IncomingMessage,
  responseOn: (socket: Duplex, req: IncomingMessage) => ServerResponse,
) {
  const log = requestLog(logger);
  return (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A response already under way on this connection cannot be replaced (Node's own check).
    const inProgress = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || inProgress) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    logger.debug({ code: err.code, status }, 'a request that could not be read');
    const req = new Request(socket as Socket);
    req.httpVersionMajor = 1;
    req.httpVersionMinor = 1;
    const res = responseOn(socket, req);
    log(req, res);
    sendError(holder, req, res, status);
  };
}
