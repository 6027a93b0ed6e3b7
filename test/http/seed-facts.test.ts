/**
 * Every fact of the service's own page is on the page of the site where it belongs, and no
 * page gives a contact detail the site does not declare. The facts are this test's own data
 * (test/fixtures/seed-facts.yml), checked by their key words so that the pages can be
 * reworded freely but not lose a fact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildOptions, CONTENT_DIR, FIXTURES, startSharedApp } from '../support/app.js';
import { visibleText } from '../support/text.js';

interface Fact {
  fact: string;
  words: string[];
}
interface SeedFacts {
  contact: { phones: string[]; emails: string[]; websites: string[] };
  pages: Record<string, Fact[]>;
}

const SEED = parse(readFileSync(join(FIXTURES, 'seed-facts.yml'), 'utf8')) as SeedFacts;
const FACTS = Object.entries(SEED.pages).flatMap(([path, facts]) => facts.map((fact) => [path, fact.fact, fact.words] as const));

/** Lower case, one kind of quote, dash and space, and "and" for "&", so wording may vary. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑–—]/g, '-')
    .replace(/&/g, ' and ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A key word as a pattern: any of its "a | b" alternatives, starting a word; a number must end too. */
function keyWord(word: string): RegExp {
  const alternatives = word.split('|').map((alternative) => {
    const words = normalise(alternative).split(' ');
    const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
    return /\d$/.test(alternative.trim()) ? `${escaped}(?!\\d)` : escaped;
  });
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'u');
}

const PHONE = /(?<![\d+])(?:\+44\s?|0)\d(?:[\s-]?\d){8,9}(?!\d)/g;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/g;
const digits = (phone: string) => phone.replace(/\D/g, '').replace(/^44/, '0');

/** Every string in a parsed YAML file. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

interface Served {
  html: string;
  /** Everything a reader sees, header and footer included. */
  text: string;
  /** The words of the page's main content, normalised. */
  main: string;
}

let pages: Map<string, Served>;
let declared: { phones: string[]; emails: string[]; websites: string[] };
beforeAll(async () => {
  const { app, build } = await startSharedApp();
  pages = new Map();
  for (const path of build.rendered.pages.keys()) {
    const html = (await request(app).get(path)).text;
    const main = /<main\b[^>]*>([^]*)<\/main>/.exec(html)?.[1] ?? '';
    pages.set(path, { html, text: visibleText(html), main: normalise(visibleText(main)) });
  }
  // Read as the file is written, whatever shape its settings take (the app validates them).
  const settings = strings(parse(readFileSync(join(CONTENT_DIR, 'site.yml'), 'utf8')));
  declared = {
    phones: settings.flatMap((value) => value.match(PHONE) ?? []).map(digits),
    emails: settings.flatMap((value) => value.match(EMAIL) ?? []),
    websites: settings.filter((value) => /^https?:\/\//.test(value)),
  };
});

describe('the facts of the service page', () => {
  it.each(FACTS)('%s carries "%s"', (path, _fact, words) => {
    const page = pages.get(path);
    expect(page, `${path} is not a page of the site`).toBeDefined();
    expect(
      words.filter((word) => !keyWord(word).test(page!.main)),
      `key words missing from the main content of ${path}`,
    ).toEqual([]);
  });

  it('key words match reworded text but not a lost fact', () => {
    expect(keyWord('knife and fork').test(normalise('Knife & fork skills'))).toBe(true);
    expect(keyWord('discharge').test('your child is discharged')).toBe(true);
    expect(keyWord('1 day a week | one day a week').test('staff are here one day a week')).toBe(true);
    expect(keyWord('18').test('from birth to 180')).toBe(false);
    expect(keyWord('term').test('determined')).toBe(false);
  });
});

describe('no contact detail the site does not declare', () => {
  it("content/site.yml declares the source's contact details, and only those", () => {
    expect(declared.phones).toEqual(SEED.contact.phones.map(digits));
    expect(declared.emails).toEqual(SEED.contact.emails);
    expect(declared.websites).toEqual(SEED.contact.websites);
  });

  it('every phone number on the site is one the site declares', () => {
    for (const [path, { text, html }] of pages) {
      const links = [...html.matchAll(/href="tel:([^"]*)"/g)].map((m) => m[1]!);
      for (const phone of [...(text.match(PHONE) ?? []), ...links])
        expect(declared.phones, `${path} has ${phone}`).toContain(digits(phone));
    }
  });

  it('every email address on the site is one the site declares', () => {
    for (const [path, { text, html }] of pages) {
      const links = [...html.matchAll(/href="mailto:([^"?]*)/g)].map((m) => m[1]!);
      for (const email of [...(text.match(EMAIL) ?? []), ...links]) expect(declared.emails, `${path} has ${email}`).toContain(email);
    }
  });

  it('no page links to another website, other than one the site declares', () => {
    const own = new URL(buildOptions().siteUrl).origin;
    for (const [path, { html }] of pages) {
      const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      const elsewhere = hrefs.filter(
        (href) =>
          (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) &&
          !/^(tel|mailto):/i.test(href) &&
          !href.startsWith(own + '/') &&
          !declared.websites.some((website) => href.startsWith(website)),
      );
      expect(elsewhere, path).toEqual([]);
    }
  });

  it('the slip on the source page ("Speech and Language Therapy" queries) is not repeated', () => {
    for (const [path, { text }] of pages) expect(text, path).not.toMatch(/queries (in relation to|about) Speech and Language Therapy/i);
  });
});
