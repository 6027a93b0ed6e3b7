/**
 * `npm run docs:content`: rewrites the front matter fields section of CONTENT.md from the
 * schema. Run it after changing a field in src/content/schema.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { updateGuide } from '../content/fieldDocs.js';

const guidePath = resolve(process.argv[2] ?? 'CONTENT.md');
const guide = await readFile(guidePath, 'utf8');
const updated = updateGuide(guide);
if (updated === guide) {
  console.log(`${guidePath} is up to date.`);
} else {
  await writeFile(guidePath, updated);
  console.log(`Updated the front matter fields in ${guidePath}.`);
}
