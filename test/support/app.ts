/**
 * Starts the real app, as the server does, on real content (or a fixture folder).
 */
import { resolve } from 'node:path';
import { pino } from 'pino';
import { build, type BuildOptions } from '../../src/build.js';
import { createApp } from '../../src/http/app.js';
import { SiteHolder } from '../../src/http/siteHolder.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CONTENT_DIR = resolve(ROOT, 'content');
export const FIXTURES = resolve(ROOT, 'test', 'fixtures');

export function buildOptions(overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    siteUrl: 'http://localhost:3000',
    contentDir: CONTENT_DIR,
    viewsDir: resolve(ROOT, 'views'),
    publicDir: resolve(ROOT, 'public'),
    ...overrides,
  };
}

export async function startApp(overrides: Partial<BuildOptions> = {}) {
  const result = await build(buildOptions(overrides));
  if (!result.build) throw new Error(result.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n'));
  // The assets' best encodings, made in the background, so every request sees the same bytes.
  await result.build.compressed;
  const holder = new SiteHolder(result.build);
  return { app: createApp(holder, pino({ level: 'silent' })), holder, build: result.build };
}
