/**
 * Replays the answers in a question flow's query string. The app keeps no state: the web
 * address holds every answer, one parameter per question, in the order of the questions
 * (checkbox answers in the order of their options), so each page has one address that
 * caches can keep. An answer that is given but not in that form is sent on to the address
 * that is; what cannot be an answer at all is refused.
 *
 * An answer the flow has retired (flow.yml's `retired:`) is sent on to the answer that
 * replaced it, or back to its question when none did: addresses families saved still work.
 *
 * Each question's Continue button sends `asked=<question>` with the choices, so that
 * "nothing chosen" (`?asked=age`) differs from "not asked yet" (`/could-ot-help`). It is
 * never part of an answer's address.
 */
import type { Flow, FlowOutcome } from './flow.js';
import type { Option, Question } from './flowSchema.js';

export interface Answer {
  question: Question;
  chosen: Option[];
}

export type FlowStep =
  /** Ask `question`; `error` when the answer sent was missing or not one of its options (`chosen`: the values sent). */
  | { kind: 'question'; question: Question; answers: Answer[]; error?: string; chosen?: string[] }
  | { kind: 'outcome'; outcome: FlowOutcome; answers: Answer[] }
  /** The same answers, at their one address. */
  | { kind: 'redirect'; location: string }
  /** Parameters that no form of the flow sends: a 400. */
  | { kind: 'refused' };

/** The address of the page that follows these answers. */
export function addressFor(flow: Flow, answers: readonly Answer[]): string {
  const query = new URLSearchParams();
  for (const { question, chosen } of answers) for (const option of chosen) query.append(question.id, option.value);
  const search = query.toString();
  return search ? `${flow.path}?${search}` : flow.path;
}

/** The parameter the Continue button sends, naming the question its form asked. */
export const ASKED = 'asked';

/**
 * The most parameters any form of the flow sends: every option of every question once, and
 * `asked`. An address with more is refused before its parameters are read as answers.
 */
export function maxParameters(flow: Flow): number {
  return 1 + flow.questions.reduce((count, question) => count + question.options.length, 0);
}

export function stepFor(flow: Flow, search: string): FlowStep {
  const params = new URLSearchParams(search);
  if (params.size > maxParameters(flow)) return { kind: 'refused' };
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) {
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }
  const asked = byName.get(ASKED);
  byName.delete(ASKED);
  if ((asked?.length ?? 0) > 1) return { kind: 'refused' };
  if ([...byName.keys()].some((name) => !flow.questions.some((q) => q.id === name))) return { kind: 'refused' };

  const here = search ? `${flow.path}?${search}` : flow.path;
  const settled = (step: FlowStep & { answers: Answer[] }): FlowStep => {
    const location = addressFor(flow, step.answers);
    return location === here ? step : { kind: 'redirect', location };
  };
  const answers: Answer[] = [];
  let question: Question | undefined = flow.questions[0];
  while (question) {
    const given = byName.get(question.id);
    byName.delete(question.id);
    const values = given && withoutRetired(question, given);
    // Every answer given was retired with nothing in its place: ask the question again.
    if (given?.length && !values?.length) return { kind: 'redirect', location: addressFor(flow, answers) };
    if (values === undefined) {
      // Nothing after it can have been answered.
      if (byName.size) return { kind: 'refused' };
      // Its form was sent with nothing chosen, or it has not been asked yet.
      return asked?.[0] === question.id
        ? { kind: 'question', question, answers, error: question.error, chosen: [] }
        : settled({ kind: 'question', question, answers });
    }
    const chosen = values.filter(Boolean);
    if (chosen.length > question.options.length) return { kind: 'refused' };
    const error = answerError(question, chosen);
    if (error !== undefined) return { kind: 'question', question, answers, error, chosen };
    const options = question.options.filter((option) => chosen.includes(option.value));
    answers.push({ question, chosen: options });

    const next = question.type === 'radios' ? options[0]!.next : question.next;
    const outcome = flow.outcomes.get(next ?? '');
    if (outcome) {
      return byName.size ? { kind: 'refused' } : settled({ kind: 'outcome', outcome, answers });
    }
    question = flow.questions.find((q) => q.id === next);
  }
  return { kind: 'refused' };
}

/**
 * The values with each retired one replaced by the answer that replaced it (`now:`), or left
 * out if none did; the address is then not the answers' one, so the step is sent on to it.
 */
function withoutRetired(question: Question, values: string[]): string[] {
  if (!question.retired?.length) return values;
  const replaced = values.flatMap((value) => {
    const retired = question.retired!.find((r) => r.value === value);
    return retired ? (retired.now === undefined ? [] : [retired.now]) : [value];
  });
  return [...new Set(replaced)];
}

/** Why these values are not an answer to the question, or undefined if they are. */
function answerError(question: Question, chosen: string[]): string | undefined {
  if (chosen.length === 0) return question.error;
  if (chosen.some((value) => !question.options.some((option) => option.value === value))) return question.error;
  if (new Set(chosen).size !== chosen.length) return question.error;
  if (question.type === 'radios' && chosen.length > 1) return question.error;
  const exclusive = question.options.find((option) => option.exclusive && chosen.includes(option.value));
  if (exclusive && chosen.length > 1) return `Select "${exclusive.text}" on its own, or untick it`;
  return undefined;
}

/** The page before this step: the last question answered, or the home page before the first. */
export function backAddress(flow: Flow, answers: readonly Answer[]): string {
  return answers.length ? addressFor(flow, answers.slice(0, -1)) : '/';
}

/** Whether a section's `when` holds for these answers: each question named has one of the answers listed. */
export function applies(when: Readonly<Record<string, string | string[]>> | undefined, answers: readonly Answer[]): boolean {
  return Object.entries(when ?? {}).every(([id, values]) => {
    const answer = answers.find((a) => a.question.id === id);
    return !!answer && answer.chosen.some((option) => [values].flat().includes(option.value));
  });
}
