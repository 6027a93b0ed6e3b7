/**
 * Load: reads every file in the content folder once and builds a validated Site.
 * All problems are collected, from every file, before anything is decided: the caller
 * gets the Site (if there were no errors) and the full list of problems either way.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { runChecks } from './checks/index.js';
import { reservedAddressProblems, type ReservedPath } from './checks/reserved.js';
import type { MarkdownRenderer } from './markdown.js';
import { parsePage, type Page } from './page.js';
import { error, hasErrors, sortProblems, type Problem, type Severity } from './problem.js';
import { checkPhoneNumbers } from './checks/phoneNumbers.js';
import { buildSite, type Site } from './site.js';
import { gapsSchema, siteSettingsSchema, type Gap, type SiteSettings } from './schema.js';
import { checkSynonyms, SYNONYMS_FILE, SYNONYMS_FIX, synonymsSchema, type Synonyms } from './synonyms.js';
import { parseYamlFile } from './yamlFile.js';
import { flowPathFor, FLOWS_DIR, loadFlow, type Flow } from '../features/flow/flow.js';
import { openGapIds } from './gapInsets.js';
import { GAPS_FILE, SETTINGS_FILE } from './contentFiles.js';
import { loadImages } from './images.js';
import { ANSWERS_FILE } from '../features/flow/flowRetired.js';
import { publishedAnswersSchema, type PublishedAnswers } from '../features/flow/flowSchema.js';

const ANSWERS_FIX = '`npm run content:check` writes this file: put back the version you had, or delete it and run the checker to write it again.';

const READ_BATCH = 64;

export interface LoadOptions {
  renderMarkdown: MarkdownRenderer;
  /** Keep pages marked `draft: true` (the preview server does; production does not). */
  includeDrafts?: boolean;
  /** Run the checks that only ever warn (reading age, long sentences); on unless false. */
  advice?: boolean;
  /** The day review dates are checked against; today unless a test fixes it. */
  today?: Date;
  /**
   * What a passed review date is. A server warns and serves (a date must never take the
   * site down); `npm run content:check`, and so CI, makes it an error.
   */
  overdueReview?: Severity;
  /** Addresses no page may take: the route table's (`reservedPaths` in src/routes.ts). */
  reserved?: readonly ReservedPath[];
}

export interface LoadResult {
  site?: Site;
  problems: Problem[];
  /** Every page that parsed, even when the site has errors (the checker reports on them). */
  pages: Page[];
  /** content/site.yml, when it could be read, even when other files have errors (the preview's problems page names the provider). */
  settings?: SiteSettings;
}

