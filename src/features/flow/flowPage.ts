/**
 * The question flow's pages, made for each request: the step the answers in the query
 * string lead to (flowAnswers.ts), as the view that lays it out (views/flow-question.njk or
 * views/flow-outcome.njk, with nhsuk-frontend's own macros) and its view model. Everything
 * the templates need is decided here.
 */
import type { Flow, FlowOutcome } from './flow.js';
import { addressFor, applies, ASKED, backAddress, stepFor, type Answer } from './flowAnswers.js';
import type { RenderedChrome } from '../../render/chrome.js';
import { escapeHtml } from '../../render/environment.js';

export type FlowPage =
  { kind: 'page'; view: string; locals: Record<string, unknown> } | { kind: 'redirect'; location: string } | { kind: 'refused' };

export type FlowPages = (search: string) => FlowPage;

export function flowPages(chrome: RenderedChrome, flow: Flow): FlowPages {
  return (search) => {
    const step = stepFor(flow, search);
    if (step.kind === 'refused') return { kind: 'refused' };
    if (step.kind === 'redirect') return step;
    const back = backAddress(flow, step.answers);
    if (step.kind === 'outcome') {
      const locals = { chrome, page: { title: step.outcome.title }, flow: outcomeModel(flow, step.outcome, step.answers, back) };
      return { kind: 'page', view: 'flow-outcome.njk', locals };
    }
    const { question, answers, error, chosen = [] } = step;
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
        // Earlier answers travel with the form.
        hidden: answers.flatMap(({ question: q, chosen }) => chosen.map((option) => ({ name: q.id, value: option.value }))),
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
    mayFit: unique(chosen.flatMap((option) => option.mayFit ?? [])),
  };
  return {
    title: flow.title,
    back,
    startAgain: addressFor(flow, []),
    sections: outcome.sections
      .filter((section) => applies(section.when, answers))
      .map((section) => ({ heading: section.heading, html: section.html, list: section.list ? lists[section.list] : [] })),
    contact: flow.contact,
  };
}

/** Items in first-seen order, each once (several answers may point to the same part of the offer). */
function unique<T extends { text: string; href?: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.href ?? item.text;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
