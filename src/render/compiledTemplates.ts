/**
 * A template loader that keeps each compiled template for the next build and the next start.
 * Compiling our views and nhsuk-frontend's macros (about 50 templates) took about 45 ms of
 * every start, before the first page could be drawn. A template's compiled code depends only
 * on its text, its path, the Nunjucks version and the options below, so it is kept under
 * their hash in the cache folder (cacheFolder.ts) and read back instead of compiled again. A
 * changed template has a new hash. A template that does not compile is left to Nunjucks,
 * which reports it as it always has (file, line and column). The kept code is loaded as a
 * module: it is as trusted as node_modules, where it is kept.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { cacheFolder } from './cacheFolder.js';

/** The environment's options: part of the hash, as some change what a template compiles to. */
export interface CompileOptions {
  autoescape: boolean;
  throwOnUndefined: boolean;
  trimBlocks: boolean;
  lstripBlocks: boolean;
}

const NUNJUCKS_VERSION = (JSON.parse(readFileSync(new URL(import.meta.resolve('nunjucks/package.json')), 'utf8')) as { version: string })
  .version;

const require = createRequire(import.meta.url);

/** A compiled template: its root and block functions (what Nunjucks calls a "code" source). */
type CompiledTemplate = Record<string, unknown>;

// The compiler Environment#getTemplate uses; it is not in nunjucks' types.
const { compiler } = nunjucks as unknown as { compiler: { compile: (...args: unknown[]) => string } };

export class CompiledTemplateLoader extends nunjucks.FileSystemLoader {
  readonly #options: CompileOptions;
  readonly #folder: string | undefined;

  /** `folder`: where to keep compiled templates (tests pass their own); null to keep none. */
  constructor(searchPaths: string[], options: CompileOptions, folder: string | null | undefined = cacheFolder()) {
    super(searchPaths);
    this.#options = options;
    this.#folder = folder ? join(folder, 'templates') : undefined;
  }

  override getSource(name: string): nunjucks.LoaderSource {
    const found = super.getSource(name);
    if (!found || !this.#folder) return found;
    const compiled = this.#compiled(found.src, found.path);
    // Nunjucks takes `{ type: 'code', obj }` as a template already compiled (its PrecompiledLoader
    // gives the same); its types only know the text.
    return compiled ? { ...found, src: { type: 'code', obj: compiled } as unknown as string } : found;
  }

  #compiled(text: string, path: string): CompiledTemplate | undefined {
    const hash = createHash('sha256')
      .update(JSON.stringify([NUNJUCKS_VERSION, this.#options, path, text]))
      .digest('base64url');
    const file = join(this.#folder!, `${hash}.cjs`);
    const kept = load(file);
    if (kept) return kept;
    let code: string;
    try {
      // Our environment has no async filters or extensions, which would change the code.
      code = compiler.compile(text, [], [], path, this.#options);
    } catch {
      return undefined; // Nunjucks compiles it again and reports the mistake with its place
    }
    // The body of a function returning the template's functions, as Nunjucks' own
    // Template#_compile runs it: here the body of a module, which Node's compile cache keeps too.
    keep(file, `module.exports = (function () {\n${code}\n})();\n`);
    return load(file);
  }
}

/** The kept template, or undefined when there is none or it does not load (a damaged file). */
function load(file: string): CompiledTemplate | undefined {
  try {
    return require(file) as CompiledTemplate;
  } catch {
    return undefined;
  }
}

/**
 * Written beside its name, then renamed into place, so that another process never reads half
 * a file. A failure to write only means compiling again next time.
 */
function keep(file: string, code: string): void {
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, code);
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
}
