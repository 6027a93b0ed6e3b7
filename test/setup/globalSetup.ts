/**
 * Once per `vitest run`: a temporary folder for work the test files share (such as the one
 * production install), removed when the run ends. The source is compiled at once, in the
 * background, for the tests that run our programs as processes (test/support/compiled.ts),
 * and one Chromium is started for all the browser test files.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_LAUNCH, chromiumMissing } from '../browser/support/chromium.js';
import { COMPILED, compileSource } from '../support/compiled.js';
import { makeOrWait } from '../support/oncePerRun.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder that lives as long as this test run, shared by every test file. */
    runDir: string;
    /** Where the run's one Chromium listens, for the browser test files to connect to; '' without Chromium. */
    browserEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = await mkdtemp(join(tmpdir(), 'ot-test-run-'));
  project.provide('runDir', runDir);
  // A failure is recorded for the tests that wait for it, which report it.
  const compiling = makeOrWait(join(runDir, COMPILED), 'Compiling src/', compileSource).catch(() => undefined);
  // One Chromium for every browser test file, each with contexts of its own.
  const browser = chromiumMissing() ? undefined : await chromium.launchServer(CHROMIUM_LAUNCH);
  project.provide('browserEndpoint', browser?.wsEndpoint() ?? '');
  return async () => {
    await browser?.close();
    await compiling;
    await rm(runDir, { recursive: true, force: true });
  };
}
