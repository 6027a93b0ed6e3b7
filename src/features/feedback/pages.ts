/**
 * The feedback pages, made for each request (views/feedback/, drawn with `res.render`): the thank-you page
 * (with "Report a problem with this page" after a No, and its errors), and the pages for
 * feedback not sent (the store is unavailable: 503; too many sent: 429), each giving the
 * phone number for anything about a child's care.
 */
import { digitsOf, hoursInWords } from '../../content/service.js';
import type { Site } from '../../content/site.js';
import type { RenderedChrome } from '../../render/chrome.js';
import { escapeHtml } from '../../render/environment.js';
import { PROBLEM_FIELDS, MAX_LENGTH, type ProblemField } from './forms.js';

export const HINT = "Do not include personal information, such as your child's name, date of birth or NHS number.";

export interface FieldError {
  field: ProblemField;
  text: string;
}

/** A view of views/feedback/ and what it shows. */
export interface FeedbackView {
  view: string;
  locals: object;
}

export interface FeedbackPages {
  /** Whether `path` is a content page feedback can be about. */
  knows(path: string): boolean;
  /** After an answer (`no` offers the problem form), or after a report was sent. */
  thanks(page: string, after: 'yes' | 'no' | 'reported'): FeedbackView;
  /** The problem form again, with what was typed and what is wrong with it. */
  problemForm(page: string, values: Record<ProblemField, string>, errors: FieldError[]): FeedbackView;
  /** The store could not keep it (503). */
  notSaved(page: string): FeedbackView;
  /** A form refused before anything was kept, with its status. */
  refused(status: Refusal, page?: string): FeedbackView;
}

export type Refusal = 400 | 403 | 404 | 413 | 414 | 415 | 417 | 429;

const LABELS: Record<ProblemField, string> = { tryingToDo: 'What were you trying to do?', wentWrong: 'What went wrong?' };

const NOT_SENT = 'Sorry, your feedback was not sent';
const USE_THE_FORM = 'To tell us about a page, use the form at the bottom of it.';

/** The words of each page for feedback not taken, following the NHS.UK error page patterns. */
const NOT_TAKEN: Record<Refusal | 503, { heading: string; paragraphs: string[] }> = {
  503: {
    heading: 'Sorry, your feedback was not saved',
    paragraphs: ['There is a problem with our website, so we could not save what you sent. Try again later.'],
  },
  429: {
    heading: NOT_SENT,
    paragraphs: ['We have had a lot of feedback from your connection in a short time. Wait a few minutes, then try again.'],
  },
  400: { heading: NOT_SENT, paragraphs: ['Something was missing from the form.', USE_THE_FORM] },
  403: { heading: NOT_SENT, paragraphs: ['It was sent from another website.', USE_THE_FORM] },
  404: { heading: NOT_SENT, paragraphs: ['We could not find the page it was about on this website.', USE_THE_FORM] },
  413: { heading: NOT_SENT, paragraphs: ['It was longer than we can take. Shorten it and try again.'] },
  414: { heading: NOT_SENT, paragraphs: ['The web address it was sent to is too long.', USE_THE_FORM] },
  415: { heading: NOT_SENT, paragraphs: ['It was not sent as an ordinary form.', USE_THE_FORM] },
  417: { heading: NOT_SENT, paragraphs: ['Your browser asked for something this website does not do.', USE_THE_FORM] },
};

export function feedbackPages(chrome: RenderedChrome, site: Site): FeedbackPages {
  const { contact: facts } = site.settings.service;
  const contact = {
    name: facts.name,
    // Non-breaking spaces: a phone number split across lines is easy to misdial.
    phone: facts.phone.replace(/ /g, '\u00a0'),
    phoneHref: `tel:${digitsOf(facts.phone)}`,
    openingHours: hoursInWords(facts.hours),
  };
  const careNoticeHtml =
    `This form is for problems with this website. We cannot reply to it. If it is about your child's care, phone the ` +
    `${escapeHtml(contact.name)} on <a href="${contact.phoneHref}">${escapeHtml(contact.phone)}</a> (${escapeHtml(contact.openingHours)}).`;
  const titleOf = (page: string) => site.pages.get(page)?.meta.title ?? 'the page';

  const thanksPage = (
    page: string,
    after: 'yes' | 'no' | 'reported',
    values?: Record<ProblemField, string>,
    errors: FieldError[] = [],
  ): FeedbackView => {
    const reported = after === 'reported';
    const heading = reported ? 'Thank you for reporting a problem' : 'Thank you for your feedback';
    const paragraphs = reported
      ? ['We use reports to improve this website. We will not reply, as we do not know who sent it.']
      : after === 'no'
        ? ['Tell us what was wrong with the page, so we can put it right.']
        : ['It helps us improve this website.'];
    const byField = new Map(errors.map((error) => [error.field, error.text]));
    return {
      view: 'feedback/thanks.njk',
      locals: {
        chrome,
        page: { title: `${errors.length ? 'Error: ' : ''}${heading}` },
        feedback: {
          heading,
          paragraphs,
          page,
          pageTitle: titleOf(page),
          problemForm: after === 'no',
          careNoticeHtml,
          hint: HINT,
          maxLength: MAX_LENGTH,
          errors: errors.map((error) => ({ text: error.text, href: `#${error.field}` })),
          fields: PROBLEM_FIELDS.map((name) => ({ name, label: LABELS[name], value: values?.[name] ?? '', error: byField.get(name) })),
        },
      },
    };
  };

  const notTaken = (status: Refusal | 503, page?: string): FeedbackView => ({
    view: 'feedback/not-sent.njk',
    locals: {
      chrome,
      page: { title: NOT_TAKEN[status].heading },
      feedback: { ...NOT_TAKEN[status], contact, page: page && site.pages.has(page) ? page : undefined, pageTitle: page && titleOf(page) },
    },
  });

  return {
    knows: (path) => site.pages.has(path),
    thanks: (page, after) => thanksPage(page, after),
    problemForm: (page, values, errors) => thanksPage(page, 'no', values, errors),
    notSaved: (page) => notTaken(503, page),
    refused: (status, page) => notTaken(status, page),
  };
}
