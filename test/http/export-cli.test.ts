/**
 * `npm run export -- DIR` refuses a place it cannot write the mirror into with one sentence
 * saying what to do, and exit status 2: never a stack trace.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programProcess, runToExit } from '../support/process.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ot-export-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exportTo = async (target: string) => runToExit(await programProcess('src/cli/export.ts', [target], { NODE_ENV: 'production' }));

describe('npm run export', () => {
  it('refuses an existing file, or a path through one, with one sentence and no stack trace', async () => {
    const file = join(dir, 'mirror.txt');
    await writeFile(file, 'not a folder');
    for (const target of [file, join(file, 'inside')]) {
      const { code, output } = await exportTo(target);
      expect(code, target).toBe(2);
      expect(output.trim(), target).toBe(`${target} is a file, not a folder (or is inside one): export into a new or empty folder.`);
    }
  });

  it('refuses a folder that is not empty, so no old file is published by mistake', async () => {
    const full = join(dir, 'full');
    await mkdir(full);
    await writeFile(join(full, 'index.html'), 'an old mirror');
    const { code, output } = await exportTo(full);
    expect(code).toBe(2);
    expect(output.trim()).toBe(`${full} is not empty: export into a new or empty folder, so that no old file is published by mistake.`);
  });
});
