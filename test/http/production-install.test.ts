/**
 * Docker cannot run here, so this does what the Dockerfile's run stage does: a clean folder
 * with the files it copies, a production-only `npm ci`, the compiled output started with
 * `node` under the stage's environment, and its HEALTHCHECK command run as written. It proves
 * the running site needs no dev dependency, and keeps the Dockerfile honest.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/app.js';

const run = promisify(execFile);

interface Stage {
  env: Record<string, string>;
  copies: { from?: string; sources: string[]; dest: string }[];
  runs: string[];
  user?: string;
  healthcheck?: string;
  cmd: string[];
}

/** The last stage of the Dockerfile, instruction by instruction (line continuations joined). */
function runStage(dockerfile: string): Stage {
  const lines = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const last = lines
    .map((l, i) => (l.startsWith('FROM ') ? i : -1))
    .filter((i) => i >= 0)
    .at(-1)!;
  const stage: Stage = { env: {}, copies: [], runs: [], cmd: [] };
  for (const line of lines.slice(last + 1)) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const args = line.slice(instruction.length).trim();
    if (instruction === 'ENV') for (const pair of rest) stage.env[pair.split('=')[0]!] = pair.split('=').slice(1).join('=');
    if (instruction === 'COPY') {
      const from = /^--from=(\S+)/.exec(rest[0] ?? '')?.[1];
      const paths = rest.filter((p) => !p.startsWith('--'));
      stage.copies.push({ from, sources: paths.slice(0, -1), dest: paths.at(-1)! });
    }
    if (instruction === 'RUN') stage.runs.push(args);
    if (instruction === 'USER') stage.user = args;
    if (instruction === 'HEALTHCHECK') stage.healthcheck = /\bCMD\s+(.*)$/.exec(args)?.[1];
    if (instruction === 'CMD') stage.cmd = JSON.parse(args) as string[];
  }
  return stage;
}

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the production image, without Docker', () => {
  it('installs production dependencies only, starts with node and answers its health check', async () => {
    const stage = runStage(await readFile(join(ROOT, 'Dockerfile'), 'utf8'));
    expect(stage.env.NODE_ENV).toBe('production');
    expect(stage.user).toBeDefined();
    expect(stage.user).not.toMatch(/^(root|0)$/);
    expect(stage.healthcheck).toContain('/healthz');
    expect(stage.runs.some((r) => r.includes('npm ci --omit=dev'))).toBe(true);

    dir = await mkdtemp(join(tmpdir(), 'ot-image-'));
    for (const copy of stage.copies) {
      if (copy.from) {
        // The build stage's output: compile with this checkout's dev dependencies, as it does.
        expect(copy.sources).toEqual(['/app/dist']);
        await run(process.execPath, [
          join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
          '-p',
          join(ROOT, 'tsconfig.build.json'),
          '--outDir',
          resolve(dir, copy.dest),
        ]);
      } else if (copy.dest.endsWith('/') && copy.sources.length > 1) {
        for (const source of copy.sources) await cp(join(ROOT, source), join(dir, copy.dest, source));
      } else {
        await cp(join(ROOT, copy.sources[0]!), resolve(dir, copy.dest), { recursive: true });
      }
    }
    await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: dir,
      timeout: 150_000,
    });
    for (const dev of ['typescript', 'tsx', 'vitest', 'supertest']) expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false);

    const [command, ...args] = stage.cmd;
    expect(command).toBe('node');
    const child = spawn(process.execPath, args, {
      cwd: dir,
      env: { PATH: process.env.PATH, ...stage.env, PORT: '0', HOST: '127.0.0.1' },
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
