/**
 * The source compiled once per test run, as `npm run build` compiles it, so that every test
 * that runs one of our programs as a process runs it as `npm start` does: plain JavaScript
 * under `node`. Its `node_modules` is this checkout's, so the programs find their packages.
 */
import { execFile } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './paths.js';
import { oncePerRun } from './oncePerRun.js';

const run = promisify(execFile);

/** The folder of this run that holds the compiled source; globalSetup starts making it. */
export const COMPILED = 'compiled';

/** Compiles `src/` into `<dir>/dist`, with this checkout's packages beside it; `signal` stops it. */
export async function compileSource(dir: string, signal?: AbortSignal): Promise<void> {
  await run(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')],
    { signal },
  );
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

/** The compiled `src/` of this run: `src/server.ts` is `server.js` in it. */
export async function compiledSource(): Promise<string> {
  return join(await oncePerRun(COMPILED, 'Compiling src/ with tsc', compileSource), 'dist');
}

/** Where a source file's compiled program is: `src/cli/check.ts` → `<compiled>/cli/check.js`. */
export async function compiledProgram(script: string): Promise<string> {
  if (!/^src\/.+\.ts$/.test(script)) throw new Error(`Not a program in src/: ${script}`);
  return join(await compiledSource(), script.slice('src/'.length).replace(/\.ts$/, '.js'));
}
