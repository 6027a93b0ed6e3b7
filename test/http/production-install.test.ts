/**
 * Docker cannot run here, so this does what the Dockerfile's run stage does (the run's one
 * production install, `productionImage`): a clean folder with the files it copies, a
 * production-only `npm ci`, the compiled output started with `node` under the stage's
 * environment, and its HEALTHCHECK command run as written. It proves the running site needs
 * no dev dependency, and keeps the Dockerfile honest.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/support.js';
import { productionImage } from './support/productionImage.js';

const run = promisify(execFile);

describe('the production image, without Docker', () => {
  it('installs production dependencies only, starts with node and answers its health check', async () => {
    const { dir, stage } = await productionImage();
    expect(stage.env.NODE_ENV).toBe('production');
    expect(stage.user).toBeDefined();
    expect(stage.user).not.toMatch(/^(root|0)$/);
    expect(stage.healthcheck).toContain('/healthz');
    expect(stage.runs.some((r) => r.includes('npm ci --omit=dev'))).toBe(true);
    expect(stage.copies.some((copy) => copy.from && copy.sources.includes('/app/dist'))).toBe(true);
    for (const dev of ['typescript', 'tsx', 'vitest', 'supertest']) expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false);

    const [command, ...args] = stage.cmd;
    expect(command).toBe('node');
    const child = spawn(process.execPath, args, {
      cwd: dir,
      env: { PATH: process.env.PATH, ...stage.env, PORT: String(await freePort()), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const port = await new Promise<number>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`did not start:\n${output}`)), 30_000);
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const match = /"port":(\d+)/.exec(output);
          if (!match) return;
          clearTimeout(timer);
          done(Number(match[1]));
        });
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('exit', () => fail(new Error(`exited:\n${output}`)));
      });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('nhsuk-header');
      // The image's own HEALTHCHECK command, run as Docker would (a shell, the stage's PORT).
      const check = await run('sh', ['-c', stage.healthcheck!], { cwd: dir, env: { PATH: process.env.PATH, PORT: String(port) } });
      expect(check.stderr).toBe('');
      const exited = new Promise<number | null>((done) => child.on('exit', done));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 240_000);
});
