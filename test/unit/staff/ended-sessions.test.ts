import { afterAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { openStore } from '../../../src/store/open.js';
import { storeBackends } from '../../support/stores.js';

describe.each(storeBackends())('staff sessions ended by signing out, on the $name store', (backend) => {
  afterAll(() => backend.cleanUp());

  test.skipIf(!backend.available)('are remembered until they would have ended anyway, then forgotten', { timeout: 60_000 }, async () => {
    const store = openStore(await backend.newStore());
    try {
      const now = new Date('2026-12-04T10:00:00Z');
      expect(await store.staffSessionEnded('session-a')).toBe(false);
      await store.endStaffSession('session-a', new Date('2026-12-04T18:00:00Z'), now);
      await store.endStaffSession('session-a', new Date('2026-12-04T18:00:00Z'), now); // twice is once
      expect(await store.staffSessionEnded('session-a')).toBe(true);
      expect(await store.staffSessionEnded('session-b')).toBe(false);
      // The next sign-out, after session-a's end, forgets it: its cookie is refused by its own end by then.
      await store.endStaffSession('session-b', new Date('2026-12-05T04:00:00Z'), new Date('2026-12-04T19:00:00Z'));
      expect(await store.staffSessionEnded('session-a')).toBe(false);
      expect(await store.staffSessionEnded('session-b')).toBe(true);
      const rows = await store.withDatabase(({ db }) =>
        sql<{ n: number }>`select count(*)::int as n from ended_staff_sessions`.execute(db),
      );
      expect(rows.rows[0]!.n).toBe(1);
    } finally {
      await store.close();
    }
  });
});
