/**
 * Compiled templates kept for the next build and the next start (src/render/compiledTemplates.ts):
 * each template is compiled once, read back after, compiled again when it changes or its kept
 * copy is damaged, and a template with a mistake is reported exactly as Nunjucks reports it.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CompiledTemplateLoader, type CompileOptions } from '../../src/render/compiledTemplates.js';

const OPTIONS: CompileOptions = { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true };
const compiler = (nunjucks as unknown as { compiler: { compile: (...args: unknown[]) => string } }).compiler;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ot-templates-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function viewsWith(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(dir, 'views-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}

const draw = (viewsDir: string, cache: string | null, name: string, context: object) =>
  new nunjucks.Environment(new CompiledTemplateLoader([viewsDir], OPTIONS, cache), OPTIONS).render(name, context);

const TEMPLATES = {
  'page.njk': '{% from "greeting.njk" import greeting %}<p>{{ greeting(name) }}</p>',
  'greeting.njk': '{% macro greeting(name) %}Hello, {{ name }}{% endmacro %}',
};

describe('compiled templates, kept between builds', () => {
  it('compiles each template once; later environments read the kept copies and draw the same', async () => {
    const viewsDir = await viewsWith(TEMPLATES);
    const cache = await mkdtemp(join(dir, 'cache-'));
    const compiles = vi.spyOn(compiler, 'compile');
    expect(draw(viewsDir, cache, 'page.njk', { name: '<Sam>' })).toBe('<p>Hello, &lt;Sam&gt;</p>');
    expect(compiles).toHaveBeenCalledTimes(2);
    expect((await readdir(join(cache, 'templates'))).filter((f) => f.endsWith('.js'))).toHaveLength(2);
    expect(draw(viewsDir, cache, 'page.njk', { name: 'Ali' })).toBe('<p>Hello, Ali</p>');
    expect(compiles).toHaveBeenCalledTimes(2);
  });

  it('compiles a template again when it changes', async () => {
    const viewsDir = await viewsWith(TEMPLATES);
    const cache = await mkdtemp(join(dir, 'cache-'));
    draw(viewsDir, cache, 'page.njk', { name: 'Sam' });
    await writeFile(join(viewsDir, 'greeting.njk'), '{% macro greeting(name) %}Welcome, {{ name }}{% endmacro %}');
    const compiles = vi.spyOn(compiler, 'compile');
    expect(draw(viewsDir, cache, 'page.njk', { name: 'Sam' })).toBe('<p>Welcome, Sam</p>');
    expect(compiles).toHaveBeenCalledTimes(1);
  });

  it('compiles a template again when its kept copy is damaged, and mends the copy', async () => {
    const viewsDir = await viewsWith(TEMPLATES);
    const cache = await mkdtemp(join(dir, 'cache-'));
    draw(viewsDir, cache, 'page.njk', { name: 'Sam' });
    // Each kept copy cut short, as a full disk or a killed process might leave it.
    for (const file of await readdir(join(cache, 'templates'))) {
      const code = await readFile(join(cache, 'templates', file), 'utf8');
      await writeFile(join(cache, 'templates', file), code.slice(0, code.length / 2));
    }
    const compiles = vi.spyOn(compiler, 'compile');
    expect(draw(viewsDir, cache, 'page.njk', { name: 'Sam' })).toBe('<p>Hello, Sam</p>');
    expect(compiles).toHaveBeenCalledTimes(2);
    expect(draw(viewsDir, cache, 'page.njk', { name: 'Sam' })).toBe('<p>Hello, Sam</p>');
    expect(compiles).toHaveBeenCalledTimes(2);
  });

  it('reports a template with a mistake exactly as Nunjucks does', async () => {
    const viewsDir = await viewsWith({ 'broken.njk': '<p>\n{% if name %}{{ name }}\n</p>' });
    const cache = await mkdtemp(join(dir, 'cache-'));
    const failure = (cacheFolder: string | null) => {
      try {
        draw(viewsDir, cacheFolder, 'broken.njk', { name: 'Sam' });
      } catch (err) {
        return (err as Error).message;
      }
      return 'drawn';
    };
    const reported = failure(cache);
    expect(reported).toContain(join(viewsDir, 'broken.njk'));
    expect(reported).toMatch(/expected elif, else, or endif, got end of file/);
    expect(reported).toBe(failure(null));
    expect(await readdir(join(cache, 'templates')).catch(() => [])).toEqual([]);
  });

  it('keeps nothing in, and runs nothing from, a folder others may write to', async () => {
    const viewsDir = await viewsWith(TEMPLATES);
    const cache = await mkdtemp(join(dir, 'cache-'));
    await mkdir(join(cache, 'templates'), { mode: 0o777 });
    await chmod(join(cache, 'templates'), 0o777); // as the umask may have taken some away
    const compiles = vi.spyOn(compiler, 'compile');
    expect(draw(viewsDir, cache, 'page.njk', { name: 'Sam' })).toBe('<p>Hello, Sam</p>');
    expect(draw(viewsDir, cache, 'page.njk', { name: 'Sam' })).toBe('<p>Hello, Sam</p>');
    expect(compiles).toHaveBeenCalledTimes(4);
    expect(await readdir(join(cache, 'templates'))).toEqual([]);
  });

  it('makes its folder readable and writable by this user alone', async () => {
    const cache = await mkdtemp(join(dir, 'cache-'));
    draw(await viewsWith(TEMPLATES), cache, 'page.njk', { name: 'Sam' });
    expect((await stat(join(cache, 'templates'))).mode & 0o777).toBe(0o700);
  });

  it('with nowhere to keep them, compiles them for each environment and draws the same', async () => {
    const viewsDir = await viewsWith(TEMPLATES);
    const compiles = vi.spyOn(compiler, 'compile');
    expect(draw(viewsDir, null, 'page.njk', { name: 'Sam' })).toBe('<p>Hello, Sam</p>');
    expect(draw(viewsDir, null, 'page.njk', { name: 'Sam' })).toBe('<p>Hello, Sam</p>');
    expect(compiles).toHaveBeenCalledTimes(4);
  });
});
