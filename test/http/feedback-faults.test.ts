/**
 * A failing store never takes the pages down, and nothing a family was thanked for is lost:
 * the real server, as a process, on each store, with the store unavailable when it starts,
 * failing while it runs, and stopped with SIGTERM in the middle of 200 submissions.
 */
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort } from '../../bench/support.js';
import { openStore, type OpenStore } from '../../src/store/open.js';
import { startServer, type RunningServer } from '../support/process.js';
import { storeBackends } from '../support/stores.js';
import type { StoreConfig } from '../../src/store/open.js';

const PAGE = '/referral';
const PHONE = '0300\u00a0330\u00a05777';

/** A POST of the "Is this page useful?" form, as a browser on the site sends it. */
function postAnswer(port: number, answer: 'yes' | 'no', agent?: Agent): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({ page: PAGE, answer }).toString();
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/feedback/useful',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          origin: `http://127.0.0.1:${port}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done({ status: res.statusCode!, body: text }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

const get = async (port: number, path: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text() };
};

const env = (config: StoreConfig) => ({
  DATA_DIR: config.dataDir,
  ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
  FEEDBACK_RATE_LIMIT: '1000',
});

const unavailableLines = (server: RunningServer) =>
  server
    .output()
    .split('\n')
    .filter((line) => line.includes('Feedback store unavailable'));

async function expectNotSaved(server: RunningServer) {
  const page = await get(server.port, PAGE);
  expect(page.status).toBe(200);
  const sent = await postAnswer(server.port, 'no');
  expect(sent.status).toBe(503);
  expect(sent.body).toContain('your feedback was not saved');
  expect(sent.body).toContain(PHONE);
  const ready = await get(server.port, '/readyz');
  expect(ready.status).toBe(200); // still in service
  expect(ready.body).toMatch(/^ok\nstore: \w+, unavailable \(.+\)\n$/);
}

describe.each(storeBackends())('with the $name store', { timeout: 90_000 }, (backend) => {
  const servers: RunningServer[] = [];
  const stores: OpenStore[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await Promise.all(stores.map((store) => store.close()));
    await backend.cleanUp();
  });

  test.skipIf(!backend.available)(
    'unavailable at start: pages serve, the form says not saved, one log line; then it recovers',
    async () => {
      const config = await backend.newStore();
      // Unavailable: PostgreSQL is stopped; the embedded folder is held by another process (this one).
      const holder = openStore(config);
      stores.push(holder);
      await holder.ready;
      if (backend.name === 'PostgreSQL') {
        await holder.close();
        await backend.server()!.halt();
      }
      const server = await startServer(env(config));
      servers.push(server);
      await expectNotSaved(server);
      await expectNotSaved(server);
      expect(unavailableLines(server)).toHaveLength(1);

      if (backend.name === 'PostgreSQL') await backend.server()!.restart();
      else await holder.close();
      await expect.poll(async () => (await postAnswer(server.port, 'yes')).status, { timeout: 15_000, interval: 500 }).toBe(303);
      expect(server.output()).toContain('Feedback store available again');
      await server.stop();
      const after = openStore(config);
      stores.push(after);
      expect(await after.usefulness({ days: 1, by: 'total' })).toEqual([expect.objectContaining({ page: PAGE, yes: 1, no: 0 })]);
    },
  );

  test.skipIf(!backend.available || backend.name !== 'PostgreSQL')(
    'failing while the site runs: pages serve, the form says not saved; then it recovers',
    async () => {
      const config = await backend.newStore();
      const server = await startServer(env(config));
      servers.push(server);
      await expect.poll(async () => (await postAnswer(server.port, 'yes')).status, { timeout: 15_000 }).toBe(303);
      await backend.server()!.halt();
      await expectNotSaved(server);
      await expectNotSaved(server);
      expect(unavailableLines(server)).toHaveLength(1);
      await backend.server()!.restart();
      await expect.poll(async () => (await postAnswer(server.port, 'yes')).status, { timeout: 15_000, interval: 500 }).toBe(303);
      await server.stop();
    },
  );

  test.skipIf(!backend.available)('SIGTERM during 200 submissions loses none that were thanked', async () => {
    const config = await backend.newStore();
    const server = await startServer(env(config));
    servers.push(server);
    await expect.poll(async () => (await get(server.port, '/readyz')).body, { timeout: 20_000 }).toContain('available\n');
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    let answered = 0;
    const results = Array.from({ length: 200 }, () =>
      postAnswer(server.port, 'yes', agent).then(
        (res) => {
          if (++answered === 50) server.child.kill('SIGTERM');
          return res.status;
        },
        () => 'failed' as const,
      ),
    );
    const statuses = await Promise.all(results);
    const exitCode = await server.stop();
    agent.destroy();
    const thanked = statuses.filter((status) => status === 303).length;
    // Refused connections after the listening socket closed are fine: those families were not thanked.
    expect(statuses.filter((status) => typeof status === 'number' && status !== 303)).toEqual([]);
    expect(thanked).toBeGreaterThanOrEqual(50);
    expect(exitCode).toBe(0);
    const after = openStore(config);
    stores.push(after);
    const [row] = await after.usefulness({ days: 1, by: 'total' });
    console.log(`${backend.name}: ${thanked} of 200 thanked before the server stopped; ${row?.yes ?? 0} kept`);
    expect(row?.yes ?? 0).toBeGreaterThanOrEqual(thanked);
  });
});

test('a PostgreSQL address nothing answers at: the site starts and serves pages', async () => {
  const server = await startServer({
    DATABASE_URL: `postgres://ot:secret-password@127.0.0.1:${await freePort()}/ot`,
    FEEDBACK_RATE_LIMIT: '1000',
  });
  try {
    await expectNotSaved(server);
    expect(unavailableLines(server)).toHaveLength(1);
    expect(server.output()).not.toContain('secret-password');
  } finally {
    await server.stop();
  }
});
