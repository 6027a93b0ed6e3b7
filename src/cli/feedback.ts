/**
 * `npm run feedback -- report [--csv FILE]`: the feedback report for staff (see
 * src/features/feedback/report.ts), from PostgreSQL when DATABASE_URL is set, otherwise from
 * the embedded store in DATA_DIR, through the running site when one is running on it.
 * Exits 1 with one sentence when the store cannot be read.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readReport, reportCsv, reportText } from '../features/feedback/report.js';
import { openReader } from '../store/reader.js';
import { ConfigError, readConfig, type Config } from '../config.js';

const USAGE = 'Usage: npm run feedback -- report [--csv FILE]';
const args = process.argv.slice(2);
const csvAt = args.indexOf('--csv');
const csvFile = csvAt >= 0 ? args[csvAt + 1] : undefined;
if (args[0] !== 'report' || (csvAt >= 0 && !csvFile)) {
  console.error(USAGE);
  process.exit(2);
}

let config: Config;
try {
  config = readConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  for (const { name, rule } of err.settings) console.error(`The feedback report cannot be read because ${name} is not right: ${rule}.`);
  process.exit(1);
}
const reader = await openReader({ ...config.store, retryMs: 0 });
const source = config.store.databaseUrl
  ? 'PostgreSQL'
  : `embedded store in ${config.store.dataDir}${reader.through === 'running site' ? ', read through the running site' : ''}`;
try {
  const report = await readReport(reader);
  if (csvFile) {
    await writeFile(resolve(csvFile), reportCsv(report));
    console.log(`Wrote the report to ${resolve(csvFile)}`);
  } else {
    console.log(reportText(report, source));
  }
} catch (err) {
  console.error(`The feedback report could not be read from the ${source}: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await reader.close();
}
