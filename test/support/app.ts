/**
 * Starts the real server, from the same factory as production (`createServer`), on real
 * content (or a fixture folder), listening on a free loopback port.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { build, type Build, type BuildOptions } from '../../src/build.js';
import { createServer } from '../../src/http/createServer.js';
import { SiteHolder } from '../../src/http/siteHolder.js';
import type { FeedbackOptions } from '../../src/features/feedback/serve.js';
import { CONTENT_DIR, ROOT } from './paths.js';

export { CONTENT_DIR, FIXTURES, ROOT } from './paths.js';

export function buildOptions(overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    siteUrl: 'http://localhost:3000',
    contentDir: CONTENT_DIR,
    viewsDir: resolve(ROOT, 'views'),
    publicDir: resolve(ROOT, 'public'),
    ...overrides,
  };
}

/** The production server around a holder, listening on a free port; it does not keep the test process alive. */
export async function listen(holder: SiteHolder, logger: Logger = pino({ level: 'silent' }), feedback?: FeedbackOptions) {
  const server: Server = createServer({ holder, logger, feedback });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    /** The listening server: give it to supertest's `request()`. */
    app: server,
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A fresh build (the tests that change what a build holds, or count the rendering it does). */
export async function startApp(overrides: Partial<BuildOptions> = {}, logger?: Logger) {
  return serve(await buildOrThrow(buildOptions(overrides)), logger);
}

/**
 * The same build for every call with the same options in this worker: for the tests that only
 * read what is served, which is most of them. The server and its holder are each caller's own.
 */
export async function startSharedApp(overrides: Partial<BuildOptions> = {}, logger?: Logger, feedback?: FeedbackOptions) {
  const key = JSON.stringify(overrides);
  let shared = sharedBuilds.get(key);
  if (!shared) sharedBuilds.set(key, (shared = buildOrThrow(buildOptions(overrides))));
  return serve(await shared, logger, feedback);
}

const sharedBuilds = new Map<string, Promise<Build>>();

async function buildOrThrow(options: BuildOptions): Promise<Build> {
  const result = await build(options);
  if (!result.build) throw new Error(result.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n'));
  return result.build;
}

async function serve(build: Build, logger?: Logger, feedback?: FeedbackOptions) {
  const holder = new SiteHolder(build);
  return { ...(await listen(holder, logger, feedback)), holder, build };
}
