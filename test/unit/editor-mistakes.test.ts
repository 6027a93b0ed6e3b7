/**
 * The mistakes staff make when editing, each on a fixture in test/fixtures/: the checker
 * names the file and the line to look at, says what is wrong in plain words and how to
 * put it right, and reports a broken file once, as the cause, first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/build.js';
import type { Problem } from '../../src/content/problem.js';
import { buildOptions, ROOT } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';

const TODAY = new Date('2026-06-01');

async function errorsFor(...cases: string[]): Promise<Problem[]> {
  const contentDir = await fixtureSite(...cases);
  const { problems, site } = await loadContent(buildOptions({ contentDir, today: TODAY }));
  const errors = problems.filter((p) => p.severity === 'error');
  // Every case here is an error: the site is not built from it.
  expect(site).toBeUndefined();
  return errors;
}

type Expected = Pick<Problem, 'file' | 'line' | 'message'> & { fix?: string; detail?: RegExp };

const CASES: [behaviour: string, fixture: string, expected: Expected][] = [
  [
    'a ::: block that is never closed names the line it opens on',
    'blocks/unclosed',
    { file: 'blocks.md', line: 11, message: 'The "::: warning" block is never closed, so the rest of the page goes inside it.' },
  ],
  [
    'a ::: block still open when the next block starts names both lines',
    'blocks/not-closed-in-time',
    {
      file: 'blocks.md',
      line: 11,
      message: 'The "::: warning" block is not closed before the "::: details" block on line 14 starts.',
      fix: 'Put a line with just ":::" where the warning block ends, before line 14. A block cannot go inside another block.',
    },
  ],
  [
    'a ::: block opened in a list item and closed outside it names both lines',
    'blocks/list-misaligned',
    {
      file: 'blocks.md',
      line: 12,
      message: 'The "::: inset" block is not closed: the ":::" on line 14 is not lined up with its opening line.',
    },
  ],
  [
    'a ":::" that closes nothing names its line',
    'blocks/stray-close',
    { file: 'blocks.md', line: 14, message: 'This ":::" closes nothing: no block is open here.' },
  ],
  ['an empty ::: block is an error', 'blocks/empty', { file: 'blocks.md', line: 13, message: 'The "::: inset" block is empty.' }],
  [
    'a heading written on a details summary line is an error',
    'blocks/details-heading',
    {
      file: 'blocks.md',
      line: 11,
      message: 'The summary of the "::: details" block is written as a heading ("## What is triage?").',
      fix: 'Delete the # marks: "::: details What is triage?". The summary is the link that opens the block.',
    },
  ],
  [
    'a heading in place of a details summary is an error',
    'blocks/details-heading-below',
    { file: 'blocks.md', line: 11, message: 'The "::: details" block has a heading where its summary should be.' },
  ],
  [
    'a misspelt block name suggests the block meant',
    'blocks/misspelt',
    { file: 'blocks.md', line: 11, message: '"::: warnign" is not a block this site knows. Did you mean "::: warning"?' },
  ],
  [
    'a mistyped link suggests the page meant',
    'rules/link-typo',
    {
      file: 'links.md',
      line: 11,
      message: 'The link "about the team" goes to /abuot, which is not a page on this site. Did you mean /about?',
      fix: 'Change it to /about, or to another page: /about, /, /links.',
    },
  ],
  [
    'a mistyped heading link suggests the heading meant',
    'rules/anchor-typo',
    {
      file: 'anchors.md',
      line: 11,
      message: 'The link "who we are" goes to #who-we-arr, which is not a heading on /about. Did you mean #who-we-are?',
    },
  ],
  [
    'a colon inside a value is explained in plain words, with the parser’s text as detail',
    'yaml/colon',
    {
      file: 'about.md',
      line: 3,
      message: 'The fields at the top of the file cannot be read: a colon inside a value needs the value in quotes.',
      fix: 'Put the value in double quotes: `description: "Who we are: a small team."`.',
      detail: /^Nested mappings are not allowed in compact mappings at line 3, column 14 \(BLOCK_AS_IMPLICIT_KEY\)$/,
    },
  ],
  [
    'an indented field is explained at the line that is indented',
    'yaml/indent',
    {
      file: 'about.md',
      line: 4,
      message:
        'The fields at the top of the file cannot be read: this line starts with spaces, so it is read as part of the field above it.',
    },
  ],
  [
    'a tab at the start of a line is explained',
    'yaml/tab',
    { file: 'about.md', line: 6, message: 'The fields at the top of the file cannot be read: the line starts with a tab.', detail: /Tabs/ },
  ],
  [
    'an unclosed quote mark is named at the line it opens on',
    'yaml/quote',
    {
      file: 'about.md',
      line: 3,
      message: 'The fields at the top of the file cannot be read: the value starts with a quote mark (") that is never closed.',
    },
  ],
  [
    'a field written twice names both lines',
    'yaml/duplicate',
    {
      file: 'about.md',
      line: 8,
      message: 'The fields at the top of the file cannot be read: the field `title` is written twice (also on line 2).',
      fix: 'Each field may appear only once. Delete the line you do not want.',
    },
  ],
  [
    'a missing space after a colon is explained',
    'yaml/no-space',
    { file: 'about.md', line: 2, message: 'The fields at the top of the file cannot be read: a colon needs a space after it.' },
  ],
  [
    'a line not lined up with the lines around it is explained',
    'yaml/not-lined-up',
    {
      file: 'about.md',
      line: 7,
      message: 'The fields at the top of the file cannot be read: this line is not lined up with the fields above it.',
    },
  ],
  [
    'text after a closing quote mark is explained',
    'yaml/text-after-quote',
    {
      file: 'about.md',
      line: 2,
      message: 'The fields at the top of the file cannot be read: there is more text after the closing quote mark or bracket.',
    },
  ],
  [
    'a value starting with * is explained, though the parser throws rather than reports it',
    'yaml/star',
    {
      file: 'about.md',
      line: 2,
      message: 'The fields at the top of the file cannot be read: a value cannot start with * unless it is in quotes.',
      fix: 'Put the value in double quotes: `title: "*About us"`.',
    },
  ],
  [
    'any other slip in the fields names the line where the parser stopped, and the one above it',
    'yaml/other',
    {
      file: 'about.md',
      line: 3,
      message: 'The fields at the top of the file cannot be read: this line, or the one above it, is not written as `name: value`.',
    },
  ],
  [
    'a colon inside a value in gaps.yml is explained too',
    'yaml/gaps-colon',
    { file: 'gaps.yml', line: 2, message: 'The file cannot be read: a colon inside a value needs the value in quotes.' },
  ],
];

describe('an editor’s mistake', () => {
  it.each(CASES)('%s', async (_behaviour, fixture, expected) => {
    const errors = await errorsFor(fixture);
    const { detail, fix, ...exact } = expected;
    // The mistake is reported once, as the only error.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject(exact);
    if (fix) expect(errors[0]!.fix).toBe(fix);
    if (detail) expect(errors[0]!.detail).toMatch(detail);
  });

  it('a file that cannot be read is reported once, first, without the link errors that follow from it', async () => {
    // about.md has a YAML error; index.md and a-guide.md link to it; a-guide.md also skips a heading level.
    const errors = await errorsFor('root-cause');
    expect(errors.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([
      'about.md:3 The fields at the top of the file cannot be read: a colon inside a value needs the value in quotes.',
      'a-guide.md:13 The heading "Too deep" skips a level (h2 then h4).',
    ]);
  });
});

/** The "Message says" cells of CONTENT.md's tables, as patterns (`…` stands for any words, `/` separates forms). */
function documentedMessages(): RegExp[] {
  const guide = readFileSync(join(ROOT, 'CONTENT.md'), 'utf8');
  const section = guide.slice(guide.indexOf("## What the checker's messages mean"));
  return [...section.matchAll(/^\| ([^|]+?) \|/gm)]
    .flatMap((row) => row[1]!.split(' / '))
    .map(
      (form) =>
        new RegExp(
          `^${form
            .replace(/[.*+?^${}()[\]\\]/g, '\\$&')
            .replace(/…/g, '.*?')
            .replace(/`/g, '`?')}`,
        ),
    );
}

describe('the editor guide', () => {
  it('explains every message above in its table of messages', async () => {
    const documented = documentedMessages();
    for (const [, fixture] of CASES) {
      for (const problem of await errorsFor(fixture)) {
        expect(
          documented.some((form) => form.test(problem.message)),
          problem.message,
        ).toBe(true);
      }
    }
  });
});

describe('a review date that has passed', () => {
  it('fails the content checker, naming the file, line and field', async () => {
    const contentDir = await fixtureSite('rules/overdue-review');
    const { problems, site } = await loadContent(buildOptions({ contentDir, today: TODAY, overdueReview: 'error' }));
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'overdue.md',
        line: 6,
        field: 'nextReview',
        message: 'The review was due on 2026-05-01, 31 days ago.',
      }),
    ]);
    expect(site).toBeUndefined();
  });

  it('only warns a server, which builds the site and serves it', async () => {
    const contentDir = await fixtureSite('rules/overdue-review');
    const { problems, site } = await loadContent(buildOptions({ contentDir, today: TODAY, advice: false }));
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'overdue.md',
        line: 6,
        message: 'The review was due on 2026-05-01, 31 days ago.',
      }),
    ]);
    expect(site?.pages.has('/overdue')).toBe(true);
  });
});
