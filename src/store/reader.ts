/**
 * A store to read, for the report CLI: PostgreSQL directly; the embedded store directly when
 * no site is running on it, or through the running site's socket (socket.ts) when one is,
 * so staff never have to stop the site to read the report.
 */
import { lockHolder } from './lock.js';
import { openStore, type StoreConfig } from './open.js';
import { readerThroughSite, type StoreReader } from './socket.js';

export async function openReader(config: StoreConfig): Promise<StoreReader & { through: 'database' | 'running site' }> {
  if (!config.databaseUrl && (await lockHolder(config.dataDir)) !== undefined) {
    return Object.assign(readerThroughSite(config.dataDir), { through: 'running site' as const });
  }
  const store = openStore({ ...config, serveReads: false });
  await store.ready;
  return Object.assign(store, { through: 'database' as const });
}

export type { StoreReader };
