/**
 * Families save and share the question flow's addresses, which hold the answers. Renaming or
 * deleting an answer in a flow file is reported with an address it breaks, unless the answer is
 * kept under `retired:`; then its old addresses lead to the answer that replaced it, or ask
 * the question again.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/build.js';
import type { Flow } from '../../src/features/flow/flow.js';
import { stepFor } from '../../src/features/flow/flowAnswers.js';
import { formatAnswersFile, withOffered } from '../../src/features/flow/flowRetired.js';
import type { PublishedAnswers } from '../../src/features/flow/flowSchema.js';
import { buildOptions, CONTENT_DIR, startApp } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';
import { programProcess, runToExit } from '../support/process.js';

const TODAY = new Date('2026-06-01');
const load = async (dir: string) => loadContent(buildOptions({ contentDir: dir, today: TODAY }));

describe('answers that families’ addresses hold', () => {
  it('a renamed answer is an error naming the flow’s file, its line and an address it breaks', async () => {
    const { site, problems } = await load(await fixtureSite('flow/renamed'));
    expect(site).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'flows/could-ot-help.yml',
        line: 22,
        message:
          'The answer "tea" of "likes" is gone (renamed or deleted), which breaks the addresses families may have saved or shared that hold it, such as /could-ot-help?age=young&likes=tea.',
        fix: expect.stringMatching(
          /^Put it back, or list it under `retired:` of "likes" as `- value: tea` with `now:` naming the answer that replaced it \(one of coffee, none\)/,
        ),
      }),
    ]);
  });

  it('on the real content: renaming "5-to-18" is caught, with the address it breaks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ot-real-'));
    await cp(CONTENT_DIR, dir, { recursive: true });
    const flow = join(dir, 'flows', 'could-ot-help.yml');
    await writeFile(flow, (await readFile(flow, 'utf8')).replace('- value: 5-to-18', '- value: 5-to-17'));
    const { problems } = await load(dir);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({
        file: 'flows/could-ot-help.yml',
        line: 14,
        message: expect.stringContaining('"5-to-18" of "age" is gone'),
      }),
    ]);
    expect(problems.find((p) => p.file === 'flows/could-ot-help.yml')!.message).toContain('such as /could-ot-help?age=5-to-18.');
  });

  describe('kept under `retired:`', async () => {
    const dir = await fixtureSite('flow/retired');
    const { site, problems } = await load(dir);
    const flow = site!.flows.get('/could-ot-help') as Flow;

    it('passes the checker', () => {
      expect(problems).toEqual([]);
    });

    it('old addresses lead to the answer that replaced it', () => {
      expect(stepFor(flow, 'age=young&likes=tea')).toEqual({ kind: 'redirect', location: '/could-ot-help?age=young&likes=coffee' });
      expect(stepFor(flow, 'age=young&likes=tea&likes=coffee')).toEqual({
        kind: 'redirect',
        location: '/could-ot-help?age=young&likes=coffee',
      });
    });

    it('on the served site, an old shared link is sent on to the right question or answer page', async () => {
      const app = await startApp({ contentDir: dir });
      try {
        const go = (search: string) => fetch(`${app.origin}/could-ot-help?${search}`, { redirect: 'manual' });
        const renamed = await go('age=young&likes=tea');
        expect(renamed.status).toBe(303);
        expect(renamed.headers.get('location')).toBe('/could-ot-help?age=young&likes=coffee');
        expect((await go('age=young&likes=coffee')).status).toBe(200);
        expect((await go('age=middle')).headers.get('location')).toBe('/could-ot-help');
      } finally {
        await app.close();
      }
    });

    it('or, with no answer in its place, ask its question again', () => {
      expect(stepFor(flow, 'age=middle&likes=tea')).toEqual({ kind: 'redirect', location: '/could-ot-help' });
    });

    it('a retired answer must lead to one the question offers', async () => {
      const wrong = await fixtureSite('flow/retired');
      await writeFile(
        join(wrong, 'flows', 'could-ot-help.yml'),
        (await readFile(join(wrong, 'flows', 'could-ot-help.yml'), 'utf8')).replace('now: coffee', 'now: cocoa'),
      );
      expect((await load(wrong)).problems).toEqual([
        expect.objectContaining({
          file: 'flows/could-ot-help.yml',
          line: 36,
          message: 'The retired answer "tea" of "likes" leads to "cocoa", which "likes" does not offer.',
        }),
      ]);
    });
  });

  it('the checker records new answers, so a later rename is caught; it writes nothing when nothing is new', async () => {
    const dir = await fixtureSite('flow/good');
    const first = await runToExit(await programProcess('src/cli/check.ts', [dir], { CONTENT_CHECK_TODAY: '2026-06-01' }));
    expect(first.code).toBe(0);
    expect(first.output).toContain('Recorded the new answers of the questions in flow-answers.yml: publish it with your change.');
    const recorded = await readFile(join(dir, 'flow-answers.yml'), 'utf8');
    expect(recorded).toContain('/could-ot-help:\n  age:\n    - young\n    - old\n  likes:\n    - tea\n    - none\n');
    const again = await runToExit(await programProcess('src/cli/check.ts', [dir], { CONTENT_CHECK_TODAY: '2026-06-01' }));
    expect(again.output).not.toContain('Recorded');
  }, 30_000);

  it('the real content records every answer its questions offer', async () => {
    const { site } = await load(CONTENT_DIR);
    const recorded = await readFile(join(CONTENT_DIR, 'flow-answers.yml'), 'utf8');
    const { parse } = await import('yaml');
    expect(formatAnswersFile(withOffered(site!.flows.values(), parse(recorded) as PublishedAnswers))).toBe(recorded);
  });
});
