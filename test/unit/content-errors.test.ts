/**
 * A bad content file is reported with its file, line, field and a fix; every problem in
 * every file is reported in one run.
 */
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../src/content/load.js';
import { createMarkdownRenderer } from '../../src/content/markdown.js';
import type { Problem } from '../../src/content/problem.js';
import { fixtureSite } from '../support/fixtureSite.js';

const renderMarkdown = createMarkdownRenderer({
  insetText: (html) => html,
  warningCallout: (_heading, html) => html,
  details: (_summary, html) => html,
});

async function problemsFor(...cases: string[]): Promise<Problem[]> {
  const dir = await fixtureSite(...cases);
  const result = await loadSite(dir, { renderMarkdown, today: new Date('2026-06-01') });
  return result.problems.filter((p) => p.severity === 'error');
}

interface Expected {
  file: string;
  line?: number;
  field?: string;
  message: RegExp;
  fix: RegExp;
}

const CASES: [name: string, expected: Expected][] = [
  ['yaml-error', { file: 'broken.md', line: 3, message: /a colon inside a value needs the value in quotes/, fix: /double quotes/ }],
  ['missing-title', { file: 'untitled.md', line: 1, field: 'title', message: /`title` is missing/, fix: /title: / }],
  ['wrong-type', { file: 'typed.md', line: 4, field: 'order', message: /`order` must be a whole number/, fix: /order: 2/ }],
  ['bad-date', { file: 'dated.md', line: 6, field: 'nextReview', message: /not a real calendar date/, fix: /YYYY-MM-DD/ }],
  ['unknown-field', { file: 'typo.md', line: 5, field: 'lastReveiwed', message: /not a field this site knows/, fix: /spelling/ }],
  ['tier-fields', { file: 'tier.md', field: 'whoFor', message: /required on tier pages/, fix: /whoFor: / }],
  ['no-front-matter', { file: 'plain.md', line: 1, message: /no front matter/, fix: /---/ }],
  ['file-name', { file: 'My Page.md', message: /lower-case letters/, fix: /my-page\.md/ }],
  ['duplicate-path', { file: 'about/index.md', message: /same web address \/about: about\.md and about\/index\.md/, fix: /Rename/ }],
];

describe('a bad content file', () => {
  it.each(CASES)('%s: names the file, the line, the field and a fix', async (name, expected) => {
    const problems = await problemsFor(`bad/${name}`);
    const { message, fix, ...where } = expected;
    expect(problems).toContainEqual(
      expect.objectContaining({ ...where, message: expect.stringMatching(message), fix: expect.stringMatching(fix) }),
    );
  });

  it('duplicate paths name both files', async () => {
    const problems = await problemsFor('bad/duplicate-path');
    const duplicates = problems.filter((p) => p.message.includes('same web address'));
    expect(duplicates.map((p) => p.file).sort()).toEqual(['about.md', 'about/index.md']);
  });

  it('every problem in every file is reported together, in one run', async () => {
    const problems = await problemsFor('bad/yaml-error', 'bad/missing-title', 'bad/wrong-type', 'bad/bad-date');
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set(['broken.md', 'untitled.md', 'typed.md', 'dated.md']));
  });

  it('a good site loads with no errors', async () => {
    const dir = await fixtureSite();
    const result = await loadSite(dir, { renderMarkdown, today: new Date('2026-06-01') });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect([...result.site!.pages.keys()]).toEqual(['/', '/about']);
  });
});
