/**
 * The staff dashboard's render time with a year of busy feedback in the store: 100,000
 * "Is this page useful?" answers over the last 90 days (kept, as the store keeps them, as
 * yes and no counts per page per day), 2,000 problem reports and 20,000 searches that found
 * nothing (5,000 different queries). Baseline: the same dashboard on an empty store, in the
 * same run. Each is a GET /staff/ by a signed-in member of staff, through the real sign-in
 * (the test OIDC provider) and the same server factory as production, on the embedded store.
 *
 *   npx tsx bench/staffDashboard.ts      (or as part of `npm run bench`)
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { CookieJar, send, signInByHttp, startOidcProvider } from '../test/support/oidcProvider.js';
import { startStaffSite, type StaffSite } from '../test/support/staffSite.js';
import { median, TMP, type Row } from './support.js';

const ANSWERS = 100_000;
const REPORTS = 2_000;
const SEARCHES = 20_000;
const QUERIES = 5_000;
const ROUNDS = 25;
const TARGET_MS = 500;

/** A generator of the same "random" numbers every run. */
function seeded(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

async function fill(site: StaffSite): Promise<void> {
  const random = seeded(24);
  const pages = [...site.holder.current.rendered.site.pages.keys()];
  const today = Date.now();
  const dayOf = (days: number) => new Date(today - days * 86_400_000).toISOString().slice(0, 10);
  const answers = new Map<string, { page: string; day: string; yes: number; no: number }>();
  for (let i = 0; i < ANSWERS; i++) {
    const page = pages[Math.floor(random() * pages.length)]!;
    const day = dayOf(Math.floor(random() * 90));
    const row = answers.get(`${page} ${day}`) ?? { page, day, yes: 0, no: 0 };
    if (random() < 0.7) row.yes++;
    else row.no++;
    answers.set(`${page} ${day}`, row);
  }
  const searches = new Map<string, { day: string; query: string; found: boolean; count: number }>();
  for (let i = 0; i < SEARCHES; i++) {
    const query = `query ${Math.floor(random() ** 2 * QUERIES)}`;
    const day = dayOf(Math.floor(random() * 90));
    const row = searches.get(`${day} ${query}`) ?? { day, query, found: false, count: 0 };
    row.count++;
    searches.set(`${day} ${query}`, row);
  }
  await site.store.withDatabase(async ({ db }) => {
    const rows = [...answers.values()];
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('useful_answers')
        .values(rows.slice(i, i + 500).map((row) => ({ ...row, day: sql`${row.day}::date` })) as never)
        .execute();
    }
    const counted = [...searches.values()];
    for (let i = 0; i < counted.length; i += 500) {
      await db
        .insertInto('search_counts')
        .values(counted.slice(i, i + 500).map((row) => ({ ...row, day: sql`${row.day}::date` })) as never)
        .execute();
    }
  });
  for (let i = 0; i < REPORTS; i++) {
    await site.store.recordProblem({
      page: pages[i % pages.length]!,
      tryingToDo: 'Find out how to refer my child to the service and what happens next',
      wentWrong: 'I could not find the email address on the page, only a phone number',
      flagged: i % 7 === 0,
      at: new Date(today - Math.floor(random() * 90) * 86_400_000),
    });
  }
}

/** Median milliseconds for GET /staff/ as the signed-in `jar`, after two to warm up. */
async function timeDashboard(origin: string, jar: CookieJar): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS + 2; i++) {
    const started = performance.now();
    const response = await send(jar, `${origin}/staff/`);
    const body = await response.text();
    if (response.status !== 200 || !body.includes('What families found and missed'))
      throw new Error(`The dashboard answered ${response.status}`);
    if (i >= 2) times.push(performance.now() - started);
    bytes = body.length;
  }
  return { ms: median(times), bytes };
}

async function measure(name: string, filled: boolean): Promise<{ ms: number; bytes: number }> {
  const dir = join(TMP, `staff-${name}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const provider = await startOidcProvider();
  const site = await startStaffSite(provider, { dataDir: join(dir, 'data') });
  try {
    if (filled) await fill(site);
    const jar = new CookieJar();
    const { response } = await signInByHttp(jar, site.origin, 'clinical-lead');
    if (response.status !== 200) throw new Error(`Sign-in answered ${response.status}`);
    return await timeDashboard(site.origin, jar);
  } finally {
    await site.close();
    await provider.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function staffDashboard(): Promise<Row[]> {
  const empty = await measure('empty', false);
  const full = await measure('full', true);
  return [
    {
      bench: 'staff dashboard',
      name: `GET /staff/, ${ANSWERS.toLocaleString('en-GB')} answers, ${REPORTS.toLocaleString('en-GB')} reports, ${SEARCHES.toLocaleString('en-GB')} searches`,
      ours: `${full.ms.toFixed(0)} ms (${Math.round(full.bytes / 1024)} KB)`,
      baseline: `${empty.ms.toFixed(0)} ms empty store`,
      ratio: full.ms / empty.ms,
      target: `< ${TARGET_MS} ms`,
      pass: full.ms < TARGET_MS,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./support.js');
  console.log(printTable(await staffDashboard()));
  process.exit(0);
}
