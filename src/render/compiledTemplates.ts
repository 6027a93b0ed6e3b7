/**
 * A template loader that keeps each compiled template for the next build and the next start.
 * Compiling our views and nhsuk-frontend's macros (about 50 templates) took about 45 ms of
 * every start, before the first page could be drawn. A template's compiled code depends only
 * on its text, its path, the Nunjucks version and the options below, so it is kept under
 * their hash in the cache folder (cacheFolder.ts) and read back instead of compiled again. A
 * changed template has a new hash. A template that does not compile is left to Nunjucks,
 * which reports it as it always has (file, line and column).
 *
 * The kept code is run as Nunjucks runs what it compiles, so the folder must be as safe as
 * node_modules: it is made readable and writable by this user only, and not used at all
 * (every template is then compiled as before) unless it belongs to this user and no one else
 * may write to it, as CACHE_DIR may name a shared folder. Environments given this loader must have no async
 * filters or extensions, which change what a template compiles to (environment.ts has none).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
const KEPT_FORM = 'the body of the compiled function, 2';

const NUNJUCKS_VERSION = (JSON.parse(readFileSync(new URL(import.meta.resolve('nunjucks/package.json')), 'utf8')) as { version: string })
  .version;

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
    const file = join(this.#folder!, `${hash}.js`);
    const kept = readIfThere(file);
    const fromKept = kept === undefined ? undefined : run(kept);
    if (fromKept) return fromKept;
    let code: string;
    try {
      // Our environment has no async filters or extensions, which would change the code.
      code = compiler.compile(text, [], [], path, this.#options);
    } catch {
      return undefined; // Nunjucks compiles it again and reports the mistake with its place
    }
    keep(file, code);
    return run(code);
  }
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The template's functions from its compiled code, run as Nunjucks' own Template#_compile
 * runs the code it compiles; undefined for code that does not run (a damaged copy).
 */
function run(code: string): CompiledTemplate | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- Nunjucks' own way (see above)
    return (new Function(code) as () => CompiledTemplate)();
  } catch {
    return undefined;
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
