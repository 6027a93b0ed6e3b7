/**
 * The two feedback forms' fields, read and checked. Text is kept as typed (the page shows it
 * again on an error); personal details are removed only when it is stored (redact.ts).
 */
import { z } from 'zod';

/** What the textareas allow; the server allows a little more, as browsers count a line break as one character and send two. */
export const MAX_LENGTH = 1200;
const SERVER_MAX_LENGTH = MAX_LENGTH + 100;

export const PROBLEM_FIELDS = ['tryingToDo', 'wentWrong'] as const;
export type ProblemField = (typeof PROBLEM_FIELDS)[number];

/** The page the form was on: a site path, checked against the content by the handler. */
const page = z
  .string()
  .regex(/^\/[\w\-/]*$/)
  .max(200);
/** A filled honeypot: the form was sent by a program. */
const honeypot = z.string().optional();

export const usefulForm = z.object({ page, answer: z.enum(['yes', 'no']), website: honeypot });

const text = z
  .string()
  .optional()
  .transform((value) => (value ?? '').replace(/\r\n?/g, '\n').trim());
export const problemForm = z.object({ page, tryingToDo: text, wentWrong: text, website: honeypot });
export type ProblemFormValues = z.infer<typeof problemForm>;

/** What is wrong with a problem report, field by field, in the order the fields are on the page. */
export function problemErrors(values: ProblemFormValues): { field: ProblemField; text: string }[] {
  const errors: { field: ProblemField; text: string }[] = [];
  if (values.tryingToDo.length > SERVER_MAX_LENGTH) {
    errors.push({
      field: 'tryingToDo',
      text: `What you were trying to do must be ${MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
    });
  }
  if (!values.wentWrong) errors.push({ field: 'wentWrong', text: 'Enter what went wrong' });
  else if (values.wentWrong.length > SERVER_MAX_LENGTH) {
    errors.push({ field: 'wentWrong', text: `What went wrong must be ${MAX_LENGTH.toLocaleString('en-GB')} characters or fewer` });
  }
  return errors;
}
