import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { openStore, type OpenStore } from '../../../src/store/open.js';
import { StoreUnavailableError } from '../../../src/store/types.js';
import { storeBackends } from '../../support/stores.js';

const NOW = new Date('2026-12-04T15:00:00Z');
const daysAgo = (days: number, hour = 12) => new Date(Date.UTC(2026, 11, 4 - days, hour));

describe.each(storeBackends())('the $name store', { timeout: 60_000 }, (backend) => {
  afterAll(() => backend.cleanUp());
  const opened: OpenStore[] = [];
  afterAll(() => Promise.all(opened.map((store) => store.close())));
  // One store for the tests that only read and write (opening PGlite takes seconds), emptied before each.
  let shared: Promise<OpenStore> | undefined;
  const fresh = async () => {
    // Made fresh: the migrations run here, on a new database.
    shared ??= backend.newStore({ fresh: true }).then((config) => {
      const store = openStore(config);
      opened.push(store);
      return store;
    });
    return shared;
  };
  beforeEach(async () => {
    if (!shared) return;
    await (await shared).withDatabase(({ db }) => sql`truncate useful_answers, problem_reports, search_counts`.execute(db));
  });

  test.skipIf(!backend.available)('opens empty, with its tables made by the migrations', async () => {
    const store = await fresh();
    expect(await store.health()).toEqual({ kind: backend.name === 'embedded' ? 'embedded' : 'postgresql', available: true });
    expect(await store.usefulness({ days: 7, by: 'total', now: NOW })).toEqual([]);
    expect(await store.problemReports()).toEqual([]);
    expect(await store.zeroResultSearches({ days: 7, now: NOW })).toEqual([]);
  });

  test.skipIf(!backend.available)('counts yes and no per page by day, by week (from Monday) and in total', async () => {
    const store = await fresh();
    // 4 December 2026 is a Friday; 30 November the Monday of its week.
    const answers: [string, 'yes' | 'no', Date][] = [
      ['/referrals', 'yes', daysAgo(0)],
      ['/referrals', 'no', daysAgo(0)],
      ['/referrals', 'no', daysAgo(0, 23)],
      ['/referrals', 'yes', daysAgo(4)], // Monday 30 November
      ['/referrals', 'yes', daysAgo(5)], // Sunday 29 November: the week before
      ['/contact', 'no', daysAgo(1)],
      ['/contact', 'yes', daysAgo(40)], // outside 30 days, inside 90
    ];
    for (const [page, answer, at] of answers) await store.recordAnswer({ page, answer, at });

    expect(await store.usefulness({ days: 7, by: 'total', now: NOW })).toEqual([
      { page: '/contact', from: '2026-11-28', yes: 0, no: 1 },
      { page: '/referrals', from: '2026-11-28', yes: 3, no: 2 },
    ]);
    expect(await store.usefulness({ days: 7, by: 'day', now: NOW })).toEqual([
      { page: '/contact', from: '2026-12-03', yes: 0, no: 1 },
      { page: '/referrals', from: '2026-11-29', yes: 1, no: 0 },
      { page: '/referrals', from: '2026-11-30', yes: 1, no: 0 },
      { page: '/referrals', from: '2026-12-04', yes: 1, no: 2 },
    ]);
    expect(await store.usefulness({ days: 7, by: 'week', now: NOW })).toEqual([
      { page: '/contact', from: '2026-11-30', yes: 0, no: 1 },
      { page: '/referrals', from: '2026-11-23', yes: 1, no: 0 },
      { page: '/referrals', from: '2026-11-30', yes: 2, no: 2 },
    ]);
    const ninety = await store.usefulness({ days: 90, by: 'total', now: NOW });
    expect(ninety.find((row) => row.page === '/contact')).toMatchObject({ yes: 1, no: 1 });
    expect(await store.usefulness({ days: 1, by: 'total', now: NOW })).toEqual([{ page: '/referrals', from: '2026-12-04', yes: 1, no: 2 }]);
  });

  test.skipIf(!backend.available)('keeps problem reports, newest first, and marks one dealt with once', async () => {
    const store = await fresh();
    const first = await store.recordProblem({
      page: '/a',
      tryingToDo: 'find the email',
      wentWrong: 'none',
      flagged: false,
      at: daysAgo(3),
    });
    const second = await store.recordProblem({ page: '/b', tryingToDo: 'call [removed]', wentWrong: 'x', flagged: true, at: daysAgo(1) });
    const reports = await store.problemReports();
    expect(reports.map((r) => r.id)).toEqual([second, first]);
    expect(reports[0]).toEqual({
      id: second,
      page: '/b',
      tryingToDo: 'call [removed]',
      wentWrong: 'x',
      flagged: true,
      createdAt: daysAgo(1),
      dealtWithBy: null,
      dealtWithAt: null,
    });
    expect(await store.problemReports({ days: 2, now: NOW })).toHaveLength(1);

    const at = new Date('2026-12-04T16:00:00Z');
    expect(await store.markDealtWith(first, 'Sam (OT admin)', at)).toBe(true);
    expect(await store.markDealtWith(first, 'someone later', new Date())).toBe(true);
    expect(await store.problemReport(first)).toMatchObject({ dealtWithBy: 'Sam (OT admin)', dealtWithAt: at });
    expect(await store.markDealtWith(9999, 'Sam', at)).toBe(false);
    expect(await store.markDealtWith(-1, 'Sam', at)).toBe(false);
    expect((await store.problemReports({ open: true })).map((r) => r.id)).toEqual([second]);
    expect((await store.problemReports({ open: false })).map((r) => r.id)).toEqual([first]);
    expect((await store.problemReports({ limit: 1, offset: 1 })).map((r) => r.id)).toEqual([first]);
  });

  test.skipIf(!backend.available)('lists the searches that found nothing, most frequent first', async () => {
    const store = await fresh();
    const searches: [string, boolean, Date][] = [
      ['email', false, daysAgo(0)],
      ['email', false, daysAgo(2)],
      ['email', false, daysAgo(2)],
      ['parking', false, daysAgo(1)],
      ['address', false, daysAgo(3)],
      ['sensory', true, daysAgo(0)],
      ['old', false, daysAgo(10)],
    ];
    for (const [query, found, at] of searches) await store.recordSearch({ query, found, at });
    expect(await store.zeroResultSearches({ days: 7, now: NOW })).toEqual([
      { query: 'email', count: 3, lastSearched: '2026-12-04' },
      { query: 'parking', count: 1, lastSearched: '2026-12-03' },
      { query: 'address', count: 1, lastSearched: '2026-12-01' },
    ]);
    expect(await store.zeroResultSearches({ days: 30, limit: 1, now: NOW })).toEqual([
      { query: 'email', count: 3, lastSearched: '2026-12-04' },
    ]);
  });

  test.skipIf(!backend.available)('deletes free text after the retention period and keeps the counts', async () => {
    const store = await fresh();
    const old = await store.recordProblem({ page: '/a', tryingToDo: 'old text', wentWrong: 'old', flagged: false, at: daysAgo(366) });
    const recent = await store.recordProblem({ page: '/a', tryingToDo: 'new text', wentWrong: 'new', flagged: false, at: daysAgo(364) });
    await store.recordAnswer({ page: '/a', answer: 'no', at: daysAgo(366) });
    expect(await store.deleteTextOlderThan(365, NOW)).toBe(1);
    expect(await store.deleteTextOlderThan(365, NOW)).toBe(0);
    expect(await store.problemReport(old)).toMatchObject({ page: '/a', tryingToDo: null, wentWrong: null });
    expect(await store.problemReport(recent)).toMatchObject({ tryingToDo: 'new text', wentWrong: 'new' });
    expect(await store.usefulness({ days: 400, by: 'total', now: NOW })).toEqual([{ page: '/a', from: '2025-10-31', yes: 0, no: 1 }]);
  });

  test.skipIf(!backend.available)('keeps what it was given across a restart', async () => {
    const config = await backend.newStore();
    const store = openStore(config);
    await store.recordAnswer({ page: '/a', answer: 'yes', at: NOW });
    await store.close();
    await expect(store.recordAnswer({ page: '/a', answer: 'yes' })).rejects.toBeInstanceOf(StoreUnavailableError);
    const again = openStore(config);
    opened.push(again);
    expect(await again.usefulness({ days: 1, by: 'total', now: NOW })).toEqual([{ page: '/a', from: '2026-12-04', yes: 1, no: 0 }]);
    if (backend.name === 'PostgreSQL') expect(existsSync(config.dataDir)).toBe(false); // DATA_DIR unused
  });

  test.skipIf(!backend.available)('with `openAfter`, opens when it settles, or at once for a call made before', async () => {
    const kind = backend.name === 'embedded' ? 'embedded' : 'postgresql';
    const waitABit = () => new Promise((done) => setTimeout(done, 300));
    const later = () => {
      let settle!: () => void;
      return { openAfter: new Promise<void>((done) => (settle = done)), settle };
    };
    // Nothing asked of it: nothing opened until `openAfter` settles.
    const quiet = later();
    const config = await backend.newStore();
    const store = openStore({ ...config, openAfter: quiet.openAfter });
    opened.push(store);
    await waitABit();
    expect(store.status()).toEqual({ kind, available: false, problem: 'opening' });
    if (backend.name === 'embedded') expect(existsSync(join(config.dataDir, 'store.lock'))).toBe(false);
    quiet.settle();
    await store.ready;
    expect(store.status()).toEqual({ kind, available: true });
    await store.close();
    // A call made before: opens it at once, and is answered.
    const busy = later();
    const asked = openStore({ ...(await backend.newStore()), openAfter: busy.openAfter });
    opened.push(asked);
    await asked.recordAnswer({ page: '/a', answer: 'yes', at: NOW });
    expect(await asked.usefulness({ days: 1, by: 'total', now: NOW })).toEqual([{ page: '/a', from: '2026-12-04', yes: 1, no: 0 }]);
    busy.settle();
    // Closed before it settles: never opened.
    const closing = later();
    const closedConfig = await backend.newStore();
    const closed = openStore({ ...closedConfig, openAfter: closing.openAfter });
    await closed.close();
    closing.settle();
    await closed.ready;
    expect(closed.status()).toEqual({ kind, available: false, problem: 'closed' });
    if (backend.name === 'embedded') expect(existsSync(join(closedConfig.dataDir, 'store.lock'))).toBe(false);
  });

  // A server restart ends every connection, including one held between two queries, which has
  // no query to fail: its error must not stop the process (pages are served by it).
  test.skipIf(!backend.available || backend.name !== 'PostgreSQL')(
    'a connection the server ends while it is held between queries neither stops the process nor the store',
    async () => {
      const store = await fresh();
      await store.withDatabase(({ db }) =>
        db.connection().execute(async (held) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(held);
          await store.withDatabase(({ db: other }) => sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(other));
          await new Promise((done) => setTimeout(done, 300)); // the server's goodbye reaches the held connection
        }),
      );
      await store.recordAnswer({ page: '/a', answer: 'yes', at: NOW });
      expect(await store.usefulness({ days: 1, by: 'total', now: NOW })).toEqual([{ page: '/a', from: '2026-12-04', yes: 1, no: 0 }]);
    },
  );

  test.skipIf(!backend.available)('200 answers at once are all counted', async () => {
    const store = await fresh();
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.recordAnswer({ page: '/a', answer: i % 4 ? 'yes' : 'no', at: NOW })));
    expect(await store.usefulness({ days: 1, by: 'total', now: NOW })).toEqual([{ page: '/a', from: '2026-12-04', yes: 150, no: 50 }]);
  });
});

describe('the embedded store’s folder', () => {
  const [backend] = storeBackends();
  afterAll(() => backend!.cleanUp());

  test('belongs to one store at a time: a second is unavailable, saying which process has it', async () => {
    const config = await backend!.newStore();
    const first = openStore(config);
    await first.ready;
    expect(existsSync(join(config.dataDir, 'store.lock'))).toBe(true);
    const second = openStore(config);
    await expect(second.recordAnswer({ page: '/a', answer: 'yes' })).rejects.toThrow(`in use by another process (id ${process.pid})`);
    expect(await second.health()).toMatchObject({ available: false, problem: expect.stringContaining('in use') });
    await first.close();
    expect(existsSync(join(config.dataDir, 'store.lock'))).toBe(false);
    await new Promise((done) => setTimeout(done, 250)); // the second's retry wait
    await second.recordAnswer({ page: '/a', answer: 'yes' });
    await second.close();
  });
});
