/**
 * Answers in web addresses outlive the flow that offered them: families save and share
 * `/could-ot-help?age=under-5&hard=dressing`. So every answer value the flow has offered is
 * recorded in content/flow-answers.yml (`npm run content:check` adds new ones), and a
 * recorded value that the flow no longer offers must be listed under its question's
 * `retired:`, with `now:` naming the answer that replaced it, or none to ask the question
 * again. Otherwise the checker names the addresses it breaks.
 */
import { stringify } from 'yaml';
import type { FlowAnswers, FlowSource, PublishedAnswers, Question } from './flowSchema.js';
import type { Problem } from '../../content/problem.js';

export const ANSWERS_FILE = 'flow-answers.yml';

type LineAt = (...path: (string | number)[]) => number;
type MakeProblem = (line: number, message: string, fix: string) => Problem;

/** The answers a family gives to reach `target` from the first question, or undefined if none does. */
function answersTo(flow: FlowSource, target: string): [string, string][] | undefined {
  const walk = (id: string | undefined, trail: [string, string][]): [string, string][] | undefined => {
    if (id === target) return trail;
    const question = flow.questions.find((q) => q.id === id);
    if (!question) return undefined;
    if (question.type === 'checkboxes') {
      const option = question.options.find((o) => !o.exclusive) ?? question.options[0]!;
      return walk(question.next, [...trail, [question.id, option.value]]);
    }
    for (const option of question.options) {
      const found = walk(option.next, [...trail, [question.id, option.value]]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(flow.questions[0]?.id, []);
}

/** An address that holds `value` as the answer to `question`: the answers before it, then it. */
export function addressWith(flow: FlowSource, path: string, question: string, value: string): string {
  const before = answersTo(flow, question) ?? [];
  return `${path}?${new URLSearchParams([...before, [question, value]]).toString()}`;
}

/** `published`: the answers this flow (asked at `path`) has offered, from content/flow-answers.yml. */
export function checkRetired(flow: FlowSource, path: string, published: FlowAnswers, lineAt: LineAt, problem: MakeProblem): Problem[] {
  const problems: Problem[] = [];
  flow.questions.forEach((question, q) => {
    const offered = question.options.map((o) => o.value);
    (question.retired ?? []).forEach((old, r) => {
      if (offered.includes(old.value)) {
        problems.push(
          problem(
            lineAt('questions', q, 'retired', r, 'value'),
            `The answer "${old.value}" of "${question.id}" is under \`retired:\`, but it is still offered.`,
            'Delete it from `retired:` while the question offers it.',
          ),
        );
      }
      if (old.now !== undefined && !offered.includes(old.now)) {
        problems.push(
          problem(
            lineAt('questions', q, 'retired', r, 'now'),
            `The retired answer "${old.value}" of "${question.id}" leads to "${old.now}", which "${question.id}" does not offer.`,
            `Use one of: ${offered.join(', ')}; or delete \`now:\` to ask the question again.`,
          ),
        );
      }
    });
  });

  for (const [id, values] of Object.entries(published)) {
    const q = flow.questions.findIndex((question) => question.id === id);
    const question: Question | undefined = flow.questions[q];
    if (!question) {
      problems.push(
        problem(
          1,
          `The question "${id}" is gone, which breaks the addresses families may have saved or shared that answer it, such as ${path}?${id}=${values[0] ?? ''}.`,
          `Put the question back with the id "${id}": change its words, not its id.`,
        ),
      );
      continue;
    }
    const kept = new Set([...question.options.map((o) => o.value), ...(question.retired ?? []).map((r) => r.value)]);
    for (const value of values.filter((v) => !kept.has(v))) {
      const offered = question.options.map((o) => o.value).join(', ');
      problems.push(
        problem(
          lineAt('questions', q, 'options'),
          `The answer "${value}" of "${id}" is gone (renamed or deleted), which breaks the addresses families may have saved or shared that hold it, such as ${addressWith(flow, path, id, value)}.`,
          `Put it back, or list it under \`retired:\` of "${id}" as \`- value: ${value}\` with \`now:\` naming the answer that replaced it (one of ${offered}), so those addresses lead there; without \`now:\` they ask the question again.`,
        ),
      );
    }
  }
  return problems;
}

/** The record with the values the flows offer now added; the same object if there are none to add. */
export function withOffered(
  flows: Iterable<{ path: string; questions: readonly Question[] }>,
  published: PublishedAnswers,
): PublishedAnswers {
  const next: Record<string, Record<string, string[]>> = { ...published };
  let added = false;
  for (const flow of flows) {
    const answers = { ...next[flow.path] };
    for (const question of flow.questions) {
      const known = answers[question.id] ?? [];
      const fresh = question.options.map((o) => o.value).filter((value) => !known.includes(value));
      if (fresh.length) {
        answers[question.id] = [...known, ...fresh];
        added = true;
      }
    }
    next[flow.path] = answers;
  }
  return added ? next : published;
}

/** content/flow-answers.yml, as the checker writes it. */
export function formatAnswersFile(published: PublishedAnswers): string {
  return [
    '# Every answer value the questions have offered, by the address they are asked at, then by',
    '# question: families save and share addresses that hold them. Written by',
    '# `npm run content:check`; do not edit it.',
    '# To stop offering an answer, list it under `retired:` in its flow file (see CONTENT.md).',
    stringify(published).trimEnd(),
    '',
  ].join('\n');
}
