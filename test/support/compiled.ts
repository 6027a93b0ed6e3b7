/**
 * The source compiled once per test run, as `npm run build` compiles it, so that every test
 * that runs one of our programs as a process runs it as `npm start` does: plain JavaScript
 * under `node`. Its `node_modules` is this checkout's, so the programs find their packages.
 *
 * Each file is compiled on its own (TypeScript's `transpileModule`, with tsconfig.build.json's
 * options): the same JavaScript as `tsc` writes, in about a second instead of several, as
 * the types are checked once already (`npm run typecheck`, in `npm test`).
 */
import { mkdir, symlink, writeFile, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './paths.js';
import { oncePerRun } from './oncePerRun.js';

/** The folder of this run that holds the compiled source; globalSetup starts making it. */
export const COMPILED = 'compiled';

/** Compiles `src/` into `<dir>/dist`, with this checkout's packages beside it. */
export async function compileSource(dir: string): Promise<void> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.build.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  // The package is "type": "module", so tsc's NodeNext writes every file as an ES module.
  // No source maps: nothing here reads them.
  const options = { ...config.options, module: ts.ModuleKind.ESNext, sourceMap: false };
  const out = join(dir, 'dist');
  for (const file of config.fileNames) {
    const js = join(out, relative(join(ROOT, 'src'), file)).replace(/\.ts$/, '.js');
    const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), { compilerOptions: options, fileName: file });
    await mkdir(dirname(js), { recursive: true });
    await writeFile(js, outputText);
  }
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

/** The compiled `src/` of this run: `src/server.ts` is `server.js` in it. */
export async function compiledSource(): Promise<string> {
  return join(await oncePerRun(COMPILED, 'Compiling src/', compileSource), 'dist');
}

/** Where a source file's compiled program is: `src/cli/check.ts` → `<compiled>/cli/check.js`. */
export async function compiledProgram(script: string): Promise<string> {
  if (!/^src\/.+\.ts$/.test(script)) throw new Error(`Not a program in src/: ${script}`);
  return join(await compiledSource(), script.slice('src/'.length).replace(/\.ts$/, '.js'));
}
