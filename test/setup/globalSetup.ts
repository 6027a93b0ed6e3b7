/**
 * Once per `vitest run`: a temporary folder for work the test files share (such as the one
 * production install), removed when the run ends. The source is compiled at once, in the
 * background, for the tests that run our programs as processes (test/support/compiled.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { COMPILED, compileSource } from '../support/compiled.js';
import { makeOrWait } from '../support/oncePerRun.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder that lives as long as this test run, shared by every test file. */
    runDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = await mkdtemp(join(tmpdir(), 'ot-test-run-'));
  project.provide('runDir', runDir);
  // A failure is recorded for the tests that wait for it, which report it.
  const compiling = makeOrWait(join(runDir, COMPILED), 'Compiling src/', compileSource).catch(() => undefined);
  return async () => {
    await compiling;
    await rm(runDir, { recursive: true, force: true });
  };
}
