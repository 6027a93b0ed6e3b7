/**
 * Each content checker rule, on a real fixture file: the problem names the file, the
 * line and says what is wrong. Errors stop the site; warnings do not.
 */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/build.js';
import type { Problem } from '../../src/content/problem.js';
import { buildOptions } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';

const TODAY = new Date('2026-06-01');

async function check(...cases: string[]) {
  const contentDir = await fixtureSite(...cases);
  return loadContent(buildOptions({ contentDir, today: TODAY }));
}

interface Expected {
  severity: Problem['severity'];
  file: string;
  line?: number;
  field?: string;
  message: RegExp;
}

const RULES: [rule: string, fixture: string, expected: Expected][] = [
  [
    'a link to a missing page',
    'rules/broken-link',
    {
      severity: 'error',
      file: 'links.md',
      line: 11,
      message: /The link "the referral page" goes to \/referral, which is not a page on this site/,
    },
  ],
  [
    'a link to a missing heading',
    'rules/broken-anchor',
    { severity: 'error', file: 'anchors.md', line: 11, message: /goes to #who-we-were, which is not a heading on \/about/ },
  ],
  [
    'an overdue review (a warning for a server; the checker makes it an error)',
    'rules/overdue-review',
    { severity: 'warning', file: 'overdue.md', line: 6, field: 'nextReview', message: /The review was due on 2026-05-01, 31 days ago/ },
  ],
  [
    'a review due within 30 days',
    'rules/review-soon',
    { severity: 'warning', file: 'soon.md', line: 6, field: 'nextReview', message: /The review is due on 2026-06-20, in 19 days/ },
  ],
  [
    'an image without alt text',
    'rules/image-no-alt',
    { severity: 'error', file: 'pictures.md', line: 13, message: /The image \/images\/grip\.jpg has no alt text/ },
  ],
  [
    'a heading that skips a level',
    'rules/skipped-heading',
    { severity: 'error', file: 'outline.md', line: 13, message: /The heading "Too deep" skips a level \(h2 then h4\)/ },
  ],
  ['an empty page', 'rules/empty-page', { severity: 'error', file: 'empty.md', line: 2, message: /has a title but no text/ }],
  [
    'a sentence over 20 words',
    'rules/long-sentence',
    {
      severity: 'warning',
      file: 'wordy.md',
      line: 13,
      message: /A sentence has 26 words \(aim for 20 or fewer\): "We will contact you by letter or phone/,
    },
  ],
  ['a fact still to fill', 'rules/gap', { severity: 'warning', file: 'about.md', line: 10, message: /^To fill: Clinic email address\.$/ }],
  [
    'a bad field',
    'bad/wrong-type',
    { severity: 'error', file: 'typed.md', line: 4, field: 'order', message: /`order` must be a whole number/ },
  ],
  ['a YAML error', 'bad/yaml-error', { severity: 'error', file: 'broken.md', line: 3, message: /cannot be read: a colon inside a value/ }],
];

describe('the content checker', () => {
  it.each(RULES)('reports %s with its file and line', async (_rule, fixture, expected) => {
    const { problems, site } = await check(fixture);
    const { message, ...where } = expected;
    expect(problems).toContainEqual(
      expect.objectContaining({ ...where, message: expect.stringMatching(message), fix: expect.any(String) }),
    );
    // Errors stop the site being built; warnings do not.
    expect(site === undefined).toBe(expected.severity === 'error');
  });

  it('reports a link with a wrong page and a wrong heading once, with both corrections, so one round of fixes is enough', async () => {
    const { problems } = await check('rules/page-and-heading');
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'both.md',
        line: 11,
        message:
          'The link "who we are" goes to /abot, which is not a page on this site. Did you mean /about? Its #who-we-ar is not a heading on /about either. Did you mean #who-we-are?',
        fix: expect.stringMatching(/^Change it to \/about#who-we-are, or to another page: /),
      }),
    ]);
  });

  it('names the line a long sentence starts on when its paragraph wraps', async () => {
    const { problems } = await check('rules/long-sentence');
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'wordy.md',
        line: 16,
        message: 'A sentence has 23 words (aim for 20 or fewer): "Its second sentence starts on this line and …"',
      }),
    );
  });

  it('gives a reading-age warning only above the NHS aim of 9 to 11', async () => {
    const { problems } = await check('rules/long-sentence');
    expect(problems.filter((p) => p.message.includes('reading age'))).toEqual([]);
    const hard = await check('rules/hard-words');
    expect(hard.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        file: 'hard.md',
        line: 2,
        message: expect.stringMatching(/The estimated reading age is (1[1-9]|[2-9]\d)(\.\d)?; the NHS aims for 9 to 11/),
      }),
    );
  });

  it('leaves out the advice (reading age, long sentences) when asked, as the server does, and nothing else', async () => {
    const contentDir = await fixtureSite('rules/long-sentence', 'rules/hard-words', 'rules/review-soon');
    const all = await loadContent(buildOptions({ contentDir, today: TODAY }));
    const withoutAdvice = await loadContent(buildOptions({ contentDir, today: TODAY, advice: false }));
    const advice = (p: Problem) => /reading age|A sentence has/.test(p.message);
    expect(all.problems.filter(advice).length).toBeGreaterThanOrEqual(3);
    expect(withoutAdvice.problems).toEqual(all.problems.filter((p) => !advice(p)));
    expect(withoutAdvice.problems).toContainEqual(expect.objectContaining({ file: 'soon.md', severity: 'warning' }));
  });

  it('a ::: phone block shows the number from site.yml once, as an action link with the hours, and lets a not-online-yet inset point to it', async () => {
    const { problems, pages } = await check('rules/phone-action');
    const withAction = pages.find((page) => page.file === 'with-action.md')!;
    expect(withAction.body.html).toMatch(/<a class="nhsuk-action-link" href="tel:03003305777">[\s\S]*Phone\u00a00300\u00a0330\u00a05777/);
    expect(withAction.body.html).toContain('<p>Open 9am to 5pm, Monday to Friday.</p>');
    expect(withAction.body.html).toMatch(/<div class="nhsuk-inset-text app-inset-text--not-online">[\s\S]*Not online yet/);
    // The inset on the page with the action needs no number of its own; the one without does.
    const insetErrors = problems.filter((p) => p.message.includes('must say how to ask instead'));
    expect(insetErrors).toEqual([expect.objectContaining({ severity: 'error', file: 'without-action.md', line: 11 })]);
    // The number said again is a warning that names the line.
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        file: 'with-action.md',
        line: 25,
        message: expect.stringMatching(/this phone link says it again/),
      }),
    );
  });

  it('says a filled gap can be deleted', async () => {
    const { problems } = await check('rules/gap', 'rules/gap-filled');
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'gaps.yml', message: 'Filled: "Clinic email address" is now on about.md.' }),
    );
  });

  it('a gap listed in its own "not online yet" inset is still to fill, not filled', async () => {
    const { problems } = await check('rules/gap-listed');
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'about.md', message: 'To fill: Whether parents and carers can refer their own child.' }),
    );
    expect(problems.filter((p) => p.message.startsWith('Filled:'))).toEqual([]);
  });

  it('finds nothing to report on a good site', async () => {
    const { problems, site } = await check();
    expect(problems).toEqual([]);
    expect(site).toBeDefined();
  });
});
