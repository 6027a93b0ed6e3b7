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
 *
 * `at=<question>` shows a question already answered again, with its answers ticked and every
 * other answer kept (in hidden fields): the Back links and the answer page's Change links go
 * there, so going back never loses an answer. Continuing from it replays every answer: a
 * family that changed one answer comes straight back to the answer page, and answers to
 * questions the new answer no longer leads to are dropped.
 */
import type { Flow, FlowOutcome } from './flow.js';
import type { Option, Question } from './flowSchema.js';

export interface Answer {
  question: Question;
  chosen: Option[];
}

export type FlowStep =
  /**
   * Ask `question`; `error` when the answer sent was missing or not one of its options
   * (`chosen`: the values sent, or its answer when asked again). `answers` come before it,
   * `later` after it: both travel with its form.
   */
  | { kind: 'question'; question: Question; answers: Answer[]; later: Answer[]; error?: string; chosen?: string[] }
  | { kind: 'outcome'; outcome: FlowOutcome; answers: Answer[] }
  /** The same answers, at their one address. */
  | { kind: 'redirect'; location: string }
  /** Parameters that no form or link of the flow sends: a 400. */
  | { kind: 'refused' };

/** The parameter the Continue button sends, naming the question its form asked. */
export const ASKED = 'asked';

/** The parameter of a Back or Change link: the answered question to show again. */
export const AT = 'at';

/** The address of the page that follows these answers; with `at`, the address that shows that question again. */
export function addressFor(flow: Flow, answers: readonly Answer[], at?: Question): string {
  const query = new URLSearchParams();
  for (const { question, chosen } of answers) for (const option of chosen) query.append(question.id, option.value);
  if (at) query.append(AT, at.id);
  const search = query.toString();
  return search ? `${flow.path}?${search}` : flow.path;
}

/**
 * The most parameters any form or link of the flow sends: every option of every question
 * once, and `asked` or `at` (never both). An address with more is refused before its
 * parameters are read as answers.
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
  const at = byName.get(AT);
  byName.delete(ASKED);
  byName.delete(AT);
  if ((asked?.length ?? 0) > 1 || (at?.length ?? 0) > 1 || (asked && at)) return { kind: 'refused' };
  if ([...byName.keys()].some((name) => !flow.questions.some((q) => q.id === name))) return { kind: 'refused' };

  const here = search ? `${flow.path}?${search}` : flow.path;
  const settled = (step: FlowStep, location: string): FlowStep => (location === here ? step : { kind: 'redirect', location });
  /** The answers sent for questions after `question`, kept for its form; undefined if one is not an answer. */
  const laterThan = (question: Question): Answer[] | undefined => {
    const later: Answer[] = [];
    for (const q of flow.questions.slice(flow.questions.indexOf(question) + 1)) {
      const given = byName.get(q.id);
      const values = given && withoutRetired(q, given);
      if (!values?.length) continue;
      if (answerError(q, values) !== undefined) return undefined;
      later.push({ question: q, chosen: q.options.filter((option) => values.includes(option.value)) });
    }
    return later;
  };

  const answers: Answer[] = [];
  let question: Question | undefined = flow.questions[0];
  while (question) {
    const given = byName.get(question.id);
    byName.delete(question.id);
    const values = given && withoutRetired(question, given);
    // Every answer given was retired with nothing in its place: ask the question again.
    if (given?.length && !values?.length) return { kind: 'redirect', location: addressFor(flow, answers) };
    const isAsked = asked?.[0] === question.id;
    if (values === undefined) {
      if (isAsked) {
        // Its form was sent with nothing chosen: ask again, keeping the answers given after it.
        const later = laterThan(question);
        return later ? { kind: 'question', question, answers, later, error: question.error, chosen: [] } : { kind: 'refused' };
      }
      // Nothing after it can have been answered.
      if (byName.size) return { kind: 'refused' };
      // Not asked yet. An `at` for a question not answered is a link typed by hand: the question's own address.
      return settled({ kind: 'question', question, answers, later: [] }, addressFor(flow, answers));
    }
    const chosen = values.filter(Boolean);
    if (chosen.length > question.options.length) return { kind: 'refused' };
    const error = answerError(question, chosen);
    if (error !== undefined) {
      const later = laterThan(question);
      return later ? { kind: 'question', question, answers, later, error, chosen } : { kind: 'refused' };
    }
    const options = question.options.filter((option) => chosen.includes(option.value));

    if (at?.[0] === question.id) {
      // Asked again: its answers ticked, the answers after it kept.
      const later = laterThan(question);
      if (!later) return { kind: 'refused' };
      const all = [...answers, { question, chosen: options }, ...later];
      return settled({ kind: 'question', question, answers, later, chosen }, addressFor(flow, all, question));
    }
    answers.push({ question, chosen: options });

    const next = question.type === 'radios' ? options[0]!.next : question.next;
    const outcome = flow.outcomes.get(next ?? '');
    if (outcome) {
      // Answers left over were given to questions a changed answer no longer leads to: a form
      // sends them (it keeps every answer), so they are dropped; in a typed address they are refused.
      if (byName.size && !asked) return { kind: 'refused' };
      return settled({ kind: 'outcome', outcome, answers }, addressFor(flow, answers));
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

/**
 * The Back link of a step: the question before it, shown again with every answer kept, or the
 * home page before the first. `shown` is the question on the page, if it is one.
 */
export function backAddress(flow: Flow, answers: readonly Answer[], all: readonly Answer[] = answers): string {
  const previous = answers.at(-1)?.question;
  return previous ? addressFor(flow, all, previous) : '/';
}

/** Whether a section's `when` holds for these answers: each question named has one of the answers listed. */
export function applies(when: Readonly<Record<string, string | string[]>> | undefined, answers: readonly Answer[]): boolean {
  return Object.entries(when ?? {}).every(([id, values]) => {
    const answer = answers.find((a) => a.question.id === id);
    return !!answer && answer.chosen.some((option) => [values].flat().includes(option.value));
  });
}
