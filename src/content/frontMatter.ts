/**
 * Splits a Markdown file into front matter and body (gray-matter), parsing the YAML with
 * `yaml` so that every field and every syntax error can be traced to a line of the file.
 * Dates stay plain `YYYY-MM-DD` strings: the YAML 1.2 core schema has no timestamp type.
 */
import matter from 'gray-matter';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { error, type Problem } from './problem.js';

export interface SplitFile {
  data: Record<string, unknown>;
  body: string;
  /** Line of the file on which the body starts (1-based). */
  bodyLine: number;
  /** Line of the file holding a front matter field, or the opening `---` if it is absent. */
  lineOf: (path: readonly PropertyKey[]) => number;
  problems: Problem[];
}

/**
 * gray-matter hands the engine the text after the opening `---`, including that line's
 * newline, so line N of the YAML is line N of the file.
 */
const FRONT_MATTER_FIRST_LINE = 1;

export function splitFile(file: string, source: string): SplitFile {
  const lineCounter = new LineCounter();
  let doc: Document | undefined;
  const problems: Problem[] = [];

  const parsed = matter(source, {
    // Passing options also turns off gray-matter's content cache, which would return
    // stale results on reload.
    engines: {
      yaml: (text: string) => {
        doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
        return doc.errors.length ? {} : ((doc.toJS() as unknown) ?? {});
      },
    },
  });

  const fileLine = (offset: number): number => lineCounter.linePos(offset).line + FRONT_MATTER_FIRST_LINE - 1;

  for (const yamlError of doc?.errors ?? []) {
    problems.push(
      error({
        file,
        line: fileLine(yamlError.pos[0]),
        message: `The front matter is not valid YAML: ${yamlError.message.split(' at line')[0]}`,
        fix:
          yamlError.code === 'DUPLICATE_KEY'
            ? 'Each field may appear only once. Delete the repeated line.'
            : 'Check this line and the one before it: each field is written `name: value`, with a space after the colon. ' +
              'Put text that contains a colon, or starts with a quote or a bracket, inside double quotes.',
      }),
    );
  }

  if (!doc && source.trim().length > 0) {
    problems.push(
      error({
        file,
        line: 1,
        message: 'The file has no front matter.',
        fix: 'Start the file with a line `---`, then the fields (title, description, order, lastReviewed, nextReview), then another `---`.',
      }),
    );
  }

  const data = parsed.data;
  const isRecord = typeof data === 'object' && data !== null && !Array.isArray(data);
  if (doc && !doc.errors.length && !isRecord) {
    problems.push(
      error({
        file,
        line: 2,
        message: 'The front matter is not a list of fields.',
        fix: 'Write each field on its own line as `name: value`.',
      }),
    );
  }

  const bodyLine = source.split('\n').length - parsed.content.split('\n').length + 1;

  return {
    data: isRecord ? (data) : {},
    body: parsed.content,
    bodyLine,
    problems,
    lineOf(path) {
      // The line of the deepest key on the path that exists; the opening `---` if none does.
      let line = 1;
      let node: unknown = doc?.contents;
      for (const segment of path) {
        if (!isMap(node)) break;
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair || !isScalar(pair.key) || !pair.key.range) break;
        line = fileLine(pair.key.range[0]);
        node = pair.value;
      }
      return line;
    },
  };
}
