/**
 * The schema of a question flow file (content/flows/*.yml), such as the "Could Occupational Therapy help my child?" questions.
 * CONTENT.md documents each field; the checks that need the whole flow (every answer leads
 * somewhere, nothing unreachable, links exist) are in `flow.ts`.
 */
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be lower-case words joined by hyphens, like under-5' });
const text = z.string({ error: 'is missing' }).trim().min(1, { error: 'is empty' });

const offerLink = z
  .object({
    text,
    href: z.string().regex(/^\/[a-z0-9\-/]*(#[a-z0-9-]+)?$/, { error: 'must be a path on this site, like /targeted#video-assessments' }),
  })
  .strict();

const option = z
  .object({
    /** Written in the web address: keep it short and never change it once published. */
    value: id,
    text,
    /** Radios only: the id of a later question or of an outcome. */
    next: id.optional(),
    /** Things a family can do today without a referral, listed on the answer page. */
    today: z.array(text).optional(),
    /** Parts of the offer that may fit, each a link to its section of a tier page. */
    mayFit: z.array(offerLink).optional(),
    /** Checkboxes only: this option ("None of these") cannot be chosen with another. */
    exclusive: z.boolean().optional(),
  })
  .strict();

/**
 * An answer value that is no longer offered but that families' saved and shared addresses
 * may still hold: `now` names the answer that replaced it (the address is sent on to that
 * answer); without `now` the question is asked again.
 */
const retired = z
  .object({
    value: id,
    now: id.optional(),
  })
  .strict();

const question = z
  .object({
    id,
    question: text,
    hint: text.optional(),
    /** The error shown when nothing is chosen, like "Select how old your child is". */
    error: text,
    type: z.enum(['radios', 'checkboxes'], { error: 'must be radios (choose one) or checkboxes (choose any)' }),
    /** Checkboxes only: where the question leads, whatever is chosen. */
    next: id.optional(),
    options: z.array(option).min(2, { error: 'needs at least 2 options' }),
    /** Values this question no longer offers, which old addresses may hold. */
    retired: z.array(retired).optional(),
  })
  .strict();

const section = z
  .object({
    heading: text.optional(),
    /** Markdown. */
    text,
    /** Adds a list of the chosen answers' `today` or `mayFit` items after the text. */
    list: z.enum(['today', 'mayFit']).optional(),
    /** Shown only when every question named has one of the answers given. */
    when: z.record(id, z.union([id, z.array(id).min(1)])).optional(),
  })
  .strict();

const outcome = z
  .object({
    id,
    title: text,
    sections: z.array(section).min(1),
  })
  .strict();

export const flowSchema = z
  .object({
    title: text,
    questions: z.array(question).min(1),
    outcomes: z.array(outcome).min(1),
    /** Markdown shown at the end of every answer page: how to phone. */
    contact: z.object({ heading: text, text }).strict(),
  })
  .strict();

export type FlowSource = z.infer<typeof flowSchema>;
export type Question = FlowSource['questions'][number];
export type Option = Question['options'][number];
export type Outcome = FlowSource['outcomes'][number];
export type Section = Outcome['sections'][number];

/** Every answer value one flow has offered, by question. */
const flowAnswers = z.record(id, z.array(id));
export type FlowAnswers = z.infer<typeof flowAnswers>;

/**
 * content/flow-answers.yml: every answer value each flow has offered, by the flow's address
 * and then by question, written by `npm run content:check`. A value in it that is neither
 * offered nor `retired` breaks addresses families may have saved or shared.
 */
export const publishedAnswersSchema = z.record(
  z.string().regex(/^\/[a-z0-9]+(-[a-z0-9]+)*$/, { error: "must be a flow's address, like /could-ot-help" }),
  flowAnswers,
);
export type PublishedAnswers = z.infer<typeof publishedAnswersSchema>;
