/**
 * The question flows are content (content/flows/NAME.yml, asked at /NAME): a mistake in one
 * stops the site with its file and line, a second flow is a second file, and the answers in
 * a web address are replayed the same way every time, at one address per set of answers.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../src/features/flow/flow.js';
import { maxParameters, stepFor } from '../../src/features/flow/flowAnswers.js';
import { loadSite } from '../../src/content/load.js';
import { createMarkdownRenderer } from '../../src/content/markdown.js';
import { fixtureSite } from '../support/fixtureSite.js';

const renderMarkdown = createMarkdownRenderer({
  insetText: (html) => html,
  warningCallout: (_heading, html) => html,
  details: (_summary, html) => html,
});

async function load(fixture: string) {
  return loadSite(await fixtureSite(`flow/${fixture}`), { renderMarkdown, today: new Date('2026-06-01') });
}

describe('checking content/flows/', () => {
  it('an answer that leads nowhere stops the site, naming the flow file and its line', async () => {
    const { site, problems } = await load('leads-nowhere');
    expect(site).toBeUndefined();
    const errors = problems.filter((p) => p.file === 'flows/could-ot-help.yml' && p.severity === 'error');
    expect(errors).toContainEqual(
      expect.objectContaining({
        line: 12,
        message: expect.stringMatching(/The answer "old" of "age" leads nowhere/),
        fix: expect.stringMatching(/Add `next:`/),
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ line: 19, message: expect.stringMatching(/leads to "answr", which is not a question or an outcome/) }),
    );
    expect(errors).toContainEqual(expect.objectContaining({ line: 30, message: expect.stringMatching(/"answer" can never be reached/) }));
    expect(errors).toContainEqual(
      expect.objectContaining({ line: 25, message: expect.stringMatching(/goes to #who-are-we, which is not a heading on \/about/) }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ line: 36, message: expect.stringMatching(/names "no-such-gap", which is not an `id:` in gaps.yml/) }),
    );
    expect(errors).toContainEqual(expect.objectContaining({ line: 36, message: expect.stringMatching(/must say how to ask instead/) }));
  });

  it('a good flow loads, with its outcomes rendered from Markdown', async () => {
    const { site, problems } = await load('good');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(site?.flows.get('/could-ot-help')?.outcomes.get('answer')?.sections[0]?.html).toContain('<a href="/about">about us</a>');
  });
});

describe('a second flow', () => {
  it('is a second file: both load, each at the address of its file name, with the title in its file', async () => {
    const { site, problems } = await load('two');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect([...site!.flows.values()].map(({ path, title }) => ({ path, title }))).toEqual([
      { path: '/could-ot-help', title: 'Could this help?' },
      { path: '/ready-for-school', title: 'Is your child ready for school?' },
    ]);
  });

  it('each is checked: a mistake in either names its own file', async () => {
    const { site, problems } = await loadSite(await fixtureSite('flow/two', 'flow/leads-nowhere', 'flow/second-broken'), {
      renderMarkdown,
      today: new Date('2026-06-01'),
    });
    expect(site).toBeUndefined();
    const files = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
    expect([...files].sort()).toEqual(['flows/could-ot-help.yml', 'flows/ready-for-school.yml']);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'flows/ready-for-school.yml', line: 11, message: expect.stringMatching(/leads to "readdy"/) }),
    );
  });

  it('a file in flows/ whose name cannot be an address is reported, not skipped', async () => {
    const dir = await fixtureSite('flow/good');
    await writeFile(join(dir, 'flows', 'Ready For School.yml'), 'title: Ready?\n');
    const { problems } = await loadSite(dir, { renderMarkdown, today: new Date('2026-06-01') });
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'flows/Ready For School.yml', message: expect.stringMatching(/lower-case words joined by hyphens/) }),
    );
  });
});

describe('replaying the answers in a web address', async () => {
  const flow = (await load('good')).site!.flows.get('/could-ot-help') as Flow;
  const step = (search: string) => stepFor(flow, search);

  it('asks the first question when nothing is answered, and the next once it is', () => {
    expect(step('')).toEqual({ kind: 'question', question: expect.objectContaining({ id: 'age' }), answers: [] });
    expect(step('age=young')).toMatchObject({ kind: 'question', question: { id: 'likes' }, answers: [{ question: { id: 'age' } }] });
  });

  it('asks again with the error when the form is sent with nothing chosen', () => {
    expect(step('asked=age')).toMatchObject({ kind: 'question', question: { id: 'age' }, error: 'Select how old you are' });
    expect(step('age=young&asked=likes')).toMatchObject({ kind: 'question', question: { id: 'likes' }, error: 'Select what you like' });
  });

  it('asks again with the error for an answer the question does not have, or two where one is allowed', () => {
    expect(step('age=ancient')).toMatchObject({ kind: 'question', question: { id: 'age' }, error: 'Select how old you are' });
    expect(step('age=young&age=old')).toMatchObject({ kind: 'question', question: { id: 'age' }, error: 'Select how old you are' });
    expect(step('age=young&likes=tea&likes=none')).toMatchObject({
      question: { id: 'likes' },
      error: 'Select "None of these" on its own, or untick it',
      chosen: ['tea', 'none'],
    });
  });

  it('leads each answer to its outcome', () => {
    expect(step('age=old')).toMatchObject({ kind: 'outcome', outcome: { id: 'too-old' } });
    expect(step('age=young&likes=tea')).toMatchObject({ kind: 'outcome', outcome: { id: 'answer' } });
  });

  it('sends answers given in another form to their one address, in the order of the questions', () => {
    expect(step('likes=tea&age=young')).toEqual({ kind: 'redirect', location: '/could-ot-help?age=young&likes=tea' });
    expect(step('age=young&likes=tea&asked=likes')).toEqual({ kind: 'redirect', location: '/could-ot-help?age=young&likes=tea' });
    expect(step('asked=likes')).toEqual({ kind: 'redirect', location: '/could-ot-help' });
  });

  it('refuses what no form of the flow sends', () => {
    expect(step('colour=blue')).toEqual({ kind: 'refused' });
    expect(step('likes=tea')).toEqual({ kind: 'refused' });
    expect(step('age=old&likes=tea')).toEqual({ kind: 'refused' });
    expect(step('asked=age&asked=likes')).toEqual({ kind: 'refused' });
  });

  it('refuses more parameters than any form sends before reading them as answers, and answers the fullest form', () => {
    const most = maxParameters(flow);
    expect(most).toBe(1 + flow.questions.reduce((count, question) => count + question.options.length, 0));
    // Repeated empty answers were read as "nothing chosen", after grouping every one of them.
    expect(step(`age=${'&age='.repeat(most)}`)).toEqual({ kind: 'refused' });
    expect(step(`age=young&likes=tea${'&likes=tea'.repeat(most)}`)).toEqual({ kind: 'refused' });
    // Every option of the checkboxes ticked, with the question asked: read, not refused.
    const likes = flow.questions.find((question) => question.id === 'likes')!;
    const fullest = `age=young&asked=likes&${likes.options.map((option) => `likes=${option.value}`).join('&')}`;
    expect(step(fullest)).toMatchObject({ kind: 'question', question: { id: 'likes' } });
  });
});
