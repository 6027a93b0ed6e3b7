/**
 * The site with its staff area, as production starts it (readConfig, openStore, the staff
 * router from config, siteServer), against the real OIDC provider (oidcProvider.ts) and
 * a store of the kind asked for. The server takes its port first, since the staff area's
 * addresses (SITE_URL/staff/callback) name it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { pino, type Logger } from 'pino';
import { readConfig } from '../../src/config.js';
import { staffAreaFor } from '../../src/features/staff/index.js';
import { SiteHolder } from '../../src/http/siteHolder.js';
import { siteServer } from '../../src/startup.js';
import { openStore, type OpenStore, type StoreConfig } from '../../src/store/open.js';
import { startSharedApp } from './app.js';
import type { TestProvider } from './oidcProvider.js';
import { ROOT } from './paths.js';

export interface StaffSite {
  origin: string;
  app: Server;
  store: OpenStore;
  holder: SiteHolder;
  close: () => Promise<void>;
}

export async function startStaffSite(
  provider: TestProvider | undefined,
  storeConfig: StoreConfig,
  options: {
    env?: Record<string, string>;
    logger?: Logger;
    now?: () => number;
    /** The address people use, when something (a cache) stands in front of the site: made once the site listens. */
    publicOrigin?: (port: number) => Promise<string>;
  } = {},
): Promise<StaffSite> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const shared = await startSharedApp(); // the shared build of the real content
  await shared.close();
  const holder = new SiteHolder(shared.build);
  const store = openStore(storeConfig);
  // Set once the site's address is known, below.
  const late: { staff?: RequestHandler } = {};
  const server = siteServer(holder, logger, undefined, undefined, (req, res, next) => (late.staff ? late.staff(req, res, next) : next()));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  server.unref();
  const { port } = server.address() as AddressInfo;
  const origin = options.publicOrigin ? await options.publicOrigin(port) : `http://127.0.0.1:${port}`;
  const config = readConfig({
    NODE_ENV: 'test',
    SITE_URL: origin,
    VIEWS_DIR: `${ROOT}/views`,
    ...(provider?.env() ?? {}),
    ...options.env,
  });
  provider?.register(origin);
  late.staff = await staffAreaFor(config, { holder, store, logger, now: options.now });
  await store.ready; // opening PGlite takes seconds: not inside the first test
  return {
    origin,
    app: server,
    store,
    holder,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
    },
  };
}