export async function loadSite(contentDir: string, options: LoadOptions): Promise<LoadResult> {
  const files = await listFiles(contentDir);
  const read = (file: string) => readFile(join(contentDir, file), 'utf8');
  const readOrError = (file: string) => read(file).catch((thrown: NodeJS.ErrnoException) => thrown);
  const problems: Problem[] = [];

  const settings = files.includes(SETTINGS_FILE)
    ? parseYamlFile(SETTINGS_FILE, await read(SETTINGS_FILE), siteSettingsSchema, 'site.yml needs `serviceName:`, `provider:` and the `service:` facts. CONTENT.md shows each one.')
    : { problems: [error({ file: SETTINGS_FILE, message: 'The site settings file is missing.', fix: 'Create content/site.yml with `serviceName:` and `provider:` lines.' })] };
  problems.push(...settings.problems);

  // Files that did not load: problems that only follow from that (a link to one) are left out.
  const failed = new Set<string>();
  let gaps: Gap[] = [];
  if (files.includes(GAPS_FILE)) {
    const parsed = parseYamlFile(GAPS_FILE, await read(GAPS_FILE), gapsSchema, 'Each entry needs `fact:`, `pages:`, `filledWhen:` and `fix:`. See CONTENT.md.');
    problems.push(...parsed.problems);
    gaps = parsed.value ?? [];
    if (!parsed.value) failed.add(GAPS_FILE);
  }

  let synonyms: Synonyms = {};
  const synonymsSource = files.includes(SYNONYMS_FILE) ? await read(SYNONYMS_FILE) : undefined;
  if (synonymsSource !== undefined) {
    const parsed = parseYamlFile(SYNONYMS_FILE, synonymsSource, synonymsSchema, SYNONYMS_FIX);
    problems.push(...parsed.problems);
    synonyms = parsed.value ?? {};
  }

  // Pictures first: pages are drawn with their addresses and sizes.
  const images = await loadImages(files, (file) => readFile(join(contentDir, file)));
  const renderMarkdown: MarkdownRenderer = (body, line) => options.renderMarkdown(body, line, images.images);

  const pages: Page[] = [];
  const sources = new Map<string, string>();
  const markdownFiles = files.filter((f) => f.endsWith('.md'));
  // Read a batch of files at a time: one at a time leaves the disk idle between them.
  const texts: (string | NodeJS.ErrnoException)[] = [];
  for (let i = 0; i < markdownFiles.length; i += READ_BATCH) {
    texts.push(...(await Promise.all(markdownFiles.slice(i, i + READ_BATCH).map(readOrError))));
  }
  for (const [i, file] of markdownFiles.entries()) {
    const source = texts[i]!;
    if (source instanceof Error) {
      failed.add(file);
      problems.push(unreadable(file, source));
      continue;
    }
    sources.set(file, source);
    const parsed = parsePage(file, source, renderMarkdown);
    problems.push(...parsed.problems);
    if (!parsed.page) failed.add(file);
    else if (options.includeDrafts || !parsed.page.meta.draft) pages.push(parsed.page);
  }

  problems.push(...duplicatePaths(pages));
  const flowFiles = files.filter((file) => flowPathFor(file) !== undefined);
  if (synonymsSource !== undefined) problems.push(...checkSynonyms(synonymsSource, synonyms, pages));
  problems.push(
    ...runChecks(
      {
        pages,
        gaps,
        sources,
        failed,
        images,
        flowPaths: new Set(flowFiles.map((file) => flowPathFor(file)!)),
        today: options.today ?? new Date(),
        overdueReview: options.overdueReview ?? 'warning',
        reserved: options.reserved,
      },
      { advice: options.advice },
    ),
  );
  if (settings.value) problems.push(...checkPhoneNumbers(pages, settings.value.service));

  const openGaps = openGapIds(gaps, sources);
  let published: PublishedAnswers | undefined;
  if (files.includes(ANSWERS_FILE)) {
    const parsed = parseYamlFile(ANSWERS_FILE, await read(ANSWERS_FILE), publishedAnswersSchema, ANSWERS_FIX);
    problems.push(...parsed.problems);
    published = parsed.value;
  }
  const flows = new Map<string, Flow>();
  for (const file of flowFiles) {
    const path = flowPathFor(file)!;
    const loaded = loadFlow(file, path, await read(file), { renderMarkdown, pages, gaps, openGaps, failed, images, published: published?.[path] });
    problems.push(...loaded.problems);
    if (loaded.flow) flows.set(path, loaded.flow);
  }
  problems.push(...misnamedFlows(files), ...flowsOnPages(flowFiles, pages));
  const flowAddresses = flowFiles.map((file) => ({ file, path: flowPathFor(file)! }));
  problems.push(...reservedAddressProblems(flowAddresses, options.reserved ?? [], 'question flow'));

  const sorted = sortProblems(problems);
  if (hasErrors(sorted) || !settings.value) return { problems: sorted, pages, settings: settings.value };
  return {
    site: buildSite(settings.value, pages, gaps, { synonyms, openGaps, flows, images: [...images.images.values()] }),
    problems: sorted,
    pages,
    settings: settings.value,
  };
}

function unreadable(file: string, thrown: NodeJS.ErrnoException): Problem {
  const common = { file, detail: thrown.message, wholeFile: true };
  if (thrown.code === 'ENOENT') {
    return error({
      ...common,
      message: 'The file cannot be read: it was moved or deleted while the site was being built.',
      fix: 'If it was moved or deleted on purpose, reload again (or save any file); if not, put it back.',
    });
  }
  const why = thrown.code === 'EACCES' || thrown.code === 'EPERM' ? 'you do not have permission to open it' : 'it could not be opened';
  return error({
    ...common,
    message: `The file cannot be read: ${why}.`,
    fix: 'Check that the file is a text file, that you can open it, and that no other program has it locked. Then save it again.',
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** A file in flows/ that cannot be a flow's address. */
function misnamedFlows(files: readonly string[]): Problem[] {
  return files
    .filter((file) => file.startsWith(`${FLOWS_DIR}/`) && flowPathFor(file) === undefined)
    .map((file) =>
      error({
        file,
        message: `${file} is in the flows folder but is not a question flow: its name is its web address, so it must be lower-case words joined by hyphens, ending .yml.`,
        fix: 'Rename it, such as flows/could-ot-help.yml (asked at /could-ot-help), or move it out of the flows folder.',
      }),
    );
}

/** A flow asked at the address of a page. */
function flowsOnPages(flowFiles: readonly string[], pages: readonly Page[]): Problem[] {
  const pagePaths = new Map(pages.map((page) => [page.path, page.file]));
  return flowFiles
    .filter((file) => pagePaths.has(flowPathFor(file)!))
    .map((file) =>
      error({
        file,
        message: `The questions in ${file} are asked at ${flowPathFor(file)}, which is also the address of the page ${pagePaths.get(flowPathFor(file)!)}.`,
        fix: 'Rename the flow file or the page, so that each has its own address.',
      }),
    );
}

function duplicatePaths(pages: readonly Page[]): Problem[] {
  const byPath = new Map<string, Page[]>();
  for (const page of pages) byPath.set(page.path, [...(byPath.get(page.path) ?? []), page]);
  return [...byPath.values()]
    .filter((group) => group.length > 1)
    .flatMap((group) =>
      group.map((page) =>
        error({
          file: page.file,
          message: `Two files make the same web address ${page.path}: ${group.map((p) => p.file).join(' and ')}.`,
          fix: 'Rename or delete one of them.',
        }),
      ),
    );
}
