/**
 * `npm run content:check [folder] [--drafts] [--gaps]`: checks the content exactly as the server
 * does at startup (same loader, same schema, same rules) and prints the report.
 * Exits 1 when there are errors, 0 otherwise (warnings do not fail). A passed review date
 * is an error here, so it fails CI before the next deploy; a server only warns about it.
 *
 * By default it checks what the live site would publish; `--drafts` checks as the
 * preview server does, draft pages included. The facts still to fill are counted in one
 * line; `--gaps` lists each of them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ANSWERS_FILE, formatAnswersFile, withOffered } from '../features/flow/flowRetired.js';
import { publishedAnswersSchema } from '../features/flow/flowSchema.js';
import { loadContent } from '../build.js';
import { hasErrors } from '../content/problem.js';
import { formatReport } from '../content/report.js';

const args = process.argv.slice(2);
const includeDrafts = args.includes('--drafts');
const listGaps = args.includes('--gaps');
const contentDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? process.env.CONTENT_DIR ?? 'content');
const today = process.env.CONTENT_CHECK_TODAY ? new Date(process.env.CONTENT_CHECK_TODAY) : undefined;

const result = await loadContent({
  contentDir,
  viewsDir: resolve(process.env.VIEWS_DIR ?? 'views'),
  includeDrafts,
  today,
  overdueReview: 'error',
});

console.log(`Checking ${contentDir}${includeDrafts ? ' (drafts included)' : ''}\n`);
console.log(formatReport(result, { listGaps }));
process.exitCode = hasErrors(result.problems) ? 1 : 0;

// Good content: record the answers the questions offer now, so renaming one later is caught.
if (result.site?.flows.size) {
  const file = join(contentDir, ANSWERS_FILE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const published = publishedAnswersSchema.parse(text === undefined ? {} : (parse(text) ?? {}));
  const recorded = withOffered(result.site.flows.values(), published);
  if (recorded !== published) {
    await writeFile(file, formatAnswersFile(recorded));
    console.log(`Recorded the new answers of the questions in ${ANSWERS_FILE}: publish it with your change.`);
  }
}
