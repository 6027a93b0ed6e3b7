/**
 * A problem found in the content: a value with a file, a line and words for an editor.
 * Problems are collected and printed together, never thrown one at a time.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Path relative to the content folder, like `referral.md`. */
  file: string;
  /** 1-based line in the file, when one can be named. */
  line?: number;
  /** The front matter field concerned, if any. */
  field?: string;
  /** What is wrong. */
  message: string;
  /** How to put it right. */
  fix: string;
  /** The parser's own words, kept for whoever needs them (the message says it plainly). */
  detail?: string;
  /**
   * The whole file could not be used (unreadable, or its front matter unparseable). Such a
   * problem is listed first, and problems that only follow from it are left out.
   */
  wholeFile?: boolean;
}

export const error = (p: Omit<Problem, 'severity'>): Problem => ({ severity: 'error', ...p });
export const warning = (p: Omit<Problem, 'severity'>): Problem => ({ severity: 'warning', ...p });

export const hasErrors = (problems: readonly Problem[]): boolean => problems.some((p) => p.severity === 'error');

export function location(p: Problem): string {
  return p.line ? `${p.file}:${p.line}` : p.file;
}

/** One line per problem, for logs and terminals. */
export function formatProblem(p: Problem): string {
  const field = p.field ? ` [${p.field}]` : '';
  const detail = p.detail ? `\n    Detail: ${p.detail}` : '';
  return `${location(p)}${field} ${p.severity}: ${p.message}\n    Fix: ${p.fix}${detail}`;
}

/** Files that could not be used come first (they are the root causes); then by file and line. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const unusable = new Set(problems.filter((p) => p.wholeFile).map((p) => p.file));
  return [...problems].sort(
    (a, b) =>
      Number(unusable.has(b.file)) - Number(unusable.has(a.file)) ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.message.localeCompare(b.message),
  );
}
