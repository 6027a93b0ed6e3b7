/**
 * Raw HTTP over a TCP socket, for requests no well-behaved client would send (bad encodings,
 * unknown methods, oversized heads, bodies on GET), against the production server in-process.
 */
import { connect } from 'node:net';
import { startApp } from './app.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** Every header line as sent, to spot repeats. */
  headerLines: string[];
  body: string;
}

/** The production server, on a free port. */
export const listenApp = startApp;

/** Sends the bytes as they are and reads until the server closes the connection. */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 5_000): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new Error(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      try {
        done(parseResponse(Buffer.concat(chunks)));
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    };
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may close without reading what is left of a body it refuses (EPIPE, ECONNRESET
    // on our side): what counts is the answer it sent first.
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.write(request, () => undefined);
  });
}

export function parseResponse(raw: Buffer): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`not an HTTP response: ${JSON.stringify(raw.subarray(0, 200).toString('latin1'))}`);
  const [statusLine = '', ...headerLines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status: Number(statusLine.split(' ')[1]), headers, headerLines, body: body.toString('utf8') };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const lineEnd = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
