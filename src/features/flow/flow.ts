/**
 * A question flow (content/flows/NAME.yml, asked at /NAME), loaded and checked: every answer
 * leads to a later question or an outcome, every question and outcome can be reached from
 * the first question, every link goes to a page and heading that exist, and every `when`
 * names real questions and answers. Each problem names the flow's file and its line.
 */
import { GAPS_FILE } from '../../content/contentFiles.js';
import { LineCounter, parseDocument } from 'yaml';
import { gapBlockProblems, showOpenGaps } from '../../content/gapInsets.js';
import { linkTargets, linkProblems, type LinkTargets } from '../../content/checks/links.js';
import { BLOCK_NAMES, type MarkdownRenderer } from '../../content/markdown.js';
import type { Page } from '../../content/page.js';
import { error, type Problem } from '../../content/problem.js';
import type { Gap } from '../../content/schema.js';
import { flowSchema, type FlowSource, type Outcome, type FlowAnswers, type Question, type Section } from './flowSchema.js';
import { checkRetired } from './flowRetired.js';
import { parseYamlFile } from '../../content/yamlFile.js';
import { imageProblems, NO_IMAGES, type ImageCatalogue } from '../../content/images.js';

/** The folder of the question flows: each file is one flow, asked at `/` + its name. */
export const FLOWS_DIR = 'flows';

/** `flows/could-ot-help.yml` → `/could-ot-help`; undefined for a file that is no flow. */
export function flowPathFor(file: string): string | undefined {
  const match = /^flows\/([a-z0-9]+(?:-[a-z0-9]+)*)\.yml$/.exec(file);
  return match ? `/${match[1]}` : undefined;
}

export interface RenderedSection extends Omit<Section, 'text'> {
  html: string;
}

export interface FlowOutcome extends Omit<Outcome, 'sections'> {
  sections: RenderedSection[];
}

export interface Flow {
  path: string;
  title: string;
  questions: readonly Question[];
  outcomes: ReadonlyMap<string, FlowOutcome>;
  contact: { heading: string; html: string };
}

export interface FlowContext {
  renderMarkdown: MarkdownRenderer;
  pages: readonly Page[];
  gaps: readonly Gap[];
  openGaps: ReadonlySet<string>;
  /** Files that could not be read: links to them are not reported again. */
  failed: ReadonlySet<string>;
  /** The pictures in content/images/ (the text may use them as a page does). */
  images?: ImageCatalogue;
  /** From content/flow-answers.yml: every answer value this flow has offered, which addresses may hold. */
  published?: FlowAnswers;
}

/** The heading of CONTENT.md's section on the question flows (a test checks that the guide has it). */
export const FLOW_GUIDE_SECTION = 'The questions: "Could Occupational Therapy help my child?"';
const SCHEMA_FIX = `See "${FLOW_GUIDE_SECTION}" in CONTENT.md for the fields of a flow file.`;

/** `file`: the flow's file in the content folder (`flows/could-ot-help.yml`); `path`: where it is asked. */
export function loadFlow(file: string, path: string, source: string, context: FlowContext): { flow?: Flow; problems: Problem[] } {
  const parsed = parseYamlFile(file, source, flowSchema, SCHEMA_FIX);
  if (!parsed.value) return { problems: parsed.problems };
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const lineAt = (...path: (string | number)[]): number => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  };
  const problem = (line: number, message: string, fix: string) => error({ file, line, message, fix });

  const source_ = parsed.value;
  const targets = linkTargets(context.pages, context.failed);
  const problems = [
    ...checkShape(source_, lineAt, problem),
    ...checkLinks(file, source_, targets, lineAt),
    ...checkRetired(source_, path, context.published ?? {}, lineAt, problem),
  ];

  const render = (text: string, line: number) => {
    // A `|` block starts on the line after its key.
    const rendered = context.renderMarkdown(text, line + 1);
    if (!context.failed.has(GAPS_FILE)) problems.push(...gapBlockProblems(file, rendered.gapBlocks, context.gaps));
    for (const block of rendered.blocks.filter((b) => !(BLOCK_NAMES as readonly string[]).includes(b.name))) {
      problems.push(
        problem(
          block.line,
          `"::: ${block.name}" is not a block this site knows.`,
          'Use "::: inset", "::: warning Heading", "::: details Question" or "::: gap id", and close it with ":::".',
        ),
      );
    }
    for (const link of rendered.links) problems.push(...linkProblems(link, file, targets));
    problems.push(...imageProblems(file, rendered.images, context.images ?? NO_IMAGES));
    return showOpenGaps(rendered.html, context.openGaps);
  };
  const outcomes = new Map<string, FlowOutcome>(
    source_.outcomes.map((outcome, o) => [
      outcome.id,
      {
        ...outcome,
        sections: outcome.sections.map(({ text, ...section }, s) => ({
          ...section,
          html: render(text, lineAt('outcomes', o, 'sections', s, 'text')),
        })),
      },
    ]),
  );
  const contact = { heading: source_.contact.heading, html: render(source_.contact.text, lineAt('contact', 'text')) };
  if (problems.length) return { problems };
  return { flow: Object.freeze({ path, title: source_.title, questions: source_.questions, outcomes, contact }), problems };
}

