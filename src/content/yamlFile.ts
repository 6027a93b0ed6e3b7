/**
 * Reads a plain YAML data file from the content folder (site.yml, gaps.yml) and validates
 * it against a schema, naming the line of each problem.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { error, type Problem } from './problem.js';
import { explainYamlError, unresolvedAlias } from './yamlErrors.js';

export function parseYamlFile<T extends z.ZodType>(
  file: string,
  source: string,
  schema: T,
  fix: string,
): { value?: z.infer<T>; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  let data: unknown;
  try {
    if (doc.errors[0]) throw doc.errors[0];
    data = doc.toJS();
  } catch (thrown) {
    // Only the first error: the parser's later ones usually follow from it.
    const slip = explainYamlError(source, doc.errors[0] ?? unresolvedAlias(source, thrown));
    return {
      problems: [
        error({ file, line: slip.line, message: `The file cannot be read: ${slip.message}.`, fix: `${slip.fix} ${fix}`, detail: slip.detail, wholeFile: true }),
      ],
    };
  }
  const result = schema.safeParse(data);
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
