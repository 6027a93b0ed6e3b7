/**
 * CONTENT.md, the editor's guide, lists every front matter field from the schema itself,
 * so it cannot drift from what the server accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldSection, updateGuide } from '../../src/content/fieldDocs.js';
import { fields } from '../../src/content/schema.js';
import { readFile, writeFile } from 'node:fs/promises';
import { loadContent } from '../../src/build.js';
import { FLOW_GUIDE_SECTION } from '../../src/features/flow/flow.js';
import { NHSUK_DIST } from '../../src/render/environment.js';
import { buildOptions, ROOT } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
const githubAnchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

const guide = readFileSync(join(ROOT, 'CONTENT.md'), 'utf8');

describe('the editor guide (CONTENT.md)', () => {
  it('is up to date with the schema (run `npm run docs:content` if this fails)', () => {
    expect(updateGuide(guide)).toBe(guide);
  });

  it('describes every field with its help text and example', () => {
    for (const [name, { help }] of Object.entries(fields)) {
      expect(guide).toContain(`### \`${name}\``);
      expect(guide).toContain(help.description);
      expect(guide).toContain(help.example);
    }
  });

  it('a changed field makes the generated section differ', () => {
    // The schema's own help text, changed as a developer would change it.
    const { help } = fields.title;
    const original = help.description;
    help.description = 'A changed description.';
    try {
      expect(fieldSection()).toContain('A changed description.');
      expect(fieldSection()).not.toContain(original);
      expect(updateGuide(guide)).not.toBe(guide); // so the first test fails until the guide is regenerated
    } finally {
      help.description = original;
    }
  });

  it('regenerating a stale guide puts the schema’s words back', () => {
    const stale = guide.replace(fields.title.help.description, 'An old description.');
    expect(stale).not.toBe(guide);
    expect(updateGuide(stale)).toBe(guide);
  });

  it('every link to a section of the guide goes to one of its headings', () => {
    const headings = new Set([...guide.matchAll(/^#{2,4} (.+)$/gm)].map((m) => githubAnchor(m[1]!)));
    const links = [...guide.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(headings, link).toContain(link);
  });

  it('the section the flow checker points to is a heading of the guide', async () => {
    const dir = await fixtureSite('flow/good');
    const flow = join(dir, 'flows', 'could-ot-help.yml');
    await writeFile(flow, (await readFile(flow, 'utf8')).replace('title: Could this help?', 'title: Could this help?\ncolour: blue'));
    const { problems } = await loadContent(buildOptions({ contentDir: dir }));
    const section = /See "(.+)" in CONTENT\.md/.exec(problems.find((p) => p.file === 'flows/could-ot-help.yml')?.fix ?? '')?.[1];
    expect(section).toBe(FLOW_GUIDE_SECTION);
    expect(guide).toMatch(new RegExp(`^## ${section!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });

  it('names the colour of the inset text that the design system draws', () => {
    const css = readFileSync(join(NHSUK_DIST, 'nhsuk', 'nhsuk-frontend.min.css'), 'utf8');
    const border = /\.nhsuk-inset-text\{[^}]*border-left:\d+px solid (#[0-9a-f]{6})/.exec(css)?.[1];
    const name = new RegExp(`--nhsuk-([a-z]+)-colour:${border}`).exec(css)?.[1];
    expect(name).toBe('blue');
    expect(guide).toContain(`**Inset text** makes one key point stand out (a ${name} bar on the left)`);
  });

  it('is linked from the README, with the preview and checker commands', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('](CONTENT.md)');
    expect(readme).toContain('npm run dev');
    expect(readme).toContain('npm run content:check');
  });
});
