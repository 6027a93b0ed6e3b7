/**
 * A failing store never takes the pages down, and nothing a family was thanked for is lost:
 * the real server, as a process, on each store, with the store unavailable when it starts,
 * failing while it runs, and stopped with SIGTERM in the middle of 200 submissions.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
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
  return postForm(port, '/feedback/useful', { page: PAGE, answer }, agent);
}

/** A POST of one of the feedback forms. */
function postForm(port: number, path: string, fields: Record<string, string>, agent?: Agent): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
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

  test.skipIf(!backend.available || backend.name !== 'embedded')(
    'the disk filling while the site runs: pages serve, the form says not saved; then it recovers',
    async () => {
      // DATA_DIR on a small file system of its own (tmpfs), filled up by the test.
      const mountPoint = await mkdtemp(join(tmpdir(), 'ot-full-'));
      try {
        await promisify(execFile)('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mountPoint]);
      } catch (err) {
        console.warn(
          `SKIPPED: a small file system could not be mounted to fill (${(err as Error).message.split('\n')[0]}); it needs root.`,
        );
        await rm(mountPoint, { recursive: true, force: true });
        return;
      }
      let server: RunningServer | undefined;
      try {
        const { dataDir } = await backend.newStore();
        await cp(dataDir, join(mountPoint, 'data'), { recursive: true });
        server = await startServer(env({ dataDir: join(mountPoint, 'data') }));
        await expect.poll(async () => (await postAnswer(server!.port, 'yes')).status, { timeout: 15_000 }).toBe(303);
        await promisify(execFile)('sh', ['-c', `dd if=/dev/zero of=${join(mountPoint, 'filler')} bs=1M count=100 2>/dev/null || true`]);
        const report = () =>
          postForm(server!.port, '/feedback/problem', { page: PAGE, wentWrong: 'x'.repeat(1200), tryingToDo: 'y'.repeat(1200) });
        let refused = { status: 0, body: '' };
        await expect.poll(async () => (refused = await report()).status, { timeout: 30_000, interval: 10 }).toBe(503);
        expect(refused.body).toContain('your feedback was not saved');
        expect(refused.body).toContain(PHONE);
        expect((await get(server.port, PAGE)).status).toBe(200);
        const ready = await get(server.port, '/readyz');
        expect(ready.status).toBe(200);
        expect(ready.body).toMatch(/^ok\nstore: embedded, unavailable \(.*No space left on device\)\n$/);
        expect(unavailableLines(server)).toHaveLength(1);
        await rm(join(mountPoint, 'filler'));
        await expect.poll(async () => (await postAnswer(server!.port, 'yes')).status, { timeout: 15_000, interval: 300 }).toBe(303);
        expect(server.output()).toContain('Feedback store available again');
      } finally {
        await server?.stop();
        await promisify(execFile)('umount', [mountPoint]);
        await rm(mountPoint, { recursive: true, force: true });
      }
    },
  );

  test.skipIf(!backend.available || backend.name !== 'PostgreSQL')(
    'SIGTERM while answers wait on a slow database: each thanked is kept',
    async () => {
      const config = await backend.newStore();
      const server = await startServer(env(config));
      servers.push(server);
      await expect.poll(async () => (await postAnswer(server.port, 'no')).status, { timeout: 15_000 }).toBe(303);
      // Another session holds the table: the answers sent now wait for it.
      const locker = new pg.Client(config.databaseUrl);
      await locker.connect();
      await locker.query('begin; lock table useful_answers in exclusive mode');
      const agent = new Agent({ keepAlive: true, maxSockets: 20 });
      const results = Array.from({ length: 50 }, () =>
        postAnswer(server.port, 'yes', agent).then(
          (res) => res.status,
          () => 'failed' as const,
        ),
      );
      await new Promise((done) => setTimeout(done, 500));
      server.child.kill('SIGTERM');
      await new Promise((done) => setTimeout(done, 2_000));
      await locker.query('commit');
      await locker.end();
      const statuses = await Promise.all(results);
      expect(await server.stop()).toBe(0);
      agent.destroy();
      const thanked = statuses.filter((status) => status === 303).length;
      const after = openStore(config);
      stores.push(after);
      const [row] = await after.usefulness({ days: 1, by: 'total' });
      console.log(`PostgreSQL, slow: ${thanked} of 50 thanked; ${row?.yes ?? 0} kept`);
      expect(thanked).toBeGreaterThan(0);
      expect(row?.yes ?? 0).toBeGreaterThanOrEqual(thanked);
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
