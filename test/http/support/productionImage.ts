/**
 * What the Dockerfile's run stage makes, without Docker: a folder with the files it copies,
 * the compiled output and a production-only `npm ci`. Made once per test run, on first use,
 * and shared by every test file that needs the production build (oncePerRun.ts).
 */
import { execFile } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../support/app.js';
import { compiledSource } from '../../support/compiled.js';
import { oncePerRun } from '../../support/oncePerRun.js';

const run = promisify(execFile);

export interface Stage {
  env: Record<string, string>;
  copies: { from?: string; sources: string[]; dest: string }[];
  runs: string[];
  user?: string;
  healthcheck?: string;
  cmd: string[];
}

/** The last stage of the Dockerfile, instruction by instruction (line continuations joined). */
export function runStage(dockerfile: string): Stage {
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

export interface ProductionImage {
  /** The folder, laid out as the image's /app. */
  dir: string;
  stage: Stage;
}

async function make(dir: string, stage: Stage): Promise<void> {
  for (const copy of stage.copies) {
    if (copy.from) {
      // The build stage's output: this run's compiled source, made as the build stage makes it.
      if (copy.sources.join() !== '/app/dist') throw new Error(`Unexpected COPY --from=${copy.from} ${copy.sources.join(' ')}`);
      await cp(await compiledSource(), resolve(dir, copy.dest), { recursive: true });
    } else if (copy.dest.endsWith('/') && copy.sources.length > 1) {
      for (const source of copy.sources) await cp(join(ROOT, source), join(dir, copy.dest, source));
    } else {
      await cp(join(ROOT, copy.sources[0]!), resolve(dir, copy.dest), { recursive: true });
    }
  }
  await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, timeout: 150_000 });
}

let mine: Promise<ProductionImage> | undefined;

/** The production folder of this test run, made on first use. */
export function productionImage(): Promise<ProductionImage> {
  mine ??= (async () => {
    const stage = runStage(await readFile(join(ROOT, 'Dockerfile'), 'utf8'));
    const dir = await oncePerRun('production-image', 'The production install', (dir) => make(dir, stage));
    return { dir, stage };
  })();
  return mine;
}