type LineAt = (...path: (string | number)[]) => number;
type MakeProblem = (line: number, message: string, fix: string) => Problem;

/** Where each answer leads, whether everything can be reached, and what `when` names. */
function checkShape(flow: FlowSource, lineAt: LineAt, problem: MakeProblem): Problem[] {
  const problems: Problem[] = [];
  const questionIndex = new Map(flow.questions.map((q, i) => [q.id, i]));
  const outcomeIds = new Set(flow.outcomes.map((o) => o.id));
  const targets = `later questions or outcomes: ${[...flow.questions.map((q) => q.id), ...outcomeIds].join(', ')}`;
  const reached = new Set<string>([flow.questions[0]!.id]);

  const duplicates = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
  for (const id of duplicates([...flow.questions.map((q) => q.id), ...outcomeIds])) {
    problems.push(problem(1, `Two questions or outcomes have the id "${id}".`, 'Give each question and outcome its own id.'));
  }

  /** `next` of question q (or of its option o) must name a later question or an outcome. */
  const follow = (next: string | undefined, q: number, path: (string | number)[], what: string) => {
    if (!next) {
      problems.push(problem(lineAt(...path), `${what} leads nowhere: it has no \`next:\`.`, `Add \`next:\` with one of the ${targets}.`));
      return;
    }
    const target = questionIndex.get(next);
    if (target === undefined && !outcomeIds.has(next)) {
      problems.push(
        problem(
          lineAt(...path, 'next'),
          `${what} leads to "${next}", which is not a question or an outcome.`,
          `Use one of the ${targets}.`,
        ),
      );
      return;
    }
    if (target !== undefined && target <= q) {
      problems.push(
        problem(
          lineAt(...path, 'next'),
          `${what} leads back to "${next}", which is not a later question.`,
          'Questions are asked in the order of the file: lead to a question further down, or to an outcome.',
        ),
      );
      return;
    }
    reached.add(next);
  };

  flow.questions.forEach((question, q) => {
    const at = ['questions', q];
    for (const value of duplicates(question.options.map((o) => o.value))) {
      problems.push(
        problem(
          lineAt(...at, 'options'),
          `The question "${question.id}" has two answers with the value "${value}".`,
          'Give each answer its own value.',
        ),
      );
    }
    // Answers of questions never reached lead nowhere that matters; report the question once.
    if (!reached.has(question.id)) {
      problems.push(
        problem(
          lineAt(...at, 'id'),
          `The question "${question.id}" can never be reached: no answer leads to it.`,
          'Make an earlier answer lead to it with `next:`, or delete it.',
        ),
      );
      return;
    }
    if (question.type === 'checkboxes') {
      follow(question.next, q, at, `The question "${question.id}"`);
      question.options.forEach((option, o) => {
        if (option.next)
          problems.push(
            problem(
              lineAt(...at, 'options', o, 'next'),
              `The answer "${option.value}" has its own \`next:\`, but with checkboxes every answer leads to the same place.`,
              'Move `next:` up to the question, next to `type: checkboxes`.',
            ),
          );
      });
    } else {
      if (question.next)
        problems.push(
          problem(
            lineAt(...at, 'next'),
            `The question "${question.id}" has \`next:\`, but with radios each answer says where it leads.`,
            'Move `next:` to each answer under `options:`.',
          ),
        );
      question.options.forEach((option, o) => {
        follow(option.next, q, [...at, 'options', o], `The answer "${option.value}" of "${question.id}"`);
        if (option.exclusive)
          problems.push(
            problem(
              lineAt(...at, 'options', o, 'exclusive'),
              '`exclusive:` only applies to checkboxes.',
              'Delete the line: a radio answer is always the only one.',
            ),
          );
      });
    }
  });

  flow.outcomes.forEach((outcome, o) => {
    if (!reached.has(outcome.id)) {
      problems.push(
        problem(
          lineAt('outcomes', o, 'id'),
          `The outcome "${outcome.id}" can never be reached: no answer leads to it.`,
          'Make an answer lead to it with `next:`, or delete it.',
        ),
      );
    }
    outcome.sections.forEach((section, s) => {
      for (const [id, values] of Object.entries(section.when ?? {})) {
        const question = flow.questions.find((q) => q.id === id);
        const line = lineAt('outcomes', o, 'sections', s, 'when', id);
        if (!question) {
          problems.push(
            problem(
              line,
              `\`when:\` names "${id}", which is not a question.`,
              `Use one of: ${flow.questions.map((q) => q.id).join(', ')}.`,
            ),
          );
          continue;
        }
        for (const value of [values].flat().filter((v) => !question.options.some((option) => option.value === v))) {
          problems.push(
            problem(
              line,
              `\`when:\` names the answer "${value}", which "${id}" does not have.`,
              `Use one of: ${question.options.map((option) => option.value).join(', ')}.`,
            ),
          );
        }
      }
    });
  });
  return problems;
}

function checkLinks(file: string, flow: FlowSource, targets: LinkTargets, lineAt: LineAt): Problem[] {
  return flow.questions.flatMap((question, q) =>
    question.options.flatMap((option, o) =>
      (option.mayFit ?? []).flatMap((link, l) =>
        linkProblems({ ...link, line: lineAt('questions', q, 'options', o, 'mayFit', l, 'href') }, file, targets),
      ),
    ),
  );
}
