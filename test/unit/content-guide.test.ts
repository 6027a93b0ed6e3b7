/**
 * CONTENT.md, the editor's guide, lists every front matter field from the schema itself,
 * so it cannot drift from what the server accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldSection, updateGuide } from '../../src/content/fieldDocs.js';
import { fields } from '../../src/content/schema.js';
import { ROOT } from '../support/app.js';

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

  it('is linked from the README, with the preview and checker commands', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('](CONTENT.md)');
    expect(readme).toContain('npm run dev');
    expect(readme).toContain('npm run content:check');
  });
});
