/**
 * The editors' mistakes again, made on a copy of the real content (as a member of staff
 * would make them on /targeted): each gives its plain message at the right line, as the
 * only error, and the page the mistake is in is the only file named.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/build.js';
import type { Problem } from '../../src/content/problem.js';
import { buildOptions, CONTENT_DIR } from '../support/app.js';

const TODAY = new Date('2026-11-26');

/** Copies the real content, applies one edit to one file, and returns the checker's errors. */
async function errorsAfter(file: string, edit: (text: string) => string): Promise<{ errors: Problem[]; text: string }> {
  const contentDir = await mkdtemp(join(tmpdir(), 'ot-real-'));
  await cp(CONTENT_DIR, contentDir, { recursive: true });
  const before = await readFile(join(contentDir, file), 'utf8');
  const text = edit(before);
  expect(text).not.toBe(before); // the edit found what it changes
  await writeFile(join(contentDir, file), text);
  const { problems } = await loadContent(buildOptions({ contentDir, today: TODAY, overdueReview: 'error' }));
  return { errors: problems.filter((p) => p.severity === 'error'), text };
}

/** The 1-based line on which `marker` first appears. */
const lineOf = (text: string, marker: string | RegExp): number => {
  const at = typeof marker === 'string' ? text.indexOf(marker) : text.search(marker);
  expect(at).toBeGreaterThanOrEqual(0);
  return text.slice(0, at).split('\n').length;
};

/** The 1-based line on which `marker` last appears. */
const lastLineOf = (text: string, marker: string): number => text.slice(0, text.lastIndexOf(marker)).split('\n').length;

/** Puts `inserted` just before the last `## ` heading of the page. */
const beforeLastHeading = (inserted: string) => (text: string) => {
  const at = text.lastIndexOf('\n## ') + 1;
  return text.slice(0, at) + inserted + text.slice(at);
};

const only = (errors: Problem[]) => errors.map((p) => `${p.file}:${p.line} ${p.message}`);

