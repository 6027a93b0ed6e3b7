/**
 * YAML mistakes restated in words an editor understands. The parser says "Nested mappings
 * are not allowed in compact mappings"; an editor needs "a colon inside a value needs the
 * value in quotes" and the line to change. Only the first error of a file is explained:
 * one slip often makes the parser report several, and the later ones follow from it.
 * The parser's own words are kept as the detail.
 */
export interface YamlSlip {
  /** 1-based line of the text on which the editor should look. */
  line: number;
  /** What is wrong, in plain words (lower case, no full stop: it ends a sentence). */
  message: string;
  fix: string;
  /** The parser's text. */
  detail: string;
}

/** The parts of an error from the `yaml` package (or an alias it could not resolve) this needs. */
export interface YamlError {
  code: string;
  message: string;
  /** Offset into the text where the parser noticed the problem. */
  pos?: readonly [number, number];
}

/** `title: About: us` (or `- fact: …` in a list) → its indent, the field name and its value. */
const FIELD = /^(\s*(?:-\s+)?)([A-Za-z][\w-]*)\s*:[ \t]*(.*)$/;

const LINED_UP =
  'Each field starts at the beginning of its line, lined up with the fields around it; only the lines under ' +
  'another field (such as `text:` and `href:` under `actionLink:`) start with 2 spaces.';

export function explainYamlError(text: string, error: YamlError): YamlSlip {
  const lines = text.split('\n');
  const at = error.pos ? text.slice(0, error.pos[0]).split('\n').length : 1;
  const lineText = (n: number) => lines[n - 1] ?? '';
  const detail = `${error.message.split('\n')[0]!.replace(/:$/, '')} (${error.code})`;
  const slip = (line: number, message: string, fix: string): YamlSlip => ({ line, message, fix, detail });
  const field = FIELD.exec(lineText(at));

  if (error.code === 'DUPLICATE_KEY' && field) {
    const first = lines.findIndex((l) => FIELD.exec(l)?.[2] === field[2] && FIELD.exec(l)?.[1] === field[1]) + 1;
    return slip(
      at,
      `the field \`${field[2]}\` is written twice (also on line ${first})`,
      'Each field may appear only once. Delete the line you do not want.',
    );
  }
  if (error.code === 'TAB_AS_INDENT' || /^ *\t/.test(lineText(at))) {
    return slip(at, 'the line starts with a tab', `Replace the tab with spaces. ${LINED_UP}`);
  }
  if (error.code === 'MISSING_CHAR' && /closing (["'])quote/.test(error.message)) {
    const quote = /closing (["'])quote/.exec(error.message)![1]!;
    const opened = lastLineBefore(lines, at, (l) => FIELD.exec(l)?.[3]?.startsWith(quote) ?? false);
    return slip(
      opened,
      `the value starts with a quote mark (${quote}) that is never closed`,
      `Add the closing ${quote} at the end of the value on this line, or delete the opening one.`,
    );
  }
  if (/end with a \]/.test(error.message)) {
    const opened = lastLineBefore(lines, at, (l) => l.includes('['));
    return slip(opened, 'a list in square brackets is not closed', 'Add `]` at the end of the list, for example `pages: [contact.md, referral.md]`.');
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && field && /:(\s|$)/.test(field[3]!)) {
    return slip(
      at,
      'a colon inside a value needs the value in quotes',
      `Put the value in double quotes: \`${field[1]}${field[2]}: "${field[3]!.trim().replace(/"/g, '\\"')}"\`.`,
    );
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' || (error.code === 'MULTILINE_IMPLICIT_KEY' && /^\s+\S/.test(lineText(at + 1)))) {
    return slip(at + 1, 'this line starts with spaces, so it is read as part of the field above it', `Delete the spaces at the start of the line. ${LINED_UP}`);
  }
  if (error.code === 'MULTILINE_IMPLICIT_KEY' && /^\s*[A-Za-z][\w-]*:\S/.test(lineText(at))) {
    return slip(at, 'a colon needs a space after it', 'Write the field as `name: value`, with a space after the colon.');
  }
  if (error.code === 'BAD_INDENT') {
    return slip(at, 'this line is not lined up with the fields above it', LINED_UP);
  }
  if (field && /^[*&@`!%]/.test(field[3]!)) {
    return slip(
      at,
      `a value cannot start with ${field[3]!.charAt(0)} unless it is in quotes`,
      `Put the value in double quotes: \`${field[1]}${field[2]}: "${field[3]!.trim()}"\`.`,
    );
  }
  if (error.code === 'UNEXPECTED_TOKEN' && field && /^["'[{]/.test(field[3]!)) {
    return slip(
      at,
      'there is more text after the closing quote mark or bracket',
      'Put the whole value in double quotes, for example `title: "[Draft] About us"`. Inside double quotes, an apostrophe is fine.',
    );
  }
  return slip(
    at,
    'this line, or the one above it, is not written as `name: value`',
    'Write each field on its own line as `name: value`, with a space after the colon. ' +
      'Put a value that contains a colon, or starts with a quote mark or a bracket, inside double quotes.',
  );
}

/** An alias (`*name`) the parser could not resolve is thrown, without a position: find its line. */
export function unresolvedAlias(text: string, thrown: unknown): YamlError {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const offset = text.search(/:[ \t]+\*/);
  return { code: 'ALIAS', message, pos: offset < 0 ? undefined : [offset, offset] };
}

function lastLineBefore(lines: readonly string[], at: number, test: (line: string) => boolean): number {
  for (let n = Math.min(at, lines.length); n >= 1; n--) if (test(lines[n - 1]!)) return n;
  return at;
}
