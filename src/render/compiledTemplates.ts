/**
 * A template loader that keeps each compiled template for the next build and the next start.
 * Compiling our views and nhsuk-frontend's macros (about 50 templates) took about 45 ms of
 * every start, before the first page could be drawn. A template's compiled code depends only
 * on its text, its path, the Nunjucks version and the options below, so it is kept under
 * their hash in the cache folder (cacheFolder.ts) and read back instead of compiled again. A
 * changed template has a new hash. A template that does not compile is left to Nunjucks,
 * which reports it as it always has (file, line and column).
 *
 * The kept code is loaded as a module, so the folder must be as safe as node_modules: it is
 * made readable and writable by this user only, and not used at all (every template is then
 * compiled as before) unless it belongs to this user and no one else may write to it, as
 * CACHE_DIR may name a shared folder. Environments given this loader must have no async
 * filters or extensions, which change what a template compiles to (environment.ts has none).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Changed whenever what is kept changes form, so that older copies are never read. */
const KEPT_FORM = 'module.exports of the compiled function, 1';

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
    // Only these, as a copy: the environment adds options of its own to the object it is given.
    const { autoescape, throwOnUndefined, trimBlocks, lstripBlocks } = options;
    this.#options = { autoescape, throwOnUndefined, trimBlocks, lstripBlocks };
    this.#folder = folder ? ownFolder(join(folder, 'templates')) : undefined;
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
      .update(JSON.stringify([KEPT_FORM, NUNJUCKS_VERSION, this.#options, path, text]))
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

/**
 * The kept template, or undefined when there is none or it does not load (a damaged file).
 * Each build loads it afresh (its environment holds it), so old versions are not held too.
 */
function load(file: string): CompiledTemplate | undefined {
  try {
    return require(file) as CompiledTemplate;
  } catch {
    return undefined;
  } finally {
    delete require.cache[file];
  }
}

/** `folder`, made if need be, when it is this user's and no one else may write to it. */
function ownFolder(folder: string): string | undefined {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const { uid, mode } = statSync(folder);
    return uid === process.getuid?.() && (mode & 0o022) === 0 ? folder : undefined;
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
    writeFileSync(partial, code, { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
}
