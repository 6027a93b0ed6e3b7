/**
 * Work done once per `vitest run` and shared by every test file in every worker, in a folder
 * of the run's own (globalSetup's `runDir`): the first caller makes it, the others wait for
 * it to be ready, or fail with the maker's error.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';

const READY = '.ready';
const FAILED = '.failed';
const made = new Map<string, Promise<string>>();

/** The folder `name` of this run, made by `make` on first use; `what` names it in errors. */
export function oncePerRun(name: string, what: string, make: (dir: string) => Promise<void>, timeoutMs = 200_000): Promise<string> {
  let folder = made.get(name);
  if (!folder) made.set(name, (folder = makeOrWait(join(inject('runDir'), name), what, make, timeoutMs)));
  return folder;
}

/** Makes `dir` unless another caller, in any process, already is; then waits for it. */
export async function makeOrWait(dir: string, what: string, make: (dir: string) => Promise<void>, timeoutMs = 200_000): Promise<string> {
  if (await claim(dir)) {
    try {
      await make(dir);
      await writeFile(join(dir, READY), '');
    } catch (error) {
      await writeFile(join(dir, FAILED), String((error as Error).stack ?? error));
      throw error;
    }
    return dir;
  }
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(join(dir, READY))) {
    if (existsSync(join(dir, FAILED))) throw new Error(`${what} failed:\n${await readFile(join(dir, FAILED), 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`${what} in ${dir} did not finish within ${timeoutMs} ms`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return dir;
}

/** True for the one caller that makes the folder: making a folder is atomic. */
async function claim(dir: string): Promise<boolean> {
  try {
    await mkdir(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
