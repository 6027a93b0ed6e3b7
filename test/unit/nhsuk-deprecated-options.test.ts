/**
 * No nhsuk-frontend macro is called with an option its own records mark deprecated. The
 * records are the package's `macro-options.json` files (one per component, each option with
 * the version that added it and, when it is on its way out, the one that deprecated it);
 * the calls are every `macroName({ ... })` in views/ and src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NHSUK_DIST } from '../../src/render/environment.js';
import { ROOT } from '../support/app.js';

interface MacroOption {
  name: string;
  deprecated?: string;
  description?: string;
  params?: MacroOption[];
}

const COMPONENTS = join(NHSUK_DIST, 'nhsuk', 'components');

/** Macro name → deprecated option path (`search.visuallyHiddenLabel`) → what replaces it. */
function deprecatedOptions(): Map<string, Map<string, string>> {
  const macros = new Map<string, Map<string, string>>();
  for (const component of readdirSync(COMPONENTS)) {
    let options: MacroOption[];
    let macroFile: string;
    try {
      options = JSON.parse(readFileSync(join(COMPONENTS, component, 'macro-options.json'), 'utf8')) as MacroOption[];
      macroFile = readFileSync(join(COMPONENTS, component, 'macro.njk'), 'utf8');
    } catch {
      continue; // not a component with a macro
    }
    const name = /\{%-?\s*macro\s+(\w+)\(/.exec(macroFile)?.[1];
    if (!name) continue;
    const deprecated = new Map<string, string>();
    const walk = (list: MacroOption[], prefix: string) => {
      for (const option of list) {
        if (option.deprecated) deprecated.set(prefix + option.name, `deprecated in ${option.deprecated}: ${option.description ?? ''}`);
        if (option.params) walk(option.params, `${prefix}${option.name}.`);
      }
    };
    walk(options, '');
    macros.set(name, deprecated);
  }
  return macros;
}

/**
 * The option paths of an object literal starting at `text[start]` (a `{`): nested objects
 * add to the path, arrays do not (`items: [{ text }]` gives `items` and `items.text`).
 */
function optionPaths(text: string, start: number): string[] {
  const paths: string[] = [];
  let i = start;
  const space = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const skipString = () => {
    const quote = text[i++];
    while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipOther = () => {
    let depth = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"' || c === "'" || c === '`') skipString();
      else if (depth === 0 && (c === ',' || c === '}' || c === ']')) return;
      else {
        if (c === '(' || c === '[' || c === '{') depth++;
        if (c === ')' || c === ']' || c === '}') depth--;
        i++;
      }
    }
  };
  const value = (prefix: string) => {
    space();
    if (text[i] === '{') object(prefix);
    else if (text[i] === '[') array(prefix);
    else skipOther();
  };
  const array = (prefix: string) => {
    i++;
    for (space(); i < text.length && text[i] !== ']'; space()) {
      value(prefix);
      space();
      if (text[i] === ',') i++;
    }
    i++;
  };
  const object = (prefix: string) => {
    i++;
    for (space(); i < text.length && text[i] !== '}'; space()) {
      let key: string | undefined;
      if (text[i] === '"' || text[i] === "'") {
        const from = i + 1;
        skipString();
        key = text.slice(from, i - 1);
      } else {
        key = /^[\w$]+/.exec(text.slice(i))?.[0];
        if (key) i += key.length;
        else skipOther(); // a spread or anything else that is not a plain key
      }
      space();
      if (key) paths.push(prefix + key);
      if (key && text[i] === ':') {
        i++;
        value(`${prefix}${key}.`);
      }
      space();
      if (text[i] === ',') i++;
    }
    i++;
  };
  object('');
  return paths;
}

/** Every call of a known macro with a deprecated option, as `file:line macro option (why)`. */
function deprecatedUses(file: string, text: string, macros: Map<string, Map<string, string>>): string[] {
  const found: string[] = [];
  for (const [name, deprecated] of macros) {
    for (const match of text.matchAll(new RegExp(`\\b${name}\\(\\s*\\{`, 'g'))) {
      const start = match.index + match[0].length - 1;
      const line = text.slice(0, match.index).split('\n').length;
      for (const path of optionPaths(text, start)) {
        const why = deprecated.get(path);
        if (why) found.push(`${file}:${line} ${name}({ ${path} }) is ${why}`);
      }
    }
  }
  return found;
}

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('nhsuk-frontend macro options', () => {
  const macros = deprecatedOptions();

  it('the records are read: the options this test exists for are in them', () => {
    expect(macros.get('details')?.has('summaryText')).toBe(true);
    expect(macros.get('errorSummary')?.has('titleText')).toBe(true);
    expect(macros.get('errorSummary')?.has('descriptionText')).toBe(true);
    expect(macros.get('card')?.has('headingLevel')).toBe(true);
    expect(macros.get('header')?.has('search.visuallyHiddenLabel')).toBe(true);
  });

  it('finds a deprecated option wherever it is in a call, and only there', () => {
    const sample = [
      "{{ details({ summaryText: 'x', html: y }) }}",
      '{{ header({ service: { text: "a" }, search: { action: "/search", visuallyHiddenLabel: "Search" } }) }}',
      "errorSummary({ heading: { text: t }, errorList: [{ text: 'titleText: not a key' }], 'descriptionText': d })",
      '{{ card({ heading: { text: t, level: 3 } }) }}',
    ].join('\n');
    expect(
      deprecatedUses('sample', sample, macros)
        .map((use) => use.split(' is ')[0])
        .sort(),
    ).toEqual([
      'sample:1 details({ summaryText })',
      'sample:2 header({ search.visuallyHiddenLabel })',
      'sample:3 errorSummary({ descriptionText })',
    ]);
  });

  it('views/ and src/ use none that nhsuk-frontend marks deprecated', () => {
    const files = [...filesUnder(join(ROOT, 'views'), '.njk'), ...filesUnder(join(ROOT, 'src'), '.ts')];
    expect(files.length).toBeGreaterThan(10);
    const uses = files.flatMap((file) => deprecatedUses(relative(ROOT, file), readFileSync(file, 'utf8'), macros));
    expect(uses).toEqual([]);
  });
});
