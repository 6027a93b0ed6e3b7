/**
 * The question flow's pages, made for each request: the step the answers in the query
 * string lead to (flowAnswers.ts), as the view that lays it out (views/flow-question.njk or
 * views/flow-outcome.njk, with nhsuk-frontend's own macros) and its view model. Everything
 * the templates need is decided here.
 */
import type { Flow, FlowOutcome } from './flow.js';
import { addressFor, applies, ASKED, backAddress, stepFor, type Answer } from './flowAnswers.js';
import type { RenderedChrome } from '../../render/chrome.js';
import { slugify } from '../../content/markdown.js';
import { contentsOf } from '../../render/contents.js';
import { escapeHtml } from '../../render/environment.js';

export type FlowPage =
  { kind: 'page'; view: string; locals: Record<string, unknown> } | { kind: 'redirect'; location: string } | { kind: 'refused' };

export type FlowPages = (search: string) => FlowPage;

export function flowPages(chrome: RenderedChrome, flow: Flow): FlowPages {
  return (search) => {
    const step = stepFor(flow, search);
    if (step.kind === 'refused') return { kind: 'refused' };
    if (step.kind === 'redirect') return step;
    if (step.kind === 'outcome') {
      const back = backAddress(flow, step.answers);
      const locals = { chrome, page: { title: step.outcome.title }, flow: outcomeModel(flow, step.outcome, step.answers, back) };
      return { kind: 'page', view: 'flow-outcome.njk', locals };
    }
    const { question, answers, later, error, chosen = [] } = step;
    // Back keeps every answer, this one too when it is one.
    const own = error ? [] : [{ question, chosen: question.options.filter((option) => chosen.includes(option.value)) }];
    const back = backAddress(flow, answers, [...answers, ...own, ...later]);
    const field = {
      name: question.id,
      idPrefix: question.id,
      fieldset: {
        legend: {
          html: `<span class="nhsuk-caption-l">${escapeHtml(flow.title)}</span> ${escapeHtml(question.question)}`,
          isPageHeading: true,
          size: 'l',
        },
      },
      hint: question.hint ? { text: question.hint } : undefined,
      errorMessage: error ? { text: error } : undefined,
      // An answer that cannot be chosen with the others ("None of these") comes last, after "or".
      items: question.options.flatMap((option) => [
        ...(option.exclusive ? [{ divider: 'or' }] : []),
        {
          value: option.value,
          text: option.text,
          checked: chosen.includes(option.value),
          behaviour: option.exclusive ? 'exclusive' : undefined,
        },
      ]),
    };
    const locals = {
      chrome,
      page: { title: `${error ? 'Error: ' : ''}${question.question}` },
      flow: {
        title: flow.title,
        action: flow.path,
        back,
        type: question.type,
        // Every other answer, before and after this question, travels with the form.
        hidden: [...answers, ...later].flatMap(({ question: q, chosen }) => chosen.map((option) => ({ name: q.id, value: option.value }))),
        // The Continue button says which question was asked, so that "nothing chosen" can be told apart.
        button: { text: 'Continue', name: ASKED, value: question.id },
        field,
        errorList: error ? [{ text: error, href: `#${question.id}` }] : undefined,
      },
    };
    return { kind: 'page', view: 'flow-question.njk', locals };
  };
}

function outcomeModel(flow: Flow, outcome: FlowOutcome, answers: readonly Answer[], back: string) {
  const chosen = answers.flatMap((answer) => answer.chosen);
  const lists = {
    today: unique(chosen.flatMap((option) => option.today ?? []).map((text) => ({ text }))),
    // A part of the offer is listed only when the answers fit it (phone triage only for under-fives).
    mayFit: unique(chosen.flatMap((option) => option.mayFit ?? []).filter((item) => applies(item.when, answers))),
  };
  const sections = outcome.sections
    .filter((section) => applies(section.when, answers) && !(section.unless && applies(section.unless, answers)))
    .map((section) => ({
      heading: section.heading,
      id: section.heading && slugify(section.heading),
      html: section.html,
      list: section.list ? lists[section.list] : [],
    }));
  return {
    title: flow.title,
    back,
    // "Your answers": each question with what was chosen, and a link to change it (the answers kept).
    summary: answers.map((answer) => ({
      question: answer.question.question,
      chosen: answer.chosen.map((option) => option.text),
      change: addressFor(flow, answers, answer.question),
    })),
    startAgain: addressFor(flow, []),
    sections,
    contents: contentsOf(sections.flatMap(({ heading, id }) => (heading && id ? [{ level: 2, text: heading, id }] : []))),
    contact: flow.contact,
  };
}

/** Items in first-seen order, each once (several answers may point to the same part of the offer). */
function unique<T extends { text: string; href?: string; about?: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.href ?? item.text;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