describe('a mistake on a copy of the real content', () => {
  it('an unclosed warning block before the last heading is named at its opening line', async () => {
    const { errors, text } = await errorsAfter(
      'targeted.md',
      beforeLastHeading('::: warning Important\nBring a sample of handwriting.\n\n'),
    );
    expect(only(errors)).toEqual([
      `targeted.md:${lineOf(text, '::: warning Important\nBring')} The "::: warning" block is never closed, so the rest of the page goes inside it.`,
    ]);
  });

  it('a warning block left open when the next block starts names both lines', async () => {
    const { errors, text } = await errorsAfter('targeted.md', (t) =>
      t.replace('::: details', '::: warning Important\nBring a sample.\n\n::: details'),
    );
    const opened = lineOf(text, '::: warning Important\nBring a sample.');
    expect(only(errors)).toEqual([
      `targeted.md:${opened} The "::: warning" block is not closed before the "::: details" block on line ${opened + 3} starts.`,
    ]);
  });

  it('a ":::" that closes nothing, an empty block and a heading as a details summary are each named', async () => {
    const stray = await errorsAfter('targeted.md', beforeLastHeading(':::\n\n'));
    expect(only(stray.errors)).toEqual([
      `targeted.md:${lastLineOf(stray.text, ':::\n\n## ')} This ":::" closes nothing: no block is open here.`,
    ]);

    const empty = await errorsAfter('targeted.md', beforeLastHeading('::: inset\n:::\n\n'));
    expect(only(empty.errors)).toEqual([`targeted.md:${lineOf(empty.text, '::: inset\n:::')} The "::: inset" block is empty.`]);

    const heading = await errorsAfter('targeted.md', (t) =>
      t.replace('::: details What is an EHC plan?', '::: details ## What is an EHC plan?'),
    );
    expect(only(heading.errors)).toEqual([
      `targeted.md:${lineOf(heading.text, '::: details ##')} The summary of the "::: details" block is written as a heading ("## What is an EHC plan?").`,
    ]);
  });

  it('a block opened in a list item and closed at the start of a line, a misspelt block and a heading under "::: details" are each named', async () => {
    const list = await errorsAfter('targeted.md', (t) => t.replace(/^(- .*)$/m, '$1\n  ::: inset\n  Ask us about this.\n:::'));
    const opened = lineOf(list.text, '  ::: inset');
    expect(only(list.errors)).toEqual([
      `targeted.md:${opened} The "::: inset" block is not closed: the ":::" on line ${opened + 2} is not lined up with its opening line.`,
    ]);

    const misspelt = await errorsAfter('targeted.md', (t) => t.replace('::: warning', '::: warnign'));
    expect(only(misspelt.errors)).toEqual([
      `targeted.md:${lineOf(misspelt.text, '::: warnign')} "::: warnign" is not a block this site knows. Did you mean "::: warning"?`,
    ]);

    const below = await errorsAfter('targeted.md', (t) =>
      t.replace('::: details What is an EHC plan?', '::: details\n## What is an EHC plan?\n'),
    );
    expect(only(below.errors)).toEqual([
      `targeted.md:${lineOf(below.text, '::: details\n##')} The "::: details" block has a heading where its summary should be.`,
    ]);
  });

  it('a link to /targetted suggests /targeted', async () => {
    const { errors, text } = await errorsAfter('referral.md', (t) => t.replace('](/targeted)', '](/targetted)'));
    expect(only(errors)).toEqual([
      `referral.md:${lineOf(text, '/targetted')} The link "Extra support (targeted)" goes to /targetted, which is not a page on this site. Did you mean /targeted?`,
    ]);
  });

  it('a mistyped heading link suggests the heading', async () => {
    const { errors, text } = await errorsAfter('targeted.md', (t) => t.replace('](/referral)', '](/referral#what-happens-nxt)'));
    expect(only(errors)).toEqual([
      `targeted.md:${lineOf(text, '#what-happens-nxt')} The link "how to get a referral and what happens next" goes to #what-happens-nxt, which is not a heading on /referral. Did you mean #what-happens-next?`,
    ]);
  });

  it('a YAML mistake in targeted.md is reported once, in plain words, without "not a page" errors in the pages that link to it', async () => {
    const { errors, text } = await errorsAfter('targeted.md', (t) => t.replace(/^whoFor: /m, 'whoFor: For: '));
    expect(only(errors)).toEqual([
      `targeted.md:${lineOf(text, 'whoFor: For: ')} The fields at the top of the file cannot be read: a colon inside a value needs the value in quotes.`,
    ]);
    expect(errors[0]!.detail).toMatch(/^Nested mappings are not allowed in compact mappings/);
  });

  it.each([
    [
      'an indented field',
      (t: string) => t.replace(/^order: /m, '  order: '),
      /^ {2}order: /m,
      'this line starts with spaces, so it is read as part of the field above it',
    ],
    ['a tab', (t: string) => t.replace(/^order: /m, '\torder: '), /^\torder: /m, 'the line starts with a tab'],
    [
      'an unclosed quote',
      (t: string) => t.replace(/^navTitle: /m, 'navTitle: "'),
      /^navTitle: "/m,
      'the value starts with a quote mark (") that is never closed',
    ],
    ['a missing space after a colon', (t: string) => t.replace(/^order: /m, 'order:'), /^order:\d/m, 'a colon needs a space after it'],
    [
      'text after a closing quote mark',
      (t: string) => t.replace(/^navTitle: (.*)$/m, 'navTitle: "$1" page'),
      /^navTitle: "/m,
      'there is more text after the closing quote mark or bracket',
    ],
    [
      'a value starting with *',
      (t: string) => t.replace(/^navTitle: /m, 'navTitle: *'),
      /^navTitle: \*/m,
      'a value cannot start with * unless it is in quotes',
    ],
    [
      'a field written twice',
      (t: string) => t.replace(/^order: (\d+)$/m, 'order: $1\ntitle: Again'),
      /^title: Again/m,
      'the field `title` is written twice (also on line 2)',
    ],
  ])('%s in targeted.md is explained at its line', async (_mistake, edit, marker, plain) => {
    const { errors, text } = await errorsAfter('targeted.md', edit);
    expect(only(errors)).toEqual([`targeted.md:${lineOf(text, marker)} The fields at the top of the file cannot be read: ${plain}.`]);
  });

  it('a line under a home page task that is not lined up in index.md is explained at its line', async () => {
    const { errors, text } = await errorsAfter('index.md', (t) => t.replace(/^ {4}href: /m, ' href: '));
    expect(only(errors)).toEqual([
      `index.md:${lineOf(text, /^ href: /m)} The fields at the top of the file cannot be read: this line is not lined up with the fields above it.`,
    ]);
  });

  it('a colon inside a value in gaps.yml is explained', async () => {
    const { errors, text } = await errorsAfter('gaps.yml', (t) => t.replace(/^ {2}fact: /m, '  fact: Missing: '));
    expect(only(errors)).toEqual([
      `gaps.yml:${lineOf(text, '  fact: Missing: ')} The file cannot be read: a colon inside a value needs the value in quotes.`,
    ]);
  });

  it('a file that cannot be read comes first, before an unrelated error in a file whose name sorts earlier', async () => {
    const contentDir = await mkdtemp(join(tmpdir(), 'ot-real-'));
    await cp(CONTENT_DIR, contentDir, { recursive: true });
    const edit = async (file: string, change: (text: string) => string) =>
      writeFile(join(contentDir, file), change(await readFile(join(contentDir, file), 'utf8')));
    await edit('targeted.md', (t) => t.replace(/^whoFor: /m, 'whoFor: For: '));
    await edit('accessibility.md', (t) => `${t}\n#### Too deep\n`);
    const { problems } = await loadContent(buildOptions({ contentDir, today: TODAY }));
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.file)).toEqual(['targeted.md', 'accessibility.md']);
    expect(problems[0]).toMatchObject({ file: 'targeted.md', wholeFile: true });
  });

  it('a passed review date is an error for the checker and a warning for a server, which still builds the site', async () => {
    const overdue = (t: string) =>
      t.replace(/^lastReviewed: .*$/m, 'lastReviewed: 2025-10-01').replace(/^nextReview: .*$/m, 'nextReview: 2026-11-01');
    const { errors, text } = await errorsAfter('targeted.md', overdue);
    const message = 'The review was due on 2026-11-01, 25 days ago.';
    expect(only(errors)).toEqual([`targeted.md:${lineOf(text, /^nextReview: /m)} ${message}`]);

    const contentDir = await mkdtemp(join(tmpdir(), 'ot-real-'));
    await cp(CONTENT_DIR, contentDir, { recursive: true });
    await writeFile(join(contentDir, 'targeted.md'), text);
    const server = await loadContent(buildOptions({ contentDir, today: TODAY, advice: false }));
    expect(server.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(server.problems).toContainEqual(expect.objectContaining({ severity: 'warning', file: 'targeted.md', message }));
    expect(server.site?.pages.has('/targeted')).toBe(true);
  });
});
