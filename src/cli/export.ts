/**
 * `npm run export -- DIR`: writes the static mirror of the published site into DIR (see
 * src/export/mirror.ts), from the content and settings the server would use (CONTENT_DIR,
 * SITE_URL, CACHE_MAX_AGE, …), through the same start-up (src/startup.ts). Bad content stops
 * it, as it stops the server.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { exportMirror } from '../export/mirror.js';
import { buildOptionsFor, firstBuildOrExit, siteHolder, siteServer } from '../startup.js';
import { configOrStop } from '../startupErrors.js';

const [target] = process.argv.slice(2);
if (!target) {
  console.error('Say where to write the mirror: npm run export -- DIR');
  process.exit(2);
}
const outDir = resolve(target);
let inFolder: string[];
try {
  await mkdir(outDir, { recursive: true });
  inFolder = await readdir(outDir);
} catch (err) {
  console.error(cannotWriteInto(outDir, err as NodeJS.ErrnoException));
  process.exit(2);
}
if (inFolder.length > 0) {
  console.error(`${outDir} is not empty: export into a new or empty folder, so that no old file is published by mistake.`);
  process.exit(2);
}

/** Why the mirror cannot go into `dir`, in one sentence (never a stack trace). */
function cannotWriteInto(dir: string, err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return `${dir} is a file, not a folder (or is inside one): export into a new or empty folder.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `${dir} cannot be written to (${err.code}): export into a folder you are allowed to write to.`;
    default:
      return `${dir} cannot be used for the mirror (${err.message}): export into a new or empty folder.`;
  }
}

const config = await configOrStop();
const { build } = await firstBuildOrExit(config, buildOptionsFor(config, 'export'), 'be exported');
const holder = siteHolder(config, build);
const files = await exportMirror(siteServer(holder, pino({ level: 'silent' })), build, {
  outDir,
  siteUrl: config.siteUrl,
  caching: holder.caching,
});
const pages = files.filter((file) => file.contentType.startsWith('text/html')).length;
console.log(`Wrote ${files.length} files (${pages} pages, with the 404 page) to ${outDir}, each text file with .br and .gz beside it.`);
if (!config.siteUrlConfigured) console.log('SITE_URL is not set: absolute addresses in the mirror point at localhost.');
