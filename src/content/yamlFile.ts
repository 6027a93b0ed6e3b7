/**
 * Reads a plain YAML data file from the content folder (site.yml, gaps.yml) and validates
 * it against a schema, naming the line of each problem.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { error, type Problem } from './problem.js';

export function parseYamlFile<T extends z.ZodType>(
  file: string,
  source: string,
  schema: T,
  fix: string,
): { value?: z.infer<T>; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) =>
        error({ file, line: lineCounter.linePos(e.pos[0]).line, message: `Not valid YAML: ${e.message.split(' at line')[0]}`, fix }),
      ),
    };
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { value: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) => {
      const node = doc.getIn(issue.path, true) as { range?: [number, number, number] } | undefined;
      const line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
      const where = issue.path.length ? `\`${issue.path.join('.')}\` ` : '';
      return error({ file, line, field: issue.path.join('.') || undefined, message: `${where}${issue.message}.`, fix });
    }),
  };
}
