/**
 * content/synonyms.yml, as editors write it: checked with file and line, and used by the
 * search of the real app.
 */
import { writeFile } from 'node:fs/promises';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/build.js';
import { buildOptions, startApp } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';

async function siteWithSynonyms(yaml: string) {
  const contentDir = await fixtureSite();
  await writeFile(`${contentDir}/synonyms.yml`, yaml);
  return contentDir;
}

const resultPages = (html: string) => [...html.matchAll(/<h2 class="nhsuk-heading-xs[^"]*"><a href="([^"#]+)/g)].map((m) => m[1]);

describe('search synonyms', () => {
  it('a search for a word editors listed finds the words the site uses for it', async () => {
    const contentDir = await siteWithSynonyms('# Words people type\nteam:\n  - test\n');
    const { app } = await startApp({ contentDir });
    expect(resultPages((await request(app).get('/search?q=team')).text)).toContain('/about');
    const without = await startApp({ contentDir: await fixtureSite() });
    expect(resultPages((await request(without.app).get('/search?q=team')).text)).toEqual([]);
  });

  it('warns, with the line, about a synonym whose words no page uses', async () => {
    const contentDir = await siteWithSynonyms('team:\n  - test\n  - staff list\ncrew:\n  - test\n');
    const { site, problems } = await loadContent(buildOptions({ contentDir }));
    expect(site).toBeDefined();
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        file: 'synonyms.yml',
        line: 3,
        message: 'The synonym "staff list" for "team" uses "staff", "list", which no page uses, so it finds nothing.',
      }),
    );
    expect(problems.filter((problem) => problem.file === 'synonyms.yml')).toHaveLength(1);
  });

  it('refuses a word with no list of words under it, and a word search leaves out, naming the line', async () => {
    const problemsFor = async (yaml: string) => {
      const { site, problems } = await loadContent(buildOptions({ contentDir: await siteWithSynonyms(yaml) }));
      expect(site).toBeUndefined();
      return problems.filter((problem) => problem.file === 'synonyms.yml');
    };
    expect(await problemsFor('crew:\n  - test\nteam: test\n')).toEqual([
      expect.objectContaining({ severity: 'error', line: 3, field: 'team', fix: expect.stringContaining('CONTENT.md') }),
    ]);
    expect(await problemsFor('crew:\n  - test\nthe: [test]\n')).toEqual([
      expect.objectContaining({ severity: 'error', line: 3, message: expect.stringContaining('search leaves out') }),
    ]);
  });
});
