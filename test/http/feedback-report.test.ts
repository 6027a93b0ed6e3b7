/**
 * `npm run feedback -- report`: staff read what families said, from either store, as text or
 * CSV, and with the embedded store while the site is running (it reads through the site).
 */
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openStore, type StoreConfig } from '../../src/store/open.js';
import { programProcess, runToExit, startServer } from '../support/process.js';
import { storeBackends } from '../support/stores.js';

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);

async function report(config: StoreConfig, ...args: string[]) {
  const env = { DATA_DIR: config.dataDir, ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}) };
  return runToExit(await programProcess('src/cli/feedback.ts', ['report', ...args], env));
}

describe.each(storeBackends())('the report from the $name store', { timeout: 90_000 }, (backend) => {
  afterAll(() => backend.cleanUp());

  test.skipIf(!backend.available)(
    'lists yes/no per page over 7, 30 and 90 days, the problem reports and the searches that found nothing',
    async () => {
      const config = await backend.newStore();
      const store = openStore(config);
      for (const [page, answer, daysAgo] of [
        ['/referral', 'no', 1],
        ['/referral', 'no', 2],
        ['/referral', 'yes', 20],
        ['/contact', 'yes', 60],
      ] as const)
        await store.recordAnswer({ page, answer, at: day(daysAgo) });
      await store.recordProblem({
        page: '/referral',
        tryingToDo: '=Find the email',
        wentWrong: 'Call me on [removed], "please"',
        flagged: true,
        at: day(3),
      });
      for (const [query, daysAgo] of [
        ['email', 1],
        ['email', 2],
        ['parking', 10],
      ] as const)
        await store.recordSearch({ query, found: false, at: day(daysAgo) });
      await store.recordSearch({ query: 'sensory', found: true });
      await store.close();

      const { code, output } = await report(config);
      expect(code, output).toBe(0);
      const [week, month, quarter] = output.split(/^Last \d+ days/m).slice(1);
      expect(week).toMatch(/\/referral\s+0\s+2\s+0%/);
      expect(week).not.toContain('/contact');
      expect(week).toMatch(/2 {2}email/);
      expect(week).not.toContain('parking');
      expect(month).toMatch(/\/referral\s+1\s+2\s+33%/);
      expect(month).toMatch(/2 {2}email\n\s+1 {2}parking/);
      expect(quarter).toMatch(/\/referral\s+1\s+2\s+33%\n\s+\/contact\s+1\s+0\s+100%/);
      expect(quarter).not.toContain('sensory');
      expect(output).toContain('Problem reports: 1');
      expect(output).toMatch(
        /#1 .* \/referral {2}\(personal details were removed\)\n\s+Trying to do: =Find the email\n\s+What went wrong: Call me on \[removed\], "please"/,
      );

      const csvFile = join(await mkdtemp(join(tmpdir(), 'ot-report-')), 'report.csv');
      expect((await report(config, '--csv', csvFile)).code).toBe(0);
      const csv = await readFile(csvFile, 'utf8');
      expect(csv.split('\r\n')[0]).toBe(
        'section,days,page,yes,no,percent_yes,query,searches,report_id,created,flagged,trying_to_do,went_wrong,dealt_with_by,dealt_with_at',
      );
      expect(csv).toContain('useful,30,/referral,1,2,33,,,,,,,,,\r\n');
      expect(csv).toContain('search found nothing,7,,,,,email,2,,,,,,,\r\n');
      expect(csv).toMatch(
        /problem report,90,\/referral,,,,,,1,[\d\-T:.Z]+,true,'=Find the email,"Call me on \[removed\], ""please""",,\r\n/,
      );
    },
  );

  test.skipIf(!backend.available)('a store that cannot be reached: one sentence, exit 1', async () => {
    const config = await backend.newStore();
    const broken = config.databaseUrl
      ? { ...config, databaseUrl: config.databaseUrl.replace(/:(\d+)\//, ':1/') }
      : { ...config, dataDir: '/dev/null/data' };
    const { code, output } = await report(broken);
    expect(code).toBe(1);
    expect(output).toMatch(/^The feedback report could not be read from the .*: .+\n$/);
  });
});

test('with the embedded store, the report is read through the running site, which keeps running', { timeout: 90_000 }, async () => {
  const [backend] = storeBackends();
  const config = await backend!.newStore();
  const server = await startServer({ DATA_DIR: config.dataDir });
  try {
    await expect
      .poll(async () => await fetch(`http://127.0.0.1:${server.port}/readyz`).then((r) => r.text()), { timeout: 20_000 })
      .toContain('available');
    const sent = await fetch(`http://127.0.0.1:${server.port}/feedback/useful`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'page=%2Freferral&answer=no',
      redirect: 'manual',
    });
    expect(sent.status).toBe(303);
    const { code, output } = await report(config);
    expect(code, output).toBe(0);
    expect(output).toContain('read through the running site');
    expect(output).toMatch(/\/referral\s+0\s+1\s+0%/);
    expect((await fetch(`http://127.0.0.1:${server.port}/referral`)).status).toBe(200);
  } finally {
    await server.stop();
    await backend!.cleanUp();
  }
});
