/**
 * Feedback: "Is this page useful?" answers per second our server stores at 20 connections,
 * on the embedded store and on PostgreSQL (started here as the tests start it), each
 * checked afterwards (every 303 stored); and a tier page's throughput while feedback is
 * written at a steady 50 answers a second, against the same page with nothing written,
 * in alternating rounds on the same server.
 */
import autocannon from 'autocannon';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../src/store/open.js';
import { postgresInstalled, startPostgres } from '../test/support/postgres.js';
import { freePort, median, ROOT, SERVER, spawnUntilServing, type Child, type Row } from './support.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 2);
const ROUNDS = 5;
const FORM = new URLSearchParams({ page: '/referral', answer: 'yes' }).toString();
const PAGE = '/targeted';

function startServer(env: Record<string, string>): Promise<Child> {
  return freePort().then((port) =>
    spawnUntilServing(
      [SERVER],
      { NODE_ENV: 'production', CONTENT_DIR: resolve(ROOT, 'content'), LOG_LEVEL: 'warn', FEEDBACK_RATE_LIMIT: '1000000000', ...env },
      port,
    ),
  );
}

function submit(port: number, options: Partial<autocannon.Options>) {
  return autocannon({
    url: `http://127.0.0.1:${port}/feedback/useful`,
    method: 'POST',
    body: FORM,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}` },
    ...options,
  });
}

/** Answers stored per second at 20 connections; checks every answer thanked (303) was kept. */
async function submissions(env: Record<string, string>, storeConfig: Parameters<typeof openStore>[0]) {
  const server = await startServer(env);
  let thanked = 0;
  const rounds: { rps: number; p99: number }[] = [];
  try {
    await submit(server.port, { connections: 20, amount: 500 }).then((r) => (thanked += r['3xx'] ?? 0));
    for (let round = 0; round < ROUNDS; round++) {
      const result = await submit(server.port, { connections: 20, duration: DURATION_S });
      thanked += result['3xx'] ?? 0;
      rounds.push({ rps: result.requests.average, p99: result.latency.p99 });
    }
  } finally {
    await server.stop();
  }
  const store = openStore(storeConfig);
  // Today and yesterday: a run that crosses midnight stores answers on both days.
  const [row] = await store.usefulness({ days: 2, by: 'total' });
  await store.close();
  if ((row?.yes ?? 0) < thanked) throw new Error(`${thanked} answers thanked but ${row?.yes ?? 0} stored`);
  return { rps: rounds.reduce((sum, r) => sum + r.rps, 0) / rounds.length, p99: median(rounds.map((r) => r.p99)), stored: row?.yes ?? 0 };
}

async function pagesWhileWriting(dataDir: string) {
  const server = await startServer({ DATA_DIR: dataDir });
  const alone: number[] = [];
  const writing: number[] = [];
  try {
    const page = () =>
      autocannon({
        url: `http://127.0.0.1:${server.port}${PAGE}`,
        connections: 50,
        duration: DURATION_S,
        headers: { 'accept-encoding': 'br' },
      });
    await autocannon({
      url: `http://127.0.0.1:${server.port}${PAGE}`,
      connections: 50,
      amount: 2000,
      headers: { 'accept-encoding': 'br' },
    });
    for (let round = 0; round < ROUNDS; round++) {
      alone.push((await page()).requests.average);
      // 50 answers a second, far more than the site will see, written while the page is loaded.
      const [loaded] = await Promise.all([page(), submit(server.port, { connections: 5, overallRate: 50, duration: DURATION_S })]);
      writing.push(loaded.requests.average);
    }
  } finally {
    await server.stop();
  }
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return { alone: mean(alone), writing: mean(writing) };
}

export async function feedback(): Promise<Row[]> {
  const dirs: string[] = [];
  const dir = async () => {
    const made = await mkdtemp(join(tmpdir(), 'ot-bench-store-'));
    dirs.push(made);
    return join(made, 'data');
  };
  const rows: Row[] = [];
  try {
    const embeddedDir = await dir();
    const embedded = await submissions({ DATA_DIR: embeddedDir }, { dataDir: embeddedDir });
    let postgres: Awaited<ReturnType<typeof submissions>> | undefined;
    if (postgresInstalled('the PostgreSQL row of bench/feedback.ts')) {
      const server = await startPostgres();
      try {
        const url = await server.newDatabase();
        postgres = await submissions({ DATA_DIR: await dir(), DATABASE_URL: url }, { dataDir: await dir(), databaseUrl: url });
      } finally {
        await server.stop();
      }
    }
    const figures = (m: { rps: number; p99: number; stored: number }) =>
      `${Math.round(m.rps)} answers/s, p99 ${m.p99} ms (${m.stored} stored, all thanked)`;
    rows.push({
      bench: 'feedback',
      name: 'submissions, 20 connections',
      ours: `embedded: ${figures(embedded)}`,
      baseline: postgres ? `PostgreSQL: ${figures(postgres)}` : 'PostgreSQL not installed',
      ratio: postgres ? embedded.rps / postgres.rps : undefined,
      target: 'every thanked answer stored',
      pass: true, // submissions() throws when one is missing
    });
    const pages = await pagesWhileWriting(await dir());
    rows.push({
      bench: 'feedback',
      name: `page ${PAGE} while 50 answers/s are written`,
      ours: `${Math.round(pages.writing)} req/s`,
      baseline: `nothing written: ${Math.round(pages.alone)} req/s`,
      ratio: pages.writing / pages.alone,
      target: '≥ 0.8 × nothing written',
      pass: pages.writing / pages.alone >= 0.8,
    });
  } finally {
    await Promise.all(dirs.map((made) => rm(made, { recursive: true, force: true })));
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./support.js');
  console.log(printTable(await feedback()));
}
