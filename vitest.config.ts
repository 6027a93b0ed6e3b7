import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: run test files two at a time.
    maxWorkers: 2,
    // The files a worker runs share its loaded modules (the app, Nunjucks, nhsuk-frontend)
    // instead of loading them again for each file; no test relies on fresh module state.
    isolate: false,
    globalSetup: ['test/setup/globalSetup.ts'],
    reporters: ['default', './test/setup/browserSummary.ts'],
  },
});
