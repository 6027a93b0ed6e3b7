/**
 * CONTENT.md's "Where it shows" for each front matter field (generated from the schema) is
 * what the site does: a fixture site (test/fixtures/guide/) with a recognisable value in
 * every field is served, and each field's value is found where the guide says. A field the
 * guide calls "for editors only" changes no byte of any page.
 *
 * `SHOWN` has one check per field of the schema: a new field does not type-check until it
 * has one.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whereItShows } from '../../src/content/fieldDocs.js';
import { fields, type FieldHelp } from '../../src/content/schema.js';
import { ROOT, startApp } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';
import { visibleText } from '../support/text.js';

type Get = (path: string) => Promise<{ status: number; html: string }>;
interface Served {
  live: Get;
  preview: Get;
  dir: string;
}

const between = (html: string, start: RegExp, end: string) => {
  const from = html.search(start);
  return from < 0 ? '' : html.slice(from, html.indexOf(end, from));
};
const header = (html: string) => between(html, /<nav class="nhsuk-header__navigation"/, '</nav>');
const footer = (html: string) => between(html, /<footer/, '</footer>');
const cards = (html: string) => between(html, /<h2[^>]*>The help on offer<\/h2>/, '</ul>');

const SHOWN: Record<keyof typeof fields, (site: Served) => Promise<void>> = {
  async title({ live }) {
    const { html } = await live('/specialist');
    expect(html).toMatch(/<h1[^>]*>Specialist quokka support<\/h1>/);
    expect(html).toMatch(/<title>Specialist quokka support - /);
  },
  async description({ live }) {
    expect((await live('/specialist')).html).toContain('<meta name="description" content="Help with a quokka in its description.">');
    const home = (await live('/')).html;
    expect(home).toMatch(/<p class="nhsuk-lede-text">The home page of a small test site, with a wombat in its lead\.<\/p>/);
    expect(visibleText(cards(home))).toContain('Help with a quokka in its description.');
    expect(visibleText((await live('/search?q=quokka')).html)).toContain('Help with a quokka in its description.');
  },
  async layout({ live }) {
    const home = (await live('/')).html;
    expect(cards(home)).toContain('href="/specialist"');
    expect(cards(home)).not.toContain('href="/action"');
    expect(visibleText(home)).toContain('Find the aardvark task');
  },
  async order({ live }) {
    const links = [...header((await live('/action')).html).matchAll(/href="(\/[a-z]*)"/g)].map((m) => m[1]);
    expect(links).toEqual(['/about', '/specialist', '/universal']); // orders 1, 2, 3
  },
  async navTitle({ live }) {
    expect(header((await live('/about')).html)).toMatch(/<a class="nhsuk-header__navigation-link" href="\/specialist">Quokka link<\/a>/);
  },
  async footer({ live }) {
    const links = footer((await live('/about')).html);
    expect(links).toMatch(/href="\/specialist">Quokka link<\/a>/);
    expect(links).not.toContain('/universal');
  },
  async lastReviewed({ live }) {
    expect(visibleText((await live('/specialist')).html)).toContain('Page last reviewed: 4 March 2026');
  },
  async nextReview({ live }) {
    expect(visibleText((await live('/specialist')).html)).toContain('Next review due: 6 May 2099');
  },
  async draft({ live, preview }) {
    expect((await live('/wip')).status).toBe(404);
    const { status, html } = await preview('/wip');
    expect(status).toBe(200);
    expect(visibleText(html)).toMatch(/Draft This page is a draft and is not on the live site\. Draft axolotl page/);
  },
  async tier({ live }) {
    // Universal comes first although its `order` is higher.
    const order = [...cards((await live('/')).html).matchAll(/href="(\/[a-z]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['/universal', '/specialist']);
  },
  async whoFor({ live }) {
    const text = visibleText(cards((await live('/')).html));
    expect(text).toContain('Help with a quokka in its description. Who it is for: Children who draw quokkas');
    expect(text).toContain('Who it is for: All children who like numbats');
  },
  async referralNeeded({ dir }) {
    // For editors only: the other value changes no page.
    const before = await everyPage(dir);
    const file = join(dir, 'specialist.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('referralNeeded: true', 'referralNeeded: false'));
    expect(await everyPage(dir)).toEqual(before);
  },
  async actionLink({ live }) {
    expect(between((await live('/action')).html, /<a class="nhsuk-action-link"/, '</a>')).toMatch(
      /href="\/about"[\s\S]*Go to the narwhal page/,
    );
  },
  async tasks({ live }) {
    const home = (await live('/')).html;
    const card = between(home, /<h2 class="nhsuk-u-visually-hidden">What do you want to do\?<\/h2>/, '</ul>');
    expect(card).toContain('href="/about"');
    expect(visibleText(card)).toContain('Find the aardvark task A task with an okapi in its description.');
  },
};

/** Every page of a fresh live build of `dir`, by address. */
async function everyPage(dir: string): Promise<Record<string, string>> {
  const app = await startApp({ contentDir: dir });
  try {
    return Object.fromEntries([...app.build.rendered.pages].map(([path, page]) => [path, page.identity.toString('utf8')]));
  } finally {
    await app.close();
  }
}

const getter =
  (origin: string): Get =>
  async (path) => {
    const res = await fetch(`${origin}${path}`);
    return { status: res.status, html: await res.text() };
  };

describe('each field shows where CONTENT.md says', async () => {
  const dir = await fixtureSite('guide');
  const [live, preview] = await Promise.all([startApp({ contentDir: dir }), startApp({ contentDir: dir, includeDrafts: true })]);
  const served: Served = { live: getter(live.origin), preview: getter(preview.origin), dir };
  const guide = await readFile(join(ROOT, 'CONTENT.md'), 'utf8');

  it.each(Object.keys(fields) as (keyof typeof fields)[])('%s', async (name) => {
    const { help } = fields[name];
    expect(guide).toContain(whereItShows(help));
    await SHOWN[name](served);
  });

  it('every field the guide calls "for editors only" says so plainly, and nothing else does', () => {
    for (const { help } of Object.values(fields) as { help: FieldHelp }[]) {
      expect(whereItShows(help).startsWith('**For editors only:**')).toBe(help.editorsOnly === true);
      if (help.editorsOnly) expect(help.shows).toMatch(/^Nowhere/);
    }
  });
});
