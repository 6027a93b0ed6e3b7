/**
 * The report CLI reads the embedded store while the site runs. PGlite is one process and
 * the running site holds its folder (lock.ts), so the CLI asks the site instead: the site
 * answers the store's read-only questions on a Unix socket in DATA_DIR (`store.sock`, for
 * the folder's owner only; it is not on the site's port and needs no password). Pages and
 * the staff dashboard do not use it.
 */
import { chmod, unlink } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import type { FeedbackStore, ProblemReport } from './types.js';

export const SOCKET_FILE = 'store.sock';

/** The questions a reader may ask: everything that reads, nothing that writes. */
export type StoreReader = Pick<FeedbackStore, 'kind' | 'usefulness' | 'problemReports' | 'zeroResultSearches' | 'health'> & {
  close(): Promise<void>;
};
const READS = ['usefulness', 'problemReports', 'zeroResultSearches', 'health'] as const;
type Read = (typeof READS)[number];

/** Answers `POST /` with `{ method, args }` in JSON on DATA_DIR/store.sock. */
export async function serveReads(store: Pick<FeedbackStore, Read>, dataDir: string): Promise<{ close: () => Promise<void> }> {
  const path = join(dataDir, SOCKET_FILE);
  await unlink(path).catch(() => undefined); // left by a site that stopped without closing it; we hold the lock
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      void (async () => {
        try {
          const { method, args } = JSON.parse(body) as { method: Read; args: unknown[] };
          if (!READS.includes(method)) throw new Error(`${String(method)} is not a read`);
          const list = Array.isArray(args) ? args : [];
          // A time the CLI passes arrives as text.
          const options = list[0] as { now?: unknown } | undefined;
          if (typeof options?.now === 'string') options.now = new Date(options.now);
          const call = store[method] as (...a: unknown[]) => Promise<unknown>;
          const result = await call.apply(store, list);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result }));
        } catch (err) {
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (err as Error).message }));
        }
      })();
    });
  });
  await new Promise<void>((done, fail) => server.once('error', fail).listen(path, done));
  await chmod(path, 0o600);
  server.unref();
  return {
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

const revive = (report: ProblemReport): ProblemReport => ({
  ...report,
  createdAt: new Date(report.createdAt),
  dealtWithAt: report.dealtWithAt === null ? null : new Date(report.dealtWithAt),
});

/** A reader that asks the site running on `dataDir`. */
export function readerThroughSite(dataDir: string): StoreReader {
  const socketPath = join(dataDir, SOCKET_FILE);
  const ask = <T>(method: Read, args: unknown[]): Promise<T> =>
    new Promise((done, fail) => {
      const req = request({ socketPath, path: '/', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          try {
            const answer = JSON.parse(body) as { result?: T; error?: string };
            if (answer.error !== undefined) fail(new Error(`The running site could not answer: ${answer.error}`));
            else done(answer.result as T);
          } catch (err) {
            fail(new Error(`The running site gave an answer that is not JSON: ${(err as Error).message}`));
          }
        });
      });
      req.on('error', (err) => fail(new Error(`Could not reach the running site through ${socketPath}: ${err.message}`)));
      req.end(JSON.stringify({ method, args }));
    });
  return {
    kind: 'embedded',
    usefulness: (options) => ask('usefulness', [options]),
    problemReports: async (options) => (await ask<ProblemReport[]>('problemReports', [options])).map(revive),
    zeroResultSearches: (options) => ask('zeroResultSearches', [options]),
    health: () => ask('health', []),
    close: () => Promise.resolve(),
  };
}
