/**
 * Splits a Markdown file into front matter and body (gray-matter), parsing the YAML with
 * `yaml` so that every field and every syntax error can be traced to a line of the file.
 * Dates stay plain `YYYY-MM-DD` strings: the YAML 1.2 core schema has no timestamp type.
 */
import matter from 'gray-matter';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { error, type Problem } from './problem.js';
import { explainYamlError, unresolvedAlias, type YamlError } from './yamlErrors.js';

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
  let yamlText = '';
  let yamlError: YamlError | undefined;
  const problems: Problem[] = [];

  const parsed = matter(source, {
    // Passing options also turns off gray-matter's content cache, which would return
    // stale results on reload.
    engines: {
      yaml: (text: string) => {
        yamlText = text;
        doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
        yamlError = doc.errors[0];
        if (yamlError) return {};
        try {
          return (doc.toJS() as unknown) ?? {};
        } catch (thrown) {
          yamlError = unresolvedAlias(text, thrown);
          return {};
        }
      },
    },
  });

  const fileLine = (offset: number): number => lineCounter.linePos(offset).line + FRONT_MATTER_FIRST_LINE - 1;

  if (yamlError) {
    // Only the first error: the parser's later ones usually follow from it.
    const slip = explainYamlError(yamlText, yamlError);
    problems.push(
      error({
        file,
        line: slip.line + FRONT_MATTER_FIRST_LINE - 1,
        message: `The fields at the top of the file cannot be read: ${slip.message}.`,
        fix: slip.fix,
        detail: slip.detail,
        wholeFile: true,
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
        wholeFile: true,
      }),
    );
  }

  const data = parsed.data;
  const isRecord = typeof data === 'object' && data !== null && !Array.isArray(data);
  if (doc && !yamlError && !isRecord) {
    problems.push(
      error({
        file,
        line: 2,
        message: 'The front matter is not a list of fields.',
        fix: 'Write each field on its own line as `name: value`.',
        wholeFile: true,
      }),
    );
  }

  // The body is the end of the file: it starts after the newlines that come before it
  // (counted, not split into lines: a build does this for every page).
  const bodyLine = countNewlines(source, 0, source.length - parsed.content.length) + 1;

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

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
