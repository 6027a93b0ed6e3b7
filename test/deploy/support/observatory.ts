/**
 * The MDN HTTP Observatory's scanner (@mdn/mdn-http-observatory), run as its command-line
 * scanner runs it: in a process of its own, so that NODE_EXTRA_CA_CERTS (read once, when Node
 * starts) makes it trust the test's certificate authority. It scans http://HOST and
 * https://HOST on the usual ports 80 and 443: it has no option for others.
 *
 * Its install script downloads the browsers' HSTS preload list; the project installs with
 * scripts off, so the list is given here, empty: no site is preloaded and every result comes
 * from what the server sends.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../support/app.js';

export interface ObservatoryTest {
  pass: boolean;
  result: string;
  scoreModifier: number;
}

export interface ObservatoryScan {
  grade: string;
  score: number;
  testsPassed: number;
  testsQuantity: number;
  tests: Record<string, ObservatoryTest>;
}

async function givePreloadList(): Promise<void> {
  const main = createRequire(join(ROOT, 'package.json')).resolve('@mdn/mdn-http-observatory');
  const list = join(dirname(main), '..', 'conf', 'hsts-preload.json');
  if (existsSync(list)) return;
  await mkdir(dirname(list), { recursive: true });
  await writeFile(list, '{}\n');
}

const SCAN = `
const { scan } = await import('@mdn/mdn-http-observatory');
const { scan: summary, tests } = await scan(process.argv[1]);
const rows = Object.fromEntries(
  Object.entries(tests).map(([name, t]) => [name, { pass: t.pass, result: t.result, scoreModifier: t.scoreModifier }]),
);
console.log(JSON.stringify({ ...summary, responseHeaders: undefined, tests: rows }));
`;

export async function observatory(hostname: string, caFile?: string): Promise<ObservatoryScan> {
  await givePreloadList();
  const env = { ...process.env, ...(caFile ? { NODE_EXTRA_CA_CERTS: caFile } : {}) };
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', SCAN, hostname], {
    cwd: ROOT,
    env,
    timeout: 60_000,
  });
  return JSON.parse(stdout) as ObservatoryScan;
}

/** The scan as the Observatory's site shows it: one line per test, for messages and notes. */
export function observatoryTable(scan: ObservatoryScan): string {
  const rows = Object.entries(scan.tests).map(
    ([name, test]) =>
      `| ${name} | ${test.pass ? 'pass' : 'FAIL'} | ${test.scoreModifier > 0 ? '+' : ''}${test.scoreModifier} | ${test.result} |`,
  );
  return [
    `Grade ${scan.grade} (${scan.score}), ${scan.testsPassed}/${scan.testsQuantity} tests passed`,
    '| test | | score | result |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
