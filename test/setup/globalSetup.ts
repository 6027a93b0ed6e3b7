/**
 * Once per `vitest run`: a temporary folder for work the test files share (such as the one
 * production install), removed when the run ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder that lives as long as this test run, shared by every test file. */
    runDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = await mkdtemp(join(tmpdir(), 'ot-test-run-'));
  project.provide('runDir', runDir);
  return () => rm(runDir, { recursive: true, force: true });
}
